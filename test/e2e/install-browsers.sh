#!/usr/bin/env bash
# Installs the browsers the end-to-end tests drive (Debian's packages), a CJK
# font so screenshots show Chinese text, and Firefox's Chinese language pack
# (the tests run the browsers in Chinese, and in English); and rclone, whose
# `rclone serve webdav` is the real WebDAV server the sync tests run against.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "Run as root (or with sudo): apt-get install -y chromium chromium-l10n firefox-esr firefox-esr-l10n-zh-cn fonts-wqy-microhei rclone" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-l10n firefox-esr firefox-esr-l10n-zh-cn fonts-wqy-microhei rclone >/dev/null
chromium --version
firefox-esr --version
rclone version | head -1
