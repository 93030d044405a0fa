#!/usr/bin/env bash
# Compiles bot-server's test classes into target-bench and prints the classpath to run them with.
# Offline: uses what ~/.m2 holds (the knowledge-base jar installed by its owner).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out=bot-server/target-bench
./mvnw -B -o -q -Dtandem.target=target-bench -pl bot-server test-compile \
  dependency:build-classpath -Dmdep.outputFile=target-bench/classpath.txt -Dmdep.includeScope=test >&2
echo "$out/test-classes:$out/classes:$(cat $out/classpath.txt)"
