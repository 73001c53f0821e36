#!/usr/bin/env bash
# Makes sure the fonts that documents need for Chinese, Japanese, Korean and emoji are installed: without
# them Chromium prints those characters as empty boxes (DejaVu, which Chromium brings, covers Latin, Greek,
# Cyrillic, Arabic and Hebrew only). Installs Debian's `fonts-noto-cjk` and `fonts-noto-color-emoji` when
# they are missing and this is root with apt-get; otherwise says in one line what to install and exits non-zero.
set -euo pipefail

missing=()
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK-* >/dev/null 2>&1 ||
  missing+=(fonts-noto-cjk)
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)

if [ ${#missing[@]} -eq 0 ]; then
  echo "ensure-fonts: fonts-noto-cjk and fonts-noto-color-emoji are installed; nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-fonts: ${missing[*]} missing and cannot be installed here (needs root and apt-get): sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "ensure-fonts: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
echo "ensure-fonts: installed ${missing[*]}"
