#!/usr/bin/env bash
# Answer quality of the offline agent: dev questions (cited / refused) and the attack set (leaks).
# Usage: bench/agent/eval.sh [corpusDir] [questions.jsonl] [attacks.jsonl]
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=$(bench/agent/classpath.sh)
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xmx1g -cp "$cp" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.tandem.server.agent.bench.AgentEval "$@"
