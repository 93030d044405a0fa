#!/usr/bin/env bash
# Idle capacity: idle conversations held open (each pinging every PING_MS) until the heartbeat p99
# passes 100 ms, Tandem (the real server, demo knowledge, -Xmx512m) against a raw Jetty 12
# WebSocket server with the same heap. The client (IdleClient) runs in its own JVM.
#   STEP (1000)  MAX (19500)  PING_MS (20000)  HEAPS ("512m")  MODES ("raw tandem")
# MAX: this machine's hard limit on open files per process is $(ulimit -Hn); every connection is
# one descriptor in the server and one in the client, so neither side can go past it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(cd ../.. && pwd)
STEP=${STEP:-1000}; PING_MS=${PING_MS:-20000}; HEAPS=${HEAPS:-512m}; MODES=${MODES:-raw tandem}
MAX=${MAX:-$(( $(ulimit -Hn) - 500 ))}
ulimit -n "$(ulimit -Hn)"
"$ROOT/tandem" --version >/dev/null            # builds when needed
. ./find-java.sh
. ../jvm-opts.sh
OUT=$(mktemp -d /tmp/tandem-idle.XXXXXX)
CP="$(ls "$ROOT"/bot-server/target/bot-server-*.jar | head -1):$(ls "$ROOT"/bot-server/target/lib/*.jar | tr '\n' ':')"
"$(dirname "$JAVA_BIN")/javac" -nowarn -d "$OUT/classes" -cp "$CP" src/IdleClient.java src/RawEchoServer.java src/FreePort.java
PID=""
# the server is killed and the work dir (H2 files, index, logs) removed at exit, also on failure; BENCH_KEEP=1 keeps it
trap '[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null; [ "${BENCH_KEEP:-0}" = 1 ] && echo "idle work dir kept: $OUT" >&2 || rm -rf "$OUT"' EXIT
trap 'exit 130' INT TERM
echo "idle machine: $(nproc) cores, open files limit $(ulimit -n), $(uptime | sed 's/.*load/load/'), step=$STEP max=$MAX ping_every_ms=$PING_MS"
for heap in $HEAPS; do
  for mode in $MODES; do
    port=$("$JAVA_BIN" -cp "$OUT/classes" FreePort)
    if [ "$mode" = raw ]; then
      "$JAVA_BIN" "-Xmx$heap" -XX:+ExitOnOutOfMemoryError -cp "$OUT/classes:$CP" RawEchoServer "$port" >"$OUT/raw-$heap.log" 2>&1 &
    else
      env TANDEM_PORT="$port" TANDEM_DATA_DIR="$OUT/data-$heap" TANDEM_KNOWLEDGE_DIR="$ROOT/demo/knowledge" \
          TANDEM_MAX_CONNECTIONS=100000 TANDEM_MAX_CONNECTIONS_PER_IP=100000 TANDEM_IP_MESSAGES_PER_SECOND=1000000 \
          "$JAVA_BIN" "-Xmx$heap" -XX:+ExitOnOutOfMemoryError $LAUNCHER_JVM_OPTS \
          -cp "$CP" dev.tandem.server.cli.TandemCommand serve >"$OUT/tandem-$heap.log" 2>&1 &
    fi
    PID=$!
    for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    "$JAVA_BIN" -Xmx3g -cp "$OUT/classes" IdleClient "$port" "$mode" "$STEP" "$MAX" "$PING_MS" "$PID" | sed "s/^idle /idle heap=$heap /"
    kill -9 "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""
    sleep 2
  done
done
echo "idle done $(uptime | sed 's/.*load/load/')"
