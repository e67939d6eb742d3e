# Sourced (POSIX sh) by ./mvnw and ./azt3knet. Azt3kNet targets Java 21, but many machines default to an
# older `java`; this points JAVA_HOME at a JDK >= 21 so neither command depends on the default.
# Search order: $JAVA_HOME, the `java` on PATH, then /usr/lib/jvm/* and /usr/local/lib/jvm/* (newest first).

azt3knet_jdk_feature() { # prints the feature release (e.g. 21) of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

azt3knet_jdk_ok() { # true when $1 is a JDK whose feature release is >= 21
  _f=$(azt3knet_jdk_feature "$1")
  [ -n "$_f" ] && [ "$_f" -ge 21 ] 2>/dev/null
}

azt3knet_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && azt3knet_jdk_ok "$JAVA_HOME"; then return 0; fi
  _java=$(command -v java 2>/dev/null || true)
  if [ -n "$_java" ]; then
    _home=$(dirname "$(dirname "$(readlink -f "$_java")")")
    if azt3knet_jdk_ok "$_home"; then JAVA_HOME=$_home; export JAVA_HOME; return 0; fi
  fi
  _best= _best_f=0 _noglob=
  case $- in *f*) _noglob=1; set +f ;; esac  # mvnw runs with globbing off
  for _home in /usr/lib/jvm/* /usr/local/lib/jvm/*; do
    [ -d "$_home" ] || continue
    _f=$(azt3knet_jdk_feature "$_home")
    if [ -n "$_f" ] && [ "$_f" -ge 21 ] 2>/dev/null && [ "$_f" -gt "$_best_f" ]; then _best=$_home _best_f=$_f; fi
  done
  [ -z "$_noglob" ] || set -f
  if [ -n "$_best" ]; then JAVA_HOME=$_best; export JAVA_HOME; return 0; fi
  echo "azt3knet: no JDK 21 or newer found (looked at JAVA_HOME, the java on PATH, /usr/lib/jvm/*)." >&2
  echo "azt3knet: install one (for example Temurin 21) and set JAVA_HOME to it." >&2
  return 1
}

azt3knet_find_jdk || exit 1
AZT3KNET_JDK_FEATURE=$(azt3knet_jdk_feature "$JAVA_HOME")
export AZT3KNET_JDK_FEATURE
