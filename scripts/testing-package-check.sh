#!/usr/bin/env bash
# Packs the library and installs it into a fresh app (.cache/testing-package/app, made from
# test/testing-package-app/) the way a user would, offline: the tarball, kafkajs from npm's cache, Nest, jest and
# ts-jest from this project's node_modules. From there it shows that nestjs-karafka/testing works with jest (a
# unit test on the in-memory driver, an e2e test on a local Kafka), that `npx nestjs-karafka kafka up|status|down`
# works from the installed package, and that the jest global setup reuses a running cluster, starts one
# otherwise, and that its teardown stops only what it started. Starts one local cluster at a time, on free ports.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/.cache/testing-package"
app="$work/app"
started_at="$(date +%s)"
say() { printf '[testing-package] %s\n' "$*" >&2; }
fail() {
  say "FAILED: $*"
  exit 1
}

cd "$root"
npm run --silent build
mkdir -p "$work"
rm -f "$work"/nestjs-karafka-*.tgz
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"

# A fresh app every time; only its Kafka cache (the jars Maven fetched) is kept.
mkdir -p "$app"
find "$app" -mindepth 1 -maxdepth 1 ! -name .cache -exec rm -rf {} +
cp -r "$root/test/testing-package-app/." "$app/"
cd "$app"
printf '{ "name": "testing-package-check-app", "private": true, "version": "0.0.0" }\n' >package.json
npm install --offline --no-audit --no-fund --legacy-peer-deps "../$tarball" >/dev/null ||
  fail "could not install $tarball offline (kafkajs must be in npm's cache: run 'npm ci' in $root once)"

# A user's fresh app: no cluster named by the environment. npm test exports the test bed's KAFKA_<NAME>_BROKERS,
# and the jest setup would use those instead of starting its own (both runs then wrote to the same topics).
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^KAFKA_[A-Z0-9_]+_BROKERS$' || true)
kafka() { npx --no nestjs-karafka kafka "$@"; }
jest() { node "$root/node_modules/jest/bin/jest.js" --ci "$@"; }
# Whatever happens, no broker of this check is left running.
trap 'kafka down >/dev/null 2>&1 || true' EXIT

say "the installed package's types, resolved through 'exports' (nodenext)"
node "$root/node_modules/typescript/bin/tsc" -p tsconfig.nodenext.json

say "npx nestjs-karafka kafka up, from the installed package"
up="$(kafka up --clusters primary)"
[[ "$up" =~ ^KAFKA_PRIMARY_BROKERS=127\.0\.0\.1:[0-9]+$ ]] || fail "kafka up printed '$up'"
[[ "$(kafka status)" == "$up" ]] || fail "kafka status does not report the cluster kafka up started"

say "jest: the global setup finds that cluster running; the teardown leaves it be"
jest
[[ "$(kafka status)" == "$up" ]] || fail "the global teardown stopped a cluster it had not started"
kafka down
[[ -z "$(kafka status)" ]] || fail "kafka down left a cluster running"

say "jest: the global setup starts a cluster of its own; the teardown stops it"
jest
[[ -z "$(kafka status)" ]] || fail "the global teardown left the cluster it started running"

say "passed in $(($(date +%s) - started_at)) s"
