#!/usr/bin/env bash
# Makes sure the consumers that check generated documents are installed: LibreOffice (DOCX/PPTX to PDF) and
# poppler (pdfinfo, pdftoppm). Chromium, which prints PDFs, is scripts/ensure-chromium.sh's. Installs only
# what is missing, with one `apt-get update`. Exits non-zero, saying what to install, when it cannot install
# (not root, or no apt).
set -euo pipefail

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-impress-nogui libreoffice-writer-nogui)
{ command -v pdftoppm >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; } || missing+=(poppler-utils)

if [ ${#missing[@]} -eq 0 ]; then
  echo "ensure-office: soffice, pdftoppm and pdfinfo are installed; nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-office: cannot install here (needs root and apt-get); please install: apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "ensure-office: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
# Without recommends, as measured (docs/stack.md, "Checking generated office files").
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
