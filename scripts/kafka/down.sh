#!/usr/bin/env bash
# Stops the test bed's KRaft clusters (default: all three); data is kept for the next up.sh.
# Usage: down.sh [primary|secondary|secure|all]...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

clusters="$(selected_clusters "$@")"
take_lock
for name in $clusters; do stop_cluster "$name" & done
wait
