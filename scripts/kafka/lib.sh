# Shared settings and helpers for the Kafka test bed scripts (sourced, never run directly).
# Three independent single-node KRaft clusters run from Apache Kafka's jars fetched with Maven into
# .cache/kafka (git-ignored): `primary` and `secondary` in plaintext, and `secure` (SASL_SSL with SCRAM and
# ACLs, see secure.sh). Plaintext clusters of other names run on the ports the environment gives them: that is
# how `npx nestjs-karafka kafka up` (lib/testbed) starts a user's clusters, on free ports, from the package.

KAFKA_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(cd "$KAFKA_SCRIPTS_DIR/../.." && pwd)"

# 4.1.x: checked against kafkajs 2.2.4 (see docs/testbed.md); override to try another line.
KAFKA_VERSION="${KAFKA_VERSION:-4.1.2}"
KAFKA_CACHE_DIR="${KAFKA_TESTBED_CACHE_DIR:-$PROJECT_ROOT/.cache/kafka}"
# The physical path: brokers are told apart by the cluster dir in their command line, so a worktree whose
# .cache/kafka is a symlink to another checkout's must name them by the same path to stop or find them.
if [[ -d "$KAFKA_CACHE_DIR" ]]; then KAFKA_CACHE_DIR="$(cd -P "$KAFKA_CACHE_DIR" && pwd)"; fi
KAFKA_JARS_DIR="$KAFKA_CACHE_DIR/$KAFKA_VERSION/jars"
KAFKA_JARS_STAMP="$KAFKA_CACHE_DIR/$KAFKA_VERSION/jars.complete"
KAFKA_CLUSTERS_DIR="$KAFKA_CACHE_DIR/clusters"
KAFKA_LOCK_FILE="$KAFKA_CACHE_DIR/testbed.lock"

KAFKA_START_TIMEOUT_S="${KAFKA_TESTBED_START_TIMEOUT:-180}"
KAFKA_STOP_TIMEOUT_S="${KAFKA_TESTBED_STOP_TIMEOUT:-30}"
KAFKA_HEAP_OPTS="${KAFKA_TESTBED_HEAP_OPTS:--Xms128m -Xmx512m}"

log() { printf '[kafka-testbed] %s\n' "$*" >&2; }
die() {
  printf '[kafka-testbed] ERROR: %s\n' "$1" >&2
  shift
  local line
  for line in "$@"; do printf '[kafka-testbed]   %s\n' "$line" >&2; done
  exit 1
}

now_ms() { date +%s%3N; }

# A cluster's name in environment variable names: `eu-west` → `EU_WEST`.
env_name() { printf '%s' "$1" | tr 'a-z-' 'A-Z_'; }

# Ports come from KAFKA_TESTBED_<NAME>_PORT (+ _CONTROLLER_PORT), so the scripts can run on spare ports without
# disturbing the shared brokers; the project's own three clusters default to theirs.
cluster_port() {
  local var
  var="KAFKA_TESTBED_$(env_name "$1")_PORT"
  if [[ -n "${!var:-}" ]]; then
    echo "${!var}"
    return
  fi
  case "$1" in
    primary) echo 19092 ;;
    secondary) echo 29092 ;;
    secure) echo 39092 ;;
    *) die "cluster '$1' has no port: set $var (and optionally KAFKA_TESTBED_$(env_name "$1")_CONTROLLER_PORT)" ;;
  esac
}

cluster_controller_port() {
  local var
  var="KAFKA_TESTBED_$(env_name "$1")_CONTROLLER_PORT"
  if [[ "$1" != secure && -n "${!var:-}" ]]; then
    echo "${!var}"
  else
    echo "$(($(cluster_port "$1") + 1))"
  fi
}

# The ports a cluster's broker listens on: clients', the controller's and (secure only) the broker's own.
cluster_ports() {
  cluster_port "$1"
  cluster_controller_port "$1"
  if [[ "$1" == secure ]]; then secure_internal_port; fi
}

cluster_bootstrap() { echo "127.0.0.1:$(cluster_port "$1")"; }

source "$KAFKA_SCRIPTS_DIR/secure.sh"

# One directory per cluster *and* port, so a run on spare ports never touches the shared brokers' data.
cluster_dir() { echo "$KAFKA_CLUSTERS_DIR/$1-$(cluster_port "$1")"; }

ALL_CLUSTERS="primary secondary secure"

