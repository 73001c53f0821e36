#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests and PDF printing (playwright-core drives
# it; no browser is ever downloaded). The headless build, `chromium-headless-shell`, is the one wanted: the
# same engine as the `chromium` package without the browser's interface, and much cheaper to drive
# (docs/stack.md, Chromium). Installs it when it is missing and this is root with apt-get; otherwise a
# machine that has the full `chromium` uses that, and one that has neither is told what to install.
set -euo pipefail

SHELL_BIN=/usr/lib/chromium/chromium-headless-shell
if [ -x "$SHELL_BIN" ]; then
  echo "ensure-chromium: $SHELL_BIN is installed; nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  if [ -x /usr/bin/chromium ]; then
    echo "ensure-chromium: using /usr/bin/chromium; Debian's chromium-headless-shell does the same work for less (sudo apt-get install -y chromium-headless-shell)"
    exit 0
  fi
  echo "ensure-chromium: no Chromium here, and it cannot be installed (needs root and apt-get): install Debian's chromium-headless-shell package (sudo apt-get install -y chromium-headless-shell)" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium-headless-shell package"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium-headless-shell >/dev/null
[ -x "$SHELL_BIN" ] || { echo "ensure-chromium: apt-get finished but $SHELL_BIN is still missing" >&2; exit 1; }
echo "ensure-chromium: installed $("$SHELL_BIN" --version 2>/dev/null | head -1)"
