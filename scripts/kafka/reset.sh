#!/usr/bin/env bash
# Stops the test bed's clusters (default: all three) and deletes their data; the next up.sh formats new clusters.
# Usage: reset.sh [primary|secondary|secure|all]...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

clusters="$(selected_clusters "$@")"
take_lock
for name in $clusters; do
  stop_cluster "$name"
  wipe_cluster "$name"
  log "$name: data deleted"
done
