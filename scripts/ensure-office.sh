#!/usr/bin/env bash
# Makes sure the consumers that check generated documents are installed: LibreOffice (DOCX/PPTX to PDF),
# poppler (pdfinfo, pdftoppm) and Chromium (PDF by print). Installs only what is missing, with one
# `apt-get update`. Exits non-zero, saying what to install, when it cannot install (not root, or no apt).
set -euo pipefail

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-impress-nogui libreoffice-writer-nogui)
{ command -v pdftoppm >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; } || missing+=(poppler-utils)
chromium=()
[ -x /usr/bin/chromium ] || chromium=(chromium)

all=("${missing[@]}" "${chromium[@]}")
if [ ${#all[@]} -eq 0 ]; then
  echo "ensure-office: soffice, pdftoppm, pdfinfo and chromium are installed; nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-office: cannot install here (needs root and apt-get); please install: ${all[*]}" >&2
  [ ${#missing[@]} -eq 0 ] || echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
  [ ${#chromium[@]} -eq 0 ] || echo "  apt-get install -y chromium" >&2
  exit 1
fi

echo "ensure-office: installing ${all[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
# Office and poppler without recommends (as measured: docs/stack.md); Chromium with them (its fonts).
[ ${#missing[@]} -eq 0 ] || apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
[ ${#chromium[@]} -eq 0 ] || apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
