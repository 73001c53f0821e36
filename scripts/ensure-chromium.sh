#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (playwright-core drives /usr/bin/chromium;
# no browser is ever downloaded). Installs the `chromium` package when it is missing and this is root with
# apt-get; otherwise says in one line what to install and exits non-zero.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "ensure-chromium: /usr/bin/chromium is installed; nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium is missing and cannot be installed here (needs root and apt-get): install Debian's chromium package (sudo apt-get install -y chromium)" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
[ -x /usr/bin/chromium ] || { echo "ensure-chromium: apt-get finished but /usr/bin/chromium is still missing" >&2; exit 1; }
echo "ensure-chromium: installed $(/usr/bin/chromium --version 2>/dev/null | head -1)"
