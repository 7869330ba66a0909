#!/usr/bin/env bash
# Installs the packed library next to Nest 12 (ESM-only) in a scratch project and runs test/nest12/check.js
# (and testing-check.js: nestjs-karafka/testing with @nestjs/testing 12, no broker) under plain node, against the clusters named by KAFKA_PRIMARY_BROKERS / KAFKA_SECONDARY_BROKERS
# (default: the local pair, which must be up).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/.cache/nest12"
mkdir -p "$work"
cd "$root"
npm run --silent build
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"

bash "$root/scripts/nest12-install.sh" "./$tarball"
cd "$work"
cp "$root/test/nest12/check.js" "$root/test/nest12/testing-check.js" .
node check.js
node testing-check.js
