#!/usr/bin/env bash
# Installs the packed library next to Nest 12 (ESM-only) in a scratch project and runs test/nest12/check.js
# under plain node, against the clusters named by KAFKA_PRIMARY_BROKERS / KAFKA_SECONDARY_BROKERS
# (default: the local pair, which must be up).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/.cache/nest12"
mkdir -p "$work"
cd "$root"
npm run --silent build
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"

cd "$work"
if [[ ! -f package.json ]]; then
  cat > package.json <<'JSON'
{ "name": "nestjs-karafka-nest12-check", "private": true, "version": "0.0.0" }
JSON
fi
if ! npm install --no-audit --no-fund --silent \
  @nestjs/common@^12 @nestjs/core@^12 @nestjs/microservices@^12 reflect-metadata@^0.2 rxjs@^7 "./$tarball"; then
  echo "Could not install Nest 12 and the packed library from the npm registry (see above)." >&2
  exit 1
fi
cp "$root/test/nest12/check.js" ./check.js
node check.js
