#!/bin/sh
# Speed benchmark of the knowledge base against raw Lucene on a generated corpus of >= 100,000 chunks.
# Usage (from anywhere; builds the module first):
#   bench/kb/run-speed.sh [WORK_DIR] [DOCS]           generate, index (raw, kb from memory, kb from files), time searches
#   bench/kb/run-speed.sh --search-only [WORK_DIR]    time searches again on the indexes of an earlier run
set -e
cd "$(dirname "$0")/../.."
MODE=full
if [ "$1" = "--search-only" ]; then MODE=search; shift; fi
WORK=${1:-/tmp/tandem-kb-bench}
DOCS=${2:-13000}
./mvnw -B -q -o install -pl knowledge-base -DskipTests
(cd knowledge-base && ../mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath)
# run from a copy of the classes, so rebuilding the module meanwhile does not disturb the run
mkdir -p "$WORK.classes"
rm -rf "$WORK.classes/main" "$WORK.classes/test"
cp -r knowledge-base/target/classes "$WORK.classes/main"
cp -r knowledge-base/target/test-classes "$WORK.classes/test"
cd knowledge-base
CP="$WORK.classes/main:$WORK.classes/test:$(cat target/bench.classpath)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# the JVM options the launcher (./tandem) runs with, for raw Lucene and the knowledge base alike: Lucene's
# vector code is on for both (it searches ~6 % faster raw and ~11 % faster here, kbsearch11's measure)
. ../bench/jvm-opts.sh
if [ "$MODE" = search ]; then
  exec "$JAVA" -Xmx2g $LAUNCHER_JVM_OPTS -cp "$CP" dev.tandem.kb.bench.SpeedBench --search-only ../demo/eval/dev-questions.jsonl "$WORK"
fi
exec "$JAVA" -Xmx2g $LAUNCHER_JVM_OPTS -cp "$CP" dev.tandem.kb.bench.SpeedBench ../demo/knowledge ../demo/eval/dev-questions.jsonl "$WORK" "$DOCS"