# Expands the user's choice (cluster names and/or `all`, default all) into cluster names, each once: the
# project's three in their order, then the others as given.
selected_clusters() {
  local picked=() arg name printed=""
  (($# > 0)) || set -- all
  for arg in "$@"; do
    if [[ "$arg" == all ]]; then
      picked+=($ALL_CLUSTERS)
    elif [[ "$arg" =~ ^[a-z][a-z0-9-]*$ ]]; then
      picked+=("$arg")
    else
      die "'$arg' is not a cluster name (lowercase letters, digits and '-', starting with a letter)" \
        "usage: $(basename "$0") [primary|secondary|secure|all|<name>]..."
    fi
  done
  for name in $ALL_CLUSTERS; do
    if [[ " ${picked[*]} " == *" $name "* ]]; then printf '%s ' "$name"; fi
  done
  for name in "${picked[@]}"; do
    if [[ " $ALL_CLUSTERS " != *" $name "* && " $printed " != *" $name "* ]]; then
      printf '%s ' "$name"
      printed="$printed $name"
    fi
  done
  echo
}

# Serialises every up/down/reset so concurrent callers (several `npm test` runs, helpers) cannot
# start the same broker twice. fd 9 must not leak into the broker JVMs (see start_broker).
take_lock() {
  mkdir -p "$KAFKA_CACHE_DIR"
  exec 9>"$KAFKA_LOCK_FILE"
  if ! flock -n 9; then
    log "another test bed command holds $KAFKA_LOCK_FILE; waiting for it"
    flock 9
  fi
}

require_java() {
  if ! command -v java >/dev/null 2>&1; then
    die "java was not found on PATH." \
      "Kafka needs a Java 17+ runtime. On Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless" \
      "(or put an existing JDK's bin/ on PATH / set JAVA_HOME and PATH)."
  fi
  local version major
  version="$(java -version 2>&1 | head -n 1)"
  major="$(printf '%s' "$version" | sed -E 's/.*version "([0-9]+)(\.([0-9]+))?.*/\1/')"
  if [[ "$major" == "1" ]]; then major="$(printf '%s' "$version" | sed -E 's/.*version "1\.([0-9]+).*/\1/')"; fi
  if [[ ! "$major" =~ ^[0-9]+$ ]] || ((major < 17)); then
    die "Java 17 or newer is required, found: $version" \
      "On Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless, then make it the default java."
  fi
}

require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    die "mvn (Apache Maven) was not found on PATH." \
      "It downloads Kafka's jars from Maven Central once. On Debian/Ubuntu: apt-get install -y maven"
  fi
}

# Fetches kafka_2.13 + kafka-tools (and their runtime dependencies) for $KAFKA_VERSION, once.
# Downloads into a temporary folder and publishes it with a stamp, so an interrupted download is redone.
ensure_jars() {
  if [[ -f "$KAFKA_JARS_STAMP" && -d "$KAFKA_JARS_DIR" ]]; then return 0; fi
  require_java
  require_maven
  local version_dir="$KAFKA_CACHE_DIR/$KAFKA_VERSION"
  local tmp="$version_dir/jars.partial"
  local mvn_log="$version_dir/maven.log"
  mkdir -p "$version_dir"
  rm -rf "$tmp" "$KAFKA_JARS_DIR" "$KAFKA_JARS_STAMP"
  log "fetching Apache Kafka $KAFKA_VERSION jars with Maven into $KAFKA_JARS_DIR (first run only)"
  local started
  started="$(now_ms)"
  local status=0
  mvn -B -q -U -Dstyle.color=never -f "$KAFKA_SCRIPTS_DIR/pom.xml" dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" -DincludeScope=runtime -DoutputDirectory="$tmp" >"$mvn_log" 2>&1 || status=$?
  if ((status > 128)); then
    die "the download of Apache Kafka $KAFKA_VERSION was interrupted; it starts over on the next run."
  fi
  if ((status != 0)); then
    sed "s/\x1b\[[0-9;]*m//g" "$mvn_log" | grep -m 1 -E "\[ERROR\] ." >&2 || tail -n 10 "$mvn_log" >&2 || true
    die "Maven could not download Apache Kafka $KAFKA_VERSION (full log: $mvn_log)." \
      "Check network access to Maven Central (https://repo.maven.apache.org/maven2), proxy/mirror" \
      "settings in ~/.m2/settings.xml, and that KAFKA_VERSION=$KAFKA_VERSION exists as" \
      "org.apache.kafka:kafka_2.13. Re-run the command once fixed; the partial download is discarded."
  fi
  add_logging_binding "$tmp" "$mvn_log"
  mv "$tmp" "$KAFKA_JARS_DIR"
  touch "$KAFKA_JARS_STAMP"
  log "fetched $(find "$KAFKA_JARS_DIR" -name '*.jar' | wc -l) jars in $(elapsed_s "$started") s"
}

# Kafka 4.x ships log4j2 but its POMs carry no SLF4J binding, so the broker would log nothing at all.
# Add the log4j2 binding matching the SLF4J API on the classpath (3.9.x already gets slf4j-reload4j).
add_logging_binding() {
  local jars="$1" mvn_log="$2"
  if compgen -G "$jars/slf4j-reload4j-*.jar" >/dev/null || compgen -G "$jars/log4j-slf4j*-impl-*.jar" >/dev/null; then
    return 0
  fi
  local core slf4j artifact log4j_version
  core="$(compgen -G "$jars/log4j-core-*.jar" | head -n 1 || true)"
  slf4j="$(compgen -G "$jars/slf4j-api-*.jar" | head -n 1 || true)"
  if [[ -z "$core" || -z "$slf4j" ]]; then return 0; fi
  log4j_version="$(basename "$core" .jar)"
  log4j_version="${log4j_version#log4j-core-}"
  case "$(basename "$slf4j")" in
    slf4j-api-1.*) artifact=log4j-slf4j-impl ;;
    *) artifact=log4j-slf4j2-impl ;;
  esac
  if ! mvn -B -q -U -Dstyle.color=never -f "$KAFKA_SCRIPTS_DIR/pom.xml" dependency:copy \
    -Dartifact="org.apache.logging.log4j:$artifact:$log4j_version" -DoutputDirectory="$jars" >>"$mvn_log" 2>&1; then
    sed "s/\x1b\[[0-9;]*m//g" "$mvn_log" | grep -m 1 -E "\[ERROR\] ." >&2 || tail -n 10 "$mvn_log" >&2 || true
    die "Maven could not download org.apache.logging.log4j:$artifact:$log4j_version (log: $mvn_log)." \
      "Check network access to Maven Central and ~/.m2/settings.xml, then re-run."
  fi
}

