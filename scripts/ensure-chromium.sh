#!/usr/bin/env bash
# Installs Chromium (the browser the Web UI's browser tests drive through playwright-core) from Debian's
# packages if missing: playwright's own browser download cannot be used here. Never fatal: without it the
# browser spec fails naming this script. Set KAFKA_TESTBED_NO_APT=1 to never call apt-get.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

binary="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$binary" ]]; then exit 0; fi
fallback="the Web UI browser tests will fail (or set CHROMIUM_PATH to a Chromium binary)."
if apt_install chromium "$fallback" chromium fonts-dejavu-core; then
  if [[ -x "$binary" ]]; then
    printf '[chromium] installed %s\n' "$("$binary" --version 2>/dev/null | head -n 1)" >&2
  else
    printf '[chromium] apt-get installed chromium but %s is missing; %s\n' "$binary" "$fallback" >&2
  fi
fi
exit 0
