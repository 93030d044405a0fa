#!/usr/bin/env bash
# Conversation engine benchmarks: round trip vs a raw Jetty echo, persistence vs raw JDBC batches,
# cold start vs a bare Javalin app, and one load run recorded with JFR for virtual-thread pinning.
# Needs a built bot-server (classes + lib/): ./mvnw -pl bot-server package (TANDEM_TARGET names the
# build folder, default "target"). Every server listens on 127.0.0.1 and is stopped by its PID.
#   BENCH_SECONDS (20)  BENCH_INTERVAL_MS (2000: each client sends one message every 2 s)
#   BENCH_ONLY=roundtrip|persistence|coldstart|pinning  runs one part; BENCH_CLIENTS ("100 1000") the round-trip sizes
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(cd ../.. && pwd)
T=${TANDEM_TARGET:-target}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac
JFR=${JAVA_HOME:+$JAVA_HOME/bin/}jfr
SECS=${BENCH_SECONDS:-20}
INTERVAL=${BENCH_INTERVAL_MS:-2000}
ONLY=${BENCH_ONLY:-all}
LIB="$ROOT/bot-server/$T/lib"
[ -d "$LIB" ] || { echo "bench: build bot-server first ($LIB missing)" >&2; exit 1; }
OUT=$(mktemp -d /tmp/tandem-bench.XXXXXX)
mkdir -p "$OUT/classes" "$OUT/knowledge"
# a private copy of the server's classes, so that a build running meanwhile cannot pull them away
cp -r "$ROOT/bot-server/$T/classes" "$OUT/server-classes"
CP="$OUT/server-classes:$(ls "$LIB"/*.jar | tr '\n' ':')"
"$JAVAC" -nowarn -d "$OUT/classes" -cp "$CP" src/*.java
BCP="$OUT/classes:$CP"
printf -- '---\ntitle: Bảo hành máy lọc nước\nlang: vi\naudience: public\n---\n\n# Bảo hành máy lọc nước\n\nMáy lọc nước được bảo hành 24 tháng kể từ ngày mua.\n' > "$OUT/knowledge/warranty.md"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { "$JAVA" -cp "$OUT/classes" -XX:TieredStopAtLevel=1 FreePort 2>/dev/null || python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
# servers are started in a subshell ($(...)), so "wait" cannot reap them: poll until the PID is gone
stop_pid() { kill "$1" 2>/dev/null || true; for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "$1" 2>/dev/null || true; }
wait_port() { for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "bench: port $1 never opened" >&2; return 1; }

start_tandem() { # port datadir knowledge extra-jvm-args...
  local port=$1 data=$2 knowledge=$3; shift 3
  env TANDEM_PORT="$port" TANDEM_DATA_DIR="$data" TANDEM_KNOWLEDGE_DIR="$knowledge" \
      TANDEM_MAX_CONNECTIONS=50000 TANDEM_MAX_CONNECTIONS_PER_IP=50000 TANDEM_MESSAGES_PER_SECOND=100 \
      TANDEM_IP_MESSAGES_PER_SECOND=1000000 \
      "$JAVA" -Xmx1g "$@" -cp "$CP" dev.tandem.server.cli.TandemCommand serve > "$data.log" 2>&1 &
  echo $!
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -1)"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$ONLY" = all ] || [ "$ONLY" = roundtrip ]; then
  for N in ${BENCH_CLIENTS:-100 1000}; do
    port=$(free_port); pid=$(start_tandem "$port" "$OUT/rt-$N" "$OUT/knowledge"); PIDS+=("$pid")
    curl_ok=0; for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && { curl_ok=1; break; }; sleep 0.1; done
    [ $curl_ok = 1 ] || { echo "bench: tandem not healthy" >&2; tail -20 "$OUT/rt-$N.log" >&2; exit 1; }
    "$JAVA" -cp "$BCP" LoadClient tandem "$port" "$N" "$SECS" "$INTERVAL" | tee "$OUT/tandem-$N.txt"
    stop_pid "$pid"
    port=$(free_port)
    "$JAVA" -Xmx1g -cp "$BCP" EngineOnlyServer "$port" "$OUT/engine-$N" > "$OUT/engine-$N.log" 2>&1 & epid=$!; PIDS+=("$epid")
    for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
    "$JAVA" -cp "$BCP" LoadClient tandem "$port" "$N" "$SECS" "$INTERVAL" | sed 's/^tandem/engine-only/' | tee "$OUT/engine-$N.txt"
    stop_pid "$epid"
    port=$(free_port)
    "$JAVA" -Xmx1g -cp "$BCP" RawEchoServer "$port" > "$OUT/raw-$N.log" 2>&1 & rpid=$!; PIDS+=("$rpid")
    wait_port "$port"
    "$JAVA" -cp "$BCP" LoadClient raw "$port" "$N" "$SECS" "$INTERVAL" | tee "$OUT/raw-$N.txt"
    stop_pid "$rpid"
    t99=$(grep -o 'p99_ms=[0-9.]*' "$OUT/tandem-$N.txt" | cut -d= -f2); r99=$(grep -o 'p99_ms=[0-9.]*' "$OUT/raw-$N.txt" | cut -d= -f2)
    t50=$(grep -o 'p50_ms=[0-9.]*' "$OUT/tandem-$N.txt" | cut -d= -f2); r50=$(grep -o 'p50_ms=[0-9.]*' "$OUT/raw-$N.txt" | cut -d= -f2)
    e99=$(grep -o 'p99_ms=[0-9.]*' "$OUT/engine-$N.txt" | cut -d= -f2); e50=$(grep -o 'p50_ms=[0-9.]*' "$OUT/engine-$N.txt" | cut -d= -f2)
    echo "roundtrip N=$N tandem_p50=$t50 engine_p50=$e50 raw_p50=$r50 tandem_p99=$t99 engine_p99=$e99 raw_p99=$r99 tandem/raw_p99=$(awk -v a="$t99" -v b="$r99" 'BEGIN{printf "%.2f", a/b}') engine/raw_p99=$(awk -v a="$e99" -v b="$r99" 'BEGIN{printf "%.2f", a/b}')"
  done
fi

if [ "$ONLY" = all ] || [ "$ONLY" = persistence ]; then
  "$JAVA" -Xmx1g -cp "$BCP" Persistence 10 1
  "$JAVA" -Xmx1g -cp "$BCP" Persistence 10 32
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
  "$JAVA" -cp "$BCP" LoadClient tandem "$port" 1000 "$SECS" "$INTERVAL" | sed 's/^/pinning-run /'
  stop_pid "$pid"
  pinned=$("$JFR" print --events jdk.VirtualThreadPinned "$OUT/pin.jfr" | grep -c 'jdk.VirtualThreadPinned' || true)
  traced=$(grep -c -i 'pinned' "$OUT/pin.log" || true)
  echo "pinning jfr_VirtualThreadPinned_events=$pinned tracePinnedThreads_lines=$traced"
  echo "pinned frames in our code (dev.tandem): $("$JFR" print --events jdk.VirtualThreadPinned "$OUT/pin.jfr" | grep -c 'dev\.tandem' || true)"
  "$JFR" print --events jdk.VirtualThreadPinned "$OUT/pin.jfr" | grep -E 'duration|line:' | head -40 || true
fi
echo "# work dir: $OUT"
