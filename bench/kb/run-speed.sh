#!/bin/sh
# Speed benchmark of the knowledge base against raw Lucene on a generated corpus of >= 100,000 chunks.
# Usage: bench/kb/run-speed.sh [WORK_DIR] [DOCS]   (from anywhere; builds the module first)
set -e
cd "$(dirname "$0")/../.."
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
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx2g -cp "$WORK.classes/main:$WORK.classes/test:$(cat target/bench.classpath)" \
  dev.tandem.kb.bench.SpeedBench ../demo/knowledge ../demo/eval/dev-questions.jsonl "$WORK" "$DOCS"
