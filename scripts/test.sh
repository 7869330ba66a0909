#!/usr/bin/env bash
# `npm test`: unit tests, then the e2e suite against the test bed's three real Kafka clusters.
# Clusters named by KAFKA_PRIMARY_BROKERS / KAFKA_SECONDARY_BROKERS / KAFKA_SECURE_BROKERS are used as they are; the others come
# from the test bed: reused if already running, otherwise started fresh here and stopped again on exit,
# whether the tests pass, fail or the run is interrupted. Extra arguments go to both jest runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '[test] %s\n' "$*" >&2; }
run_started="$(date +%s)"
jest=node_modules/.bin/jest
[[ -x "$jest" ]] || { say "ERROR: jest is not installed; run 'npm ci' first."; exit 1; }

started=""
child=""

stop_started() {
  if [[ -n "$started" ]]; then
    say "stopping the clusters this run started: $started"
    # shellcheck disable=SC2086 # one word per cluster name
    bash scripts/kafka/down.sh $started || say "WARNING: scripts/kafka/down.sh $started failed"
    started=""
  fi
}

on_signal() {
  local signal="$1" code="$2"
  trap - INT TERM HUP PIPE
  say "received SIG$signal, stopping"
  if [[ -n "$child" ]]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  exit "$code" # runs the EXIT trap
}

trap stop_started EXIT
trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM
trap 'on_signal HUP 129' HUP
# Output piped into a reader that quit (e.g. `npm test | head`): stop quietly instead of dying mid-way.
trap 'exec >/dev/null 2>&1; on_signal PIPE 141' PIPE

# Runs a command in the background and waits, so a signal interrupts the wait at once.
run() {
  "$@" &
  child=$!
  local status=0
  wait "$child" || status=$?
  child=""
  return "$status"
}

bash scripts/ensure-kcat.sh || say "kcat set-up failed; the e2e peer falls back to Kafka's console consumer"
bash scripts/ensure-chromium.sh || say "Chromium set-up failed; the Web UI's browser spec will say so"

say "unit tests"
unit_status=0
run "$jest" "$@" --selectProjects unit || unit_status=$?

# Which clusters does the e2e suite need from the test bed?
declare -A env_name=([primary]=KAFKA_PRIMARY_BROKERS [secondary]=KAFKA_SECONDARY_BROKERS [secure]=KAFKA_SECURE_BROKERS)
to_start=()
for name in primary secondary secure; do
  var="${env_name[$name]}"
  if [[ -n "${!var:-}" ]]; then
    say "$name: using $var=${!var} (nothing started or stopped)"
  elif out="$(bash scripts/kafka/status.sh "$name" 2>/dev/null)"; then
    export "$var=$(sed -n "s/^$name bootstrap: //p" <<<"$out")"
    say "$name: test bed cluster already running on ${!var}; using it and leaving it running"
  else
    to_start+=("$name")
  fi
done
if ((${#to_start[@]} > 0)); then
  started="${to_start[*]}"
  say "starting fresh test bed clusters: $started"
  up_out="$(KAFKA_FRESH=1 bash scripts/kafka/up.sh "${to_start[@]}")" || {
    say "ERROR: could not start the Kafka test bed (see above)"
    exit 1
  }
  printf '%s\n' "$up_out"
  for name in "${to_start[@]}"; do
    var="${env_name[$name]}"
    export "$var=$(sed -n "s/^$name bootstrap: //p" <<<"$up_out")"
  done
fi

say "e2e tests against primary=$KAFKA_PRIMARY_BROKERS secondary=$KAFKA_SECONDARY_BROKERS secure=$KAFKA_SECURE_BROKERS"
e2e_status=0
# --forceExit: after a failed fault case a killed broker's client can keep a socket open; the run must still end.
run "$jest" "$@" --selectProjects e2e --runInBand --forceExit || e2e_status=$?

# The parity suite: the specs that define behaviour (routing, dead letters, drain, producers, jobs, admin, a
# cluster's outage, the faults, the secured cluster) again on the librdkafka driver; the run above was on
# kafkajs, the default. test/support/e2e-driver.ts reads KARAFKA_E2E_DRIVER. test/e2e/librdkafka-admin.e2e-spec.ts compares both admins in the run above.
parity_specs=(
  test/e2e/routing.e2e-spec.ts
  test/e2e/consumer-runner.e2e-spec.ts
  test/e2e/consumer-app.e2e-spec.ts
  test/e2e/producer.e2e-spec.ts
  test/e2e/jobs.e2e-spec.ts
  test/e2e/admin.e2e-spec.ts
  test/e2e/consumer-outage.e2e-spec.ts
  test/e2e/faults
  test/e2e/secure-cluster.e2e-spec.ts
)
say "parity: ${#parity_specs[@]} e2e paths again on the librdkafka driver"
parity_status=0
run env KARAFKA_E2E_DRIVER=librdkafka "$jest" "$@" --selectProjects e2e --runInBand --forceExit "${parity_specs[@]}" ||
  parity_status=$?

# Nest 12 is ESM-only and jest cannot load it on Node 20: the built library runs under plain node instead.
say "Nest 12 check: the packed library under plain node"
nest12_status=0
run bash scripts/nest12-check.sh || nest12_status=$?

# What a user installs: nestjs-karafka/testing under jest and `npx nestjs-karafka kafka up`, from the packed library.
say "testing package check: the packed library's testing entry and kafka up, in a fresh app"
testing_status=0
run bash scripts/testing-package-check.sh || testing_status=$?

stop_started
outcome() { if (($1 == 0)); then echo passed; else echo "FAILED (exit $1)"; fi; }
say "unit: $(outcome "$unit_status"); e2e: $(outcome "$e2e_status"); parity on librdkafka: $(outcome "$parity_status"); nest 12: $(outcome "$nest12_status"); testing package: $(outcome "$testing_status"); total $(($(date +%s) - run_started)) s"
for status in "$unit_status" "$e2e_status" "$parity_status" "$nest12_status" "$testing_status"; do
  if ((status != 0)); then exit "$status"; fi
done
exit 0
