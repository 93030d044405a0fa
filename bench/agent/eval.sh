#!/usr/bin/env bash
# Answer quality of the offline agent: dev questions (cited / refused) and the attack set (leaks).
# Usage: bench/agent/eval.sh [corpusDir] [questions.jsonl] [attacks.jsonl]
# EVAL_DETAIL=1 prints, under each miss, the top ten passages (relevant ones starred) and word counts.
# The JSON line also gives each half of the set (halfA, halfB: split by a hash of the question id), and "facts":
# of the answers cited with a relevant document whose reference answer holds numbers (amounts, periods, phone
# numbers), how many hold every one of them (allStated) and the share of those numbers stated (numbersStated).
# EVAL_FACTS=1 prints a NOFACT line for each cited answer that lacks a number of its reference answer.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=$(bench/agent/classpath.sh)
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xmx1g -cp "$cp" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dagent.eval.detail="${EVAL_DETAIL:+true}" -Dagent.eval.facts="${EVAL_FACTS:+true}" \
  -Dorg.slf4j.simpleLogger.log.dev.tandem.server.agent.OfflineGroundedModel="${EVAL_DETAIL:+debug}" dev.tandem.server.agent.bench.AgentEval "$@"