elapsed_s() {
  local start="$1"
  awk -v ms="$(($(now_ms) - start))" 'BEGIN { printf "%.1f", ms / 1000 }'
}

# Both properties are passed: 3.9.x (reload4j) reads log4j.configuration, 4.x (log4j2) log4j2.configurationFile.
java_logging_opts() {
  printf '%s\n' "-Dlog4j.configuration=file:$KAFKA_SCRIPTS_DIR/log4j.properties" \
    "-Dlog4j2.configurationFile=$KAFKA_SCRIPTS_DIR/log4j2.properties"
}

read_pid() {
  local file="$1/broker.pid"
  if [[ -f "$file" ]]; then cat "$file"; fi
}

# True when $2 is a live Kafka broker JVM started for cluster dir $1 (a recycled PID does not count).
is_our_broker() {
  local dir="$1" pid="$2"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *"kafka.Kafka $dir/server.properties"* ]]
}

# PIDs of every broker JVM ever started for this cluster dir, including ones whose pid file was lost.
broker_pids() {
  local dir="$1" pid
  pid="$(read_pid "$dir")"
  {
    if is_our_broker "$dir" "$pid"; then echo "$pid"; fi
    pgrep -f -- "kafka.Kafka $dir/server.properties" || true
  } | sort -u
}

# Describes who listens on a TCP port, for the "port taken" message.
port_owner() {
  local port="$1" line
  line="$(ss -Hltnp "sport = :$port" 2>/dev/null | head -n 1 || true)"
  if [[ -z "$line" ]]; then return 1; fi
  local name pid
  name="$(printf '%s' "$line" | sed -n 's/.*users:(("\([^"]*\)".*/\1/p')"
  pid="$(printf '%s' "$line" | sed -n 's/.*users:((.*pid=\([0-9]*\).*/\1/p')"
  if [[ -z "$pid" ]]; then
    echo "a process ss cannot name (run 'ss -ltnp' as root to see it)"
  elif [[ -r "/proc/$pid/cmdline" ]]; then
    echo "$name (pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-160))"
  else
    echo "$name (pid $pid)"
  fi
}

port_in_use() { [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]; }

# SIGTERM, wait up to KAFKA_STOP_TIMEOUT_S for a clean shutdown, then SIGKILL. Caller holds the lock.
stop_cluster() {
  local name="$1" dir pids pid started
  dir="$(cluster_dir "$name")"
  pids="$(broker_pids "$dir")"
  if [[ -z "$pids" ]]; then
    rm -f "$dir/broker.pid"
    log "$name ($(cluster_bootstrap "$name")): not running"
    return 0
  fi
  started="$(now_ms)"
  for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  local deadline=$(($(now_ms) + KAFKA_STOP_TIMEOUT_S * 1000))
  while [[ -n "$(broker_pids "$dir")" ]] && (($(now_ms) < deadline)); do sleep 0.2; done
  pids="$(broker_pids "$dir")"
  if [[ -n "$pids" ]]; then
    log "$name: still running after ${KAFKA_STOP_TIMEOUT_S} s, sending SIGKILL to $pids"
    for pid in $pids; do kill -KILL "$pid" 2>/dev/null || true; done
    while [[ -n "$(broker_pids "$dir")" ]]; do sleep 0.1; done
  fi
  rm -f "$dir/broker.pid"
  log "$name ($(cluster_bootstrap "$name")): stopped in $(elapsed_s "$started") s"
}

# Deletes a stopped cluster's data and identity; the next start formats a brand-new cluster.
wipe_cluster() {
  local dir
  dir="$(cluster_dir "$1")"
  rm -rf "$dir"
}
