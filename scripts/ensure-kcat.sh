#!/usr/bin/env bash
# Installs kcat (the independent peer client the e2e tests read with) from Debian's packages if missing.
# Never fatal: without kcat the tests fall back to Kafka's own console consumer from the test bed's jars.
# Set KAFKA_TESTBED_NO_APT=1 to never call apt-get.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

if command -v kcat >/dev/null 2>&1; then exit 0; fi
fallback="e2e tests will use Kafka's console consumer instead."
if apt_install kcat "$fallback" kcat; then
  if command -v kcat >/dev/null 2>&1; then
    printf '[kcat] installed %s\n' "$(kcat -V 2>/dev/null | head -n 1)" >&2
  else
    printf '[kcat] apt-get installed kcat but it is not on PATH; %s\n' "$fallback" >&2
  fi
fi
exit 0
