#!/usr/bin/env bash
# Installs Nest 12 (ESM-only), the runtime packages the library needs, its optional peers @nestjs/terminus and
# @nestjs/testing, and @nestjs/platform-express (the Web UI is served from an HTTP app)
# into .cache/nest12, a scratch project where plain node resolves them: the Nest 12 check (scripts/nest12-check.sh, which also passes the packed
# library as an argument) and `npm run bench -- --nest 12` run from there.
#   --if-missing   do nothing when Nest 12, kafkajs and terminus are already installed there
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/.cache/nest12"
mkdir -p "$work"
cd "$work"

if [[ "${1:-}" == "--if-missing" ]]; then
  shift
  if [[ -f node_modules/kafkajs/package.json && -f node_modules/@nestjs/terminus/package.json &&
    -f node_modules/@nestjs/testing/package.json && -f node_modules/@nestjs/platform-express/package.json ]] &&
    node -e 'process.exit(require("./node_modules/@nestjs/core/package.json").version.startsWith("12.") ? 0 : 1)' 2>/dev/null; then
    exit 0
  fi
fi
if [[ ! -f package.json ]]; then
  cat > package.json <<'JSON'
{ "name": "nestjs-karafka-nest12", "private": true, "version": "0.0.0" }
JSON
fi
if ! npm install --no-audit --no-fund --silent \
  @nestjs/common@^12 @nestjs/core@^12 @nestjs/microservices@^12 reflect-metadata@^0.2 rxjs@^7 kafkajs@~2.2.4 \
  @nestjs/terminus@^12 @nestjs/testing@^12 @nestjs/platform-express@^12 "$@"; then
  echo "Could not install Nest 12 from the npm registry into $work (see above)." >&2
  exit 1
fi
