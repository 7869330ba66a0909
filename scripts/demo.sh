#!/usr/bin/env bash
# `npm run demo`: runs sample-app against two clusters. With no KAFKA_PRIMARY_BROKERS/KAFKA_SECONDARY_BROKERS
# it starts the project's local pair first and stops what it started when the demo ends (even on failure).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

started=0
if [[ -z "${KAFKA_PRIMARY_BROKERS:-}" && -z "${KAFKA_SECONDARY_BROKERS:-}" ]]; then
  if ! bash scripts/kafka/status.sh >/dev/null 2>&1; then
    started=1
    trap 'bash scripts/kafka/down.sh >/dev/null 2>&1 || true' EXIT INT TERM
  fi
  bash scripts/kafka/up.sh
fi

npm run --silent build
# sample-app imports 'nestjs-karafka' like a user would; the package's `exports` resolve it to dist/.
node -r ts-node/register/transpile-only sample-app/src/main.ts
[[ "$started" == 1 ]] && echo "Stopping the clusters the demo started."
exit 0
