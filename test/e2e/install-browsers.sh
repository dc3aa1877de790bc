#!/usr/bin/env bash
# Installs the browsers the end-to-end tests drive (Debian's packages), and a
# CJK font so screenshots show Chinese text.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "Run as root (or with sudo): apt-get install -y chromium firefox-esr fonts-wqy-microhei" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium firefox-esr fonts-wqy-microhei >/dev/null
chromium --version
firefox-esr --version
