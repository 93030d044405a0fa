#!/usr/bin/env bash
# Cold start: the launcher (./tandem, as a newcomer runs it) to the first accepted conversation on
# /ws/chat (hello answered by welcome), with the demo knowledge already indexed in the data folder,
# side by side with a bare Javalin app (one WebSocket route) started with plain "java -cp".
#   RUNS (5)  how many timed starts of each kind; the first start (index build, class-cache
#             training after a build) is printed separately and not counted.
# Prints every start and then one line per kind with min / median / max and the ratio of medians.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(cd ../.. && pwd)
RUNS=${RUNS:-5}
"$ROOT/tandem" --version >/dev/null            # builds when needed, finds the JDK
. ./find-java.sh
JAVAC=$(dirname "$JAVA_BIN")/javac
OUT=$(mktemp -d /tmp/tandem-coldstart.XXXXXX)
# the work dir (data folder with its index and H2 files) goes at exit, also on failure; BENCH_KEEP=1 keeps it
trap '[ "${BENCH_KEEP:-0}" = 1 ] && echo "coldstart work dir kept: $OUT" >&2 || rm -rf "$OUT"' EXIT
trap 'exit 130' INT TERM
LIB="$ROOT/bot-server/target/lib"
CP="$(ls "$LIB"/*.jar | tr '\n' ':')"
"$JAVAC" -nowarn -d "$OUT/classes" -cp "$CP" src/ColdStart.java src/FreePort.java src/BareJavalin.java
port=$("$JAVA_BIN" -cp "$OUT/classes" FreePort)
export TANDEM_PORT=$port TANDEM_DATA_DIR="$OUT/data" TANDEM_KNOWLEDGE_DIR="$ROOT/demo/knowledge"
start() { # label command...
  local label=$1; shift
  "$JAVA_BIN" -cp "$OUT/classes" ColdStart "$port" "$([ "$label" = bare-javalin ] && echo raw || echo tandem)" "$OUT/$label.log" -- "$@" \
    | sed -n "s/.*first_conversation_ms=\([0-9]*\).*/\1/p"
}
echo "coldstart machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"
echo "coldstart first-start ms=$(start first "$ROOT/tandem") (index build; class-cache training if the build is new)"
declare -A all
for i in $(seq 1 "$RUNS"); do
  all[tandem]+="$(start tandem "$ROOT/tandem") "
  all[tandem-no-cache]+="$(TANDEM_CLASS_CACHE=off start tandem-no-cache "$ROOT/tandem") "
  all[bare-javalin]+="$(start bare-javalin "$JAVA_BIN" -cp "$OUT/classes:$CP" BareJavalin "$port") "
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "min=%d median=%d max=%d", a[1], m, a[NR]}'; }
for k in tandem tandem-no-cache bare-javalin; do
  echo "coldstart $k runs_ms=[${all[$k]% }] $(echo "${all[$k]}" | median)"
done
mt=$(echo "${all[tandem]}" | median | sed 's/.*median=\([0-9]*\).*/\1/')
mb=$(echo "${all[bare-javalin]}" | median | sed 's/.*median=\([0-9]*\).*/\1/')
echo "coldstart ratio tandem/bare-javalin (medians) = $(awk -v a="$mt" -v b="$mb" 'BEGIN {printf "%.2f", a/b}') ; target: tandem <= 3000 ms"
echo "coldstart $(uptime | sed 's/.*load/load/')"
