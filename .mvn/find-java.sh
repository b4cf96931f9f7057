# Sourced by ./mvnw and ./corral: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME, the java on PATH, then /usr/lib/jvm/* (newest first).
# Prints a clear message and exits when none is found.

corral_java_major() {
  # $1: path to a java binary; prints its feature version (17, 21, 25, ...) or nothing.
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}

corral_find_java() {
  local min=21 candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(corral_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge "$min" ] 2>/dev/null; then return 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(readlink -f "$(command -v java)")
    major=$(corral_java_major "$candidate")
    if [ "${major:-0}" -ge "$min" ] 2>/dev/null; then
      JAVA_HOME=$(dirname "$(dirname "$candidate")"); export JAVA_HOME; return 0
    fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(corral_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge "$min" ] 2>/dev/null; then
      JAVA_HOME=${candidate%/}; export JAVA_HOME; return 0
    fi
  done
  echo "Corral needs a JDK 21 or newer: none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "Install one (for example Temurin 21) and set JAVA_HOME to it." >&2
  exit 1
}

corral_find_java

# Maven's own Guice warns about sun.misc.Unsafe on JDK 24+; the flag that silences it is unknown to older JDKs.
if [ "$(corral_java_major "$JAVA_HOME/bin/java")" -ge 24 ] 2>/dev/null; then
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe-memory-access*) ;; *)
    MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
