#!/bin/sh
# Issue 5's optional hybrid mode, as an experiment: the shipped BM25 search, an in-process ONNX
# embedding model (all-MiniLM-L6-v2, quantized; English only) and their reciprocal-rank fusion,
# evaluated side by side with the project's Evaluator on the development and hold-out sets.
# The ONNX dependency lives only in bench/kb/hybrid (its own pom, not a module of the product).
#
# Usage: bench/kb/run-hybrid.sh [quality|cost] [questions.jsonl...]
#   quality (default): recall@1/5/10, MRR@10, nDCG@10 overall and per language for every mode
#   cost: model load, embedding time per chunk and per question, heap; run it alone on the machine
#         (e.g. under a benchmark lock: flock /work/bench.lock bench/kb/run-hybrid.sh cost)
# Default question sets: demo/eval/dev-questions.jsonl demo/eval/holdout-questions.jsonl.
# Honours MAVEN_ARGS (e.g. -Dmaven.repo.local=...) and JAVA_HOME like the other bench scripts.
set -e
cd "$(dirname "$0")/../.."
mode=${1:-quality}
[ $# -gt 0 ] && shift
if [ $# -eq 0 ]; then
  set -- demo/eval/dev-questions.jsonl demo/eval/holdout-questions.jsonl
fi
files=""
for f in "$@"; do files="$files $(realpath "$f")"; done
if [ -z "$SKIP_BUILD" ]; then
  ./mvnw -B -q -o install -pl knowledge-base -am -DskipTests
  (cd bench/kb/hybrid && ../../../mvnw -B -q -o compile dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt)
fi
cd bench/kb/hybrid
# shellcheck disable=SC2086
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -cp "target/classes:$(cat target/classpath.txt)" \
  dev.tandem.kb.hybrid.HybridEval "$mode" "$(realpath ../../../demo/knowledge)" $files
