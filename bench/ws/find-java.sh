# Sourced by the bench scripts: sets JAVA_BIN to a JDK 21+ java (JAVA_HOME first, then /usr/lib/jvm).
JAVA_BIN=""
for j in "${JAVA_HOME:-/nonexistent}/bin/java" /usr/lib/jvm/*/bin/java; do
  [ -x "$j" ] || continue
  v=$("$j" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then JAVA_BIN=$j; break; fi
done
[ -n "$JAVA_BIN" ] || { echo "bench: no JDK 21+ found" >&2; exit 1; }
