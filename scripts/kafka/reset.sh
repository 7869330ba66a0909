#!/usr/bin/env bash
# Stops the test bed's clusters (default: both) and deletes their data; the next up.sh formats new clusters.
# Usage: reset.sh [primary|secondary|all]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

clusters="$(selected_clusters "${1:-all}")"
take_lock
for name in $clusters; do
  stop_cluster "$name"
  wipe_cluster "$name"
  log "$name: data deleted"
done
