#!/usr/bin/env bash
# `npm run demo`: runs sample-app against two clusters. `npm run demo -- --web` keeps it running with the Web UI at
# http://127.0.0.1:3000/karafka (WEB_PORT picks another port; the credentials are printed). With no KAFKA_PRIMARY_BROKERS/KAFKA_SECONDARY_BROKERS
# it starts the project's local clusters that are not running yet, and stops those again when the demo ends
# (even on failure); clusters that were already running are left alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

started=()
stop_started() {
  for name in "${started[@]}"; do bash scripts/kafka/down.sh "$name" >/dev/null 2>&1 || true; done
}
if [[ -z "${KAFKA_PRIMARY_BROKERS:-}" && -z "${KAFKA_SECONDARY_BROKERS:-}" ]]; then
  for name in primary secondary; do
    bash scripts/kafka/status.sh "$name" >/dev/null 2>&1 || started+=("$name")
  done
  trap stop_started EXIT
  bash scripts/kafka/up.sh primary secondary
fi

npm run --silent build
# sample-app imports 'nestjs-karafka' like a user would; the package's `exports` resolve it to dist/.
MONITORING_PORT="${MONITORING_PORT:-0}" node -r ts-node/register/transpile-only sample-app/src/main.ts "$@"
