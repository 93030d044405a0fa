#!/bin/sh
# Retrieval quality on the development set, side by side with a plain StandardAnalyzer BM25 baseline.
# Usage: bench/kb/run-quality.sh [questions.jsonl]   (from anywhere; builds the module first;
# default: demo/eval/dev-questions.jsonl; a relative path is taken from the repository root)
set -e
cd "$(dirname "$0")/../.."
questions=$(realpath "${1:-demo/eval/dev-questions.jsonl}")
./mvnw -B -q -o install -pl knowledge-base -DskipTests
(cd knowledge-base && ../mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath)
cd knowledge-base
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "target/classes:$(cat target/bench.classpath)" dev.tandem.kb.cli.KbCli \
  eval --corpus ../demo/knowledge --questions "$questions" --baseline
