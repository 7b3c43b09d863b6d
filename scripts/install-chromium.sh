#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (never a downloaded browser build).
# Installs it when missing and we may; otherwise the browser tests skip with a message.
set -u
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "could not install chromium; browser tests will be skipped" >&2
else
  echo "chromium is not installed and cannot be installed here; browser tests will be skipped" >&2
fi
exit 0
