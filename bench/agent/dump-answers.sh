#!/usr/bin/env bash
# Every reply of the offline agent to every question of the given files, one JSON line each, to
# compare two builds answer by answer (diff the outputs). Usage:
#   bench/agent/dump-answers.sh demo/knowledge demo/eval/dev-questions.jsonl demo/eval/attacks.jsonl > answers.jsonl
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=$(bench/agent/classpath.sh)
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xmx1g -cp "$cp" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.tandem.server.agent.bench.AnswerDump "$@"
