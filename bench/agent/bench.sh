#!/usr/bin/env bash
# Agent latency: offline p50/p99 at 1 and 50 concurrent conversations; LLM mode against the stub
# OpenAI-compatible server (fixed delay): our first-delta overhead and inter-token jitter at 50/200 streams.
# Two modes side by side: closed loop (the original: ask again at once, all streams started together,
# stub in this JVM) and open loop (think time between questions; streams spread over time, stub in a
# JVM of its own). The open loop runs against two stubs in turn: the original one (the JDK's HttpServer, Nagle on)
# and one with TCP_NODELAY as token-streaming servers set it (-Dbench.stubNoDelay=off|on|both, both by default).
# Prints a table, then one JSON line.
# Usage: bench/agent/bench.sh [corpusDir] [questions.jsonl]
#   -D options via BENCH_OPTS, e.g. BENCH_OPTS="-Dbench.only=offline,llm-open -Dbench.thinkMs=1000"
#   The JVM's default collector (G1) is what ./tandem runs for the offline answerer; with an LLM provider the
#   launcher runs ZGC: BENCH_OPTS="-XX:+UseZGC -Dbench.only=llm-open -Dbench.llmWarmupMs=60000" measures that.
# The open loop's stub stamps each token with its own time, so the LLM lines are given twice: minus the planned
# 300 / 25 ms, and minus what the stub actually took ("vs stub"; its late wake-ups on a busy box removed).
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=$(bench/agent/classpath.sh)
echo "machine: $(nproc) cores, $(uname -sr), load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# the launcher's JVM options (./tandem): Lucene's vector code on, as the server runs it
. bench/jvm-opts.sh
exec "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Xmx1g $LAUNCHER_JVM_OPTS -cp "$cp" ${BENCH_OPTS:-} \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn dev.tandem.server.agent.bench.AgentBench "$@"
