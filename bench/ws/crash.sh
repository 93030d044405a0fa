#!/usr/bin/env bash
# The SIGKILL crash test with more cycles and clients than the IT's 10 × 20:
#   CYCLES=50 CLIENTS=50 bench/ws/crash.sh
# It runs ServerCrashIT (bot-server) with those numbers; the build folder is TANDEM_TARGET (default target).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec ./mvnw -B -o -q -Dtandem.target="${TANDEM_TARGET:-target}" -pl bot-server verify \
  -Dtest=NoSuchTest -Dit.test='ServerCrashIT#acked*' \
  -Dtandem.crash.cycles="${CYCLES:-50}" -Dtandem.crash.clients="${CLIENTS:-50}" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
