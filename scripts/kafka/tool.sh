#!/usr/bin/env bash
# Runs one of Kafka's own Java tools from the test bed's jars, for independent cross-checks.
# Usage: tool.sh <MainClass> [args...]
#   tool.sh org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:19092 --list
#   tool.sh org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:19092 --topic t --from-beginning --max-messages 1
#   tool.sh org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server 127.0.0.1:19092 --describe --group g
#   tool.sh org.apache.kafka.tools.ProducerPerformance --topic t --num-records 1000 --record-size 100 --throughput -1 --producer-props bootstrap.servers=127.0.0.1:19092
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if (($# < 1)); then die "usage: $(basename "$0") <MainClass> [args...] (see the examples at the top of this script)"; fi
require_java
if [[ ! -f "$KAFKA_JARS_STAMP" ]]; then
  take_lock
  ensure_jars
  exec 9>&-
fi
# shellcheck disable=SC2046 # the options are one per line, without spaces
exec java ${KAFKA_TOOL_HEAP_OPTS:--Xmx256m} -XX:TieredStopAtLevel=1 -Djava.awt.headless=true $(java_logging_opts) \
  -cp "$KAFKA_JARS_DIR/*" "$@"
