#!/usr/bin/env bash
# Makes sure the browser test (test/examples/chat-browser.test.ts) has a Chromium: Debian's `chromium`
# package at /usr/bin/chromium, driven by playwright-core. Nothing is downloaded by Playwright; when the
# package is missing it is installed with apt-get (as root, or through sudo without a password prompt).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x $CHROMIUM ]]; then
  echo "ensure-chromium: using $CHROMIUM"
  exit 0
fi

SUDO=''
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO='sudo -n'; else
    echo "ensure-chromium: $CHROMIUM is missing and this user cannot install packages (not root, no password-less sudo):" >&2
    echo "  install Debian's chromium as root: apt-get install -y chromium" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and there is no apt-get: install a Chromium at $CHROMIUM (Debian's 'chromium' package)" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium (apt-get)"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
if [[ ! -x $CHROMIUM ]]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing: install Debian's chromium package by hand" >&2
  exit 1
fi
echo "ensure-chromium: installed $($CHROMIUM --version 2>/dev/null || echo chromium)"
