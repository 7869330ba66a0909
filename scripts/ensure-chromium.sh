#!/usr/bin/env bash
# Installs Chromium (the browser the Web UI's browser tests drive through playwright-core) from Debian's
# packages if missing: playwright's own browser download cannot be used here. Never fatal: without it the
# browser spec fails naming this script. Set KAFKA_TESTBED_NO_APT=1 to never call apt-get.
set -euo pipefail

say() { printf '[chromium] %s\n' "$*" >&2; }
binary="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [[ -x "$binary" ]]; then exit 0; fi
if [[ "${KAFKA_TESTBED_NO_APT:-}" == "1" ]]; then
  say "$binary not found and KAFKA_TESTBED_NO_APT=1; the Web UI browser tests will fail."
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  say "$binary not found and this is not a Debian/Ubuntu machine; install Chromium with your package manager"
  say "(or set CHROMIUM_PATH) for the Web UI browser tests."
  exit 0
fi
sudo_cmd=()
if [[ "$(id -u)" != "0" ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo_cmd=(sudo -n)
  else
    say "$binary not found; not root and no password-less sudo, so not installing it (apt-get install -y chromium)."
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
say "installing chromium with apt-get"
# The package lists may be missing on a fresh image: refresh them only when chromium has no candidate.
if [[ "$(apt-cache policy chromium 2>/dev/null)" != *"Candidate: "[0-9]* ]]; then
  "${sudo_cmd[@]}" apt-get update -qq >/dev/null 2>&1 || say "apt-get update failed; trying the install anyway"
fi
if "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1 &&
  [[ -x "$binary" ]]; then
  say "installed $("$binary" --version 2>/dev/null | head -n 1)"
else
  say "could not install chromium with apt-get; the Web UI browser tests will fail."
fi
