# Helpers the engine scripts share (sourced, not run): where engines live, logging to stderr so that
# stdout carries only `export` lines, port checks, JDK 17 lookup, jar resolution and stopping by PID.
# shellcheck shell=bash

ENGINES_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$ENGINES_HOME/../.." && pwd)"
# every engine's jars, configuration, data, logs and PID file live under this folder
ENGINES_DIR="${CHAT_ENGINES_DIR:-$REPO_ROOT/target/engines}"
# the keycloak-quarkus-dist zip that keycloak-start unpacks (start, stop and env need its folder name)
KEYCLOAK_VERSION=26.5.6

log() { echo "[$(basename "$0")] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# true when something accepts TCP connections on 127.0.0.1:$1
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# true when the PID file names a live process whose command line contains $2 (guards against PID reuse)
pid_alive() {
  local pidfile=$1 marker=$2 pid
  [[ -s "$pidfile" ]] || return 1
  pid=$(cat "$pidfile")
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$marker"
}

# stop_by_pid NAME PIDFILE MARKER [SECONDS] [SIGNAL]: SIGNAL (TERM), wait for a clean exit, SIGKILL after SECONDS
stop_by_pid() {
  local name=$1 pidfile=$2 marker=$3 grace=${4:-60} signal=${5:-TERM} pid
  if ! pid_alive "$pidfile" "$marker"; then
    rm -f "$pidfile"
    log "$name is not running"
    return 0
  fi
  pid=$(cat "$pidfile")
  log "stopping $name (pid $pid)"
  kill "-$signal" "$pid" 2>/dev/null || true
  local deadline=$(( $(date +%s) + grace ))
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(date +%s) > deadline )); then
      log "$name did not stop within ${grace}s: killing pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
  log "$name stopped"
}

# a java binary of JDK 17 (Cassandra 5.0 refuses newer ones): $CHAT_ENGINES_JAVA, $JAVA_HOME, PATH, /usr/lib/jvm
java17() {
  local candidate
  for candidate in "${CHAT_ENGINES_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" \
                   /usr/lib/jvm/java-17-openjdk-amd64/bin/java /usr/lib/jvm/*17*/bin/java; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    if "$candidate" -version 2>&1 | head -1 | grep -Eq '"17(\.|")'; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# resolve_jars POM DIR: copies the runtime classpath of POM into DIR once (Maven caches in ~/.m2)
resolve_jars() {
  local pom=$1 dir=$2
  [[ -f "$dir/.complete" ]] && return 0
  log "resolving jars of $(basename "$(dirname "$pom")") into $dir (once)"
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  if ! mvn -B -q -ntp -f "$pom" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
        -DoutputDirectory="$dir" -DincludeScope=runtime > "$dir.mvn.log" 2>&1; then
    tail -30 "$dir.mvn.log" >&2
    die "resolving $pom failed (full log: $dir.mvn.log)"
  fi
  touch "$dir/.complete"
}

# publish_env DIR NAME=VALUE...: prints `export` lines on stdout and keeps them in DIR/env for scripts/engines/env
publish_env() {
  local dir=$1
  shift
  printf 'export %s\n' "$@" | tee "$dir/env"
}
