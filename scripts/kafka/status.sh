#!/usr/bin/env bash
# Tells whether the test bed's clusters (default: all three) are running; exit 0 only if all selected are.
# Prints "<name> bootstrap: <host:port>" for running clusters (the format up.sh ends with).
# Usage: status.sh [primary|secondary|secure|all]...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

status=0
for name in $(selected_clusters "$@"); do
  dir="$(cluster_dir "$name")"
  pid="$(read_pid "$dir")"
  if is_our_broker "$dir" "$pid"; then
    log "$name: running (pid $pid, Kafka $(cat "$dir/kafka.version" 2>/dev/null || echo '?'), data in $dir)"
    echo "$name bootstrap: $(cluster_bootstrap "$name")"
  else
    log "$name: not running ($(cluster_bootstrap "$name"))"
    status=3
  fi
done
exit "$status"
