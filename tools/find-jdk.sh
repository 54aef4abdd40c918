# Sourced by ./dataexport and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Honours JAVA_HOME when it is recent enough, else takes the newest JDK under /usr/lib/jvm
# (or under DATAEXPORT_JVM_DIR when set).

java_major() {
  # Prints the feature version of the java binary given (17, 21, 25, ...), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

find_jdk() {
  local required=21 candidate major best="" best_major=0 jvms="${DATAEXPORT_JVM_DIR:-/usr/lib/jvm}"
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$required" ]; then
      quiet_maven_on "$major"
      return 0
    fi
    echo "JAVA_HOME=$JAVA_HOME is Java ${major:-unknown}; looking for Java $required+ under $jvms instead." >&2
  fi
  for candidate in "$jvms"/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$required" ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate
      best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    cat >&2 <<MSG
No JDK $required or newer was found (JAVA_HOME is '${JAVA_HOME:-unset}', nothing suitable under $jvms).
Install one, for example:
  apt-get install openjdk-21-jdk        (Debian/Ubuntu), or Eclipse Temurin 21+ from adoptium.net
then set JAVA_HOME to it, or leave it under $jvms where this script looks.
MSG
    return 1
  fi
  export JAVA_HOME=$best
  quiet_maven_on "$best_major"
}

quiet_maven_on() {
  # Maven's bundled Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every run.
  if [ "$1" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "Apache Maven (mvn) is required to build the Data Export Service: apt-get install maven, or see maven.apache.org." >&2
    return 1
  fi
}
