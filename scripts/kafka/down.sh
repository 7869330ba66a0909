#!/usr/bin/env bash
# Stops the test bed's KRaft clusters (default: both); data is kept for the next up.sh.
# Usage: down.sh [primary|secondary|all]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

clusters="$(selected_clusters "${1:-all}")"
take_lock
for name in $clusters; do stop_cluster "$name" & done
wait
