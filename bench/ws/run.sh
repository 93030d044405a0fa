#!/usr/bin/env bash
# Conversation engine benchmarks: round trip vs a raw Jetty echo, persistence vs raw JDBC batches,
# cold start vs a bare Javalin app, and one load run recorded with JFR for virtual-thread pinning.
# Needs a built bot-server (classes + lib/): ./mvnw -pl bot-server package (TANDEM_TARGET names the
# build folder, default "target"). Every server listens on 127.0.0.1 and is stopped by its PID.
#   BENCH_SECONDS (20)  BENCH_INTERVAL_MS ("2000 10000": each client sends one message every 2 s, then
#   a second round at one every 10 s; the first value is the one the pinning run uses)
#   BENCH_ONLY=roundtrip|persistence|coldstart|pinning  runs one part; BENCH_CLIENTS ("100 1000") the round-trip sizes
#   BENCH_WRITERS ("1 32 256") the persistence run's conversation counts
#   BENCH_SERVER_OPTS  extra JVM options for the round-trip servers (Tandem, engine only) and the persistence run, e.g. -Dtandem.storeStats=true
#   BENCH_WARM (1)  runs the same load a second time on each still-running server ("-warm" lines): the first
#   run starts on a cold JIT, which at 1,000 clients keeps the full server behind for most of it; 0 skips it
#   BENCH_WARMUP_SECONDS (60)  before that second run, each server first takes the same load for this long,
#   unmeasured: at 1,000 clients on 2 cores C2 stays busy for about a minute of load; 0 = the second run at once
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(cd ../.. && pwd)
. ../jvm-opts.sh
T=${TANDEM_TARGET:-target}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac
JFR=${JAVA_HOME:+$JAVA_HOME/bin/}jfr
SECS=${BENCH_SECONDS:-20}
INTERVALS=${BENCH_INTERVAL_MS:-2000 10000}
ONLY=${BENCH_ONLY:-all}
WARM=${BENCH_WARM:-1}
WARMUP=${BENCH_WARMUP_SECONDS:-60}
LIB="$ROOT/bot-server/$T/lib"
[ -d "$LIB" ] || { echo "bench: build bot-server first ($LIB missing)" >&2; exit 1; }
OUT=$(mktemp -d /tmp/tandem-bench.XXXXXX)
PIDS=()
# the work dir (H2 files of every server and of the persistence run: up to 2 GB) goes when the script
# ends, also on failure or Ctrl-C; BENCH_KEEP=1 keeps it (logs, pin.jfr)
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "# work dir kept: $OUT" >&2; else rm -rf "$OUT"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$OUT/classes" "$OUT/knowledge"
# a private copy of the server's classes, so that a build running meanwhile cannot pull them away
cp -r "$ROOT/bot-server/$T/classes" "$OUT/server-classes"
CP="$OUT/server-classes:$(ls "$LIB"/*.jar | tr '\n' ':')"
"$JAVAC" -nowarn -d "$OUT/classes" -cp "$CP" src/*.java
BCP="$OUT/classes:$CP"
printf -- '---\ntitle: Bảo hành máy lọc nước\nlang: vi\naudience: public\n---\n\n# Bảo hành máy lọc nước\n\nMáy lọc nước được bảo hành 24 tháng kể từ ngày mua.\n' > "$OUT/knowledge/warranty.md"

free_port() { "$JAVA" -cp "$OUT/classes" -XX:TieredStopAtLevel=1 FreePort 2>/dev/null || python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
# servers are started in a subshell ($(...)), so "wait" cannot reap them: poll until the PID is gone
stop_pid() { kill "$1" 2>/dev/null || true; for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "$1" 2>/dev/null || true; }
wait_port() { for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "bench: port $1 never opened" >&2; return 1; }

start_tandem() { # port datadir knowledge extra-jvm-args...  (the launcher's JVM options, as ./tandem runs the server)
  local port=$1 data=$2 knowledge=$3; shift 3
  env TANDEM_PORT="$port" TANDEM_DATA_DIR="$data" TANDEM_KNOWLEDGE_DIR="$knowledge" \
      TANDEM_MAX_CONNECTIONS=50000 TANDEM_MAX_CONNECTIONS_PER_IP=50000 TANDEM_MESSAGES_PER_SECOND=100 \
      TANDEM_IP_MESSAGES_PER_SECOND=1000000 \
      "$JAVA" -Xmx1g $LAUNCHER_JVM_OPTS ${BENCH_SERVER_OPTS:-} "$@" \
      -cp "$CP" dev.tandem.server.cli.TandemCommand serve > "$data.log" 2>&1 &
  echo $!
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -1)"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# one figure from a LoadClient output file: field FILE LINE-PREFIX KEY
field() { grep "^$2 " "$1" | grep -o " $3=[0-9.a-zN]*" | head -1 | cut -d= -f2; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
# the unmeasured load before a "-warm" run: warmup MODE PORT LABEL (its lines kept in $OUT, one summary printed)
warmup() {
  [ "$WARMUP" -gt 0 ] || return 0
  "$JAVA" -cp "$BCP" LoadClient "$1" "$2" "$N" "$WARMUP" "$INTERVAL" > "$OUT/warmup-$3-$tag.txt"
  echo "# $3 warm-up: $WARMUP s of the same load, $(grep -h "^$1 " "$OUT/warmup-$3-$tag.txt" | grep -o 'acked=[0-9]*') $(grep -h "^$1-replies " "$OUT/warmup-$3-$tag.txt" | grep -o 'without_reply=[0-9]*') (unmeasured)"
}
# one LoadClient run: load MODE PORT LABEL TAG; its lines relabelled LABEL (with the interval), kept in $OUT/LABEL-TAG.txt
load() {
  "$JAVA" -cp "$BCP" LoadClient "$1" "$2" "$N" "$SECS" "$INTERVAL" \
    | sed "s/^$1-steady/$3-steady interval_ms=$INTERVAL/; s/^$1-replies/$3-replies interval_ms=$INTERVAL/; s/^$1 /$3 interval_ms=$INTERVAL /" \
    | tee "$OUT/$3-$4.txt"
}

if [ "$ONLY" = all ] || [ "$ONLY" = roundtrip ]; then
  # the issue's steady rate, as measured since the start (one message per 2 s per client), then a
  # human-like one (one message per 10 s per client); each prints every message and the steady part
  for INTERVAL in $INTERVALS; do
  for N in ${BENCH_CLIENTS:-100 1000}; do
    tag="$N-$INTERVAL"
    port=$(free_port); pid=$(start_tandem "$port" "$OUT/rt-$tag" "$OUT/knowledge"); PIDS+=("$pid")
    curl_ok=0; for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && { curl_ok=1; break; }; sleep 0.1; done
    [ $curl_ok = 1 ] || { echo "bench: tandem not healthy" >&2; tail -20 "$OUT/rt-$tag.log" >&2; exit 1; }
    load tandem "$port" tandem "$tag"
    [ "$WARM" = 1 ] && warmup tandem "$port" tandem && load tandem "$port" tandem-warm "$tag"
    stop_pid "$pid"
    port=$(free_port)
    "$JAVA" -Xmx1g ${BENCH_SERVER_OPTS:-} -cp "$BCP" EngineOnlyServer "$port" "$OUT/engine-$tag" > "$OUT/engine-$tag.log" 2>&1 & epid=$!; PIDS+=("$epid")
    for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
    load tandem "$port" engine-only "$tag"
    [ "$WARM" = 1 ] && warmup tandem "$port" engine-only && load tandem "$port" engine-only-warm "$tag"
    stop_pid "$epid"
    [ -z "${BENCH_SERVER_OPTS:-}" ] || grep -h "store-writer" "$OUT/rt-$tag.log" "$OUT/engine-$tag.log" | tail -6 | sed "s/^/  server $tag: /" || true
    port=$(free_port)
    "$JAVA" -Xmx1g -cp "$BCP" RawEchoServer "$port" > "$OUT/raw-$tag.log" 2>&1 & rpid=$!; PIDS+=("$rpid")
    wait_port "$port"
    load raw "$port" raw "$tag"
    [ "$WARM" = 1 ] && warmup raw "$port" raw && load raw "$port" raw-warm "$tag"
    stop_pid "$rpid"
    warm_parts=""; [ "$WARM" = 1 ] && warm_parts="-warm -warm-steady"
    for part in "" -steady $warm_parts; do
      run=${part%-steady}
      t50=$(field "$OUT/tandem$run-$tag.txt" "tandem$part" p50_ms); t99=$(field "$OUT/tandem$run-$tag.txt" "tandem$part" p99_ms)
      e50=$(field "$OUT/engine-only$run-$tag.txt" "engine-only$part" p50_ms); e99=$(field "$OUT/engine-only$run-$tag.txt" "engine-only$part" p99_ms)
      r50=$(field "$OUT/raw$run-$tag.txt" "raw$part" p50_ms); r99=$(field "$OUT/raw$run-$tag.txt" "raw$part" p99_ms)
      echo "roundtrip$part N=$N interval_ms=$INTERVAL tandem_p50=$t50 engine_p50=$e50 raw_p50=$r50 tandem_p99=$t99 engine_p99=$e99 raw_p99=$r99 tandem/raw_p99=$(ratio "$t99" "$r99") engine/raw_p99=$(ratio "$e99" "$r99")"
    done
  done
  done
fi

if [ "$ONLY" = all ] || [ "$ONLY" = persistence ]; then
  # 1 and 32 conversations as before; 256 lets the group commit fill larger batches
  # its H2 directory under $OUT (java.io.tmpdir), so that even a killed run leaves nothing behind
  for writers in ${BENCH_WRITERS:-1 32 256}; do "$JAVA" -Xmx1g ${BENCH_SERVER_OPTS:-} "-Djava.io.tmpdir=$OUT" -cp "$BCP" Persistence 10 "$writers"; done
fi

if [ "$ONLY" = all ] || [ "$ONLY" = coldstart ]; then
  port=$(free_port)
  # first start indexes the demo corpus; the second opens the existing index, as a restart does
  for run in index-build warm; do
    env TANDEM_PORT="$port" TANDEM_DATA_DIR="$OUT/cold" TANDEM_KNOWLEDGE_DIR="$ROOT/demo/knowledge" \
      "$JAVA" -cp "$BCP" ColdStart "$port" tandem "$OUT/cold-$run.log" -- "$JAVA" -cp "$CP" dev.tandem.server.cli.TandemCommand serve \
      | sed "s/^/coldstart $run /"
  done
  "$JAVA" -cp "$BCP" ColdStart "$port" raw "$OUT/cold-bare.log" -- "$JAVA" -cp "$BCP" BareJavalin "$port" | sed 's/^/coldstart bare-javalin /'
fi

if [ "$ONLY" = all ] || [ "$ONLY" = pinning ]; then
  port=$(free_port)
  pid=$(start_tandem "$port" "$OUT/pin" "$OUT/knowledge" -Djdk.tracePinnedThreads=short \
        "-XX:StartFlightRecording=filename=$OUT/pin.jfr,dumponexit=true,settings=profile")
  PIDS+=("$pid")
  for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  "$JAVA" -cp "$BCP" LoadClient tandem "$port" 1000 "$SECS" "${INTERVALS%% *}" | sed 's/^/pinning-run /'
  stop_pid "$pid"
  pinned=$("$JFR" print --events jdk.VirtualThreadPinned "$OUT/pin.jfr" | grep -c 'jdk.VirtualThreadPinned' || true)
  traced=$(grep -c -i 'pinned' "$OUT/pin.log" || true)
  echo "pinning jfr_VirtualThreadPinned_events=$pinned tracePinnedThreads_lines=$traced"
  echo "pinned frames in our code (dev.tandem): $("$JFR" print --events jdk.VirtualThreadPinned "$OUT/pin.jfr" | grep -c 'dev\.tandem' || true)"
  "$JFR" print --events jdk.VirtualThreadPinned "$OUT/pin.jfr" | grep -E 'duration|line:' | head -40 || true
fi
[ "${BENCH_KEEP:-0}" = 1 ] || echo "# work dir $OUT removed at exit (BENCH_KEEP=1 keeps it)"
