#!/usr/bin/env bash
# Installs kcat (the independent peer client the e2e tests read with) from Debian's packages if missing.
# Never fatal: without kcat the tests fall back to Kafka's own console consumer from the test bed's jars.
# Set KAFKA_TESTBED_NO_APT=1 to never call apt-get.
set -euo pipefail

say() { printf '[kcat] %s\n' "$*" >&2; }

if command -v kcat >/dev/null 2>&1; then exit 0; fi
if [[ "${KAFKA_TESTBED_NO_APT:-}" == "1" ]]; then
  say "kcat not found and KAFKA_TESTBED_NO_APT=1; e2e tests will use Kafka's console consumer instead."
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  say "kcat not found and this is not a Debian/Ubuntu machine; e2e tests will use Kafka's console consumer."
  say "Install kcat with your package manager to use it as the peer client."
  exit 0
fi
sudo_cmd=()
if [[ "$(id -u)" != "0" ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo_cmd=(sudo -n)
  else
    say "kcat not found; not root and no password-less sudo, so not installing it (apt-get install -y kcat)."
    say "e2e tests will use Kafka's console consumer instead."
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
say "installing kcat with apt-get"
# The package lists may be missing on a fresh image: refresh them only when kcat has no candidate.
if [[ "$(apt-cache policy kcat 2>/dev/null)" != *"Candidate: "[0-9]* ]]; then
  "${sudo_cmd[@]}" apt-get update -qq >/dev/null 2>&1 || say "apt-get update failed; trying the install anyway"
fi
if "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends kcat >/dev/null 2>&1 && command -v kcat >/dev/null 2>&1; then
  say "installed $(kcat -V 2>/dev/null | head -n 1)"
else
  say "could not install kcat with apt-get; e2e tests will use Kafka's console consumer instead."
fi
