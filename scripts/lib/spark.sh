# Shared by scripts/hive-spark, scripts/services/spark-thrift, scripts/demo and scripts/bench-engines (sourced, not run).
# Finds pyspark in the venv (installing it via scripts/setup-python when missing), checks Java, builds the local JSON
# SerDe jar, and writes a Spark conf folder with quiet logging. Callers set `repo` before sourcing.

spark_die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# Sets SPARK_HOME from the venv ($PDM_VENV, default <repo>/.venv); runs scripts/setup-python if pyspark is missing.
spark_find_home() {
  local venv="${PDM_VENV:-$repo/.venv}"
  if ! "$venv/bin/python" -c "import pyspark" >/dev/null 2>&1; then
    echo "$(basename "$0"): pyspark missing in $venv; running scripts/setup-python" >&2
    PDM_VENV="$venv" "$repo/scripts/setup-python" >&2 || spark_die "scripts/setup-python failed; cannot find pyspark"
  fi
  SPARK_HOME="$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))' 2>/dev/null)" \
    || spark_die "cannot import pyspark from $venv/bin/python"
  [ -x "$SPARK_HOME/bin/spark-sql" ] || spark_die "no bin/spark-sql in $SPARK_HOME (pyspark install broken?)"
  export SPARK_HOME
  # Spark's launcher scripts use PYSPARK_PYTHON-independent bash; they only need JAVA_HOME or java on PATH.
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    SPARK_JAVA="$JAVA_HOME/bin/java"
  else
    SPARK_JAVA="$(command -v java || true)"
  fi
  [ -n "$SPARK_JAVA" ] || spark_die "no java on PATH and no JAVA_HOME: install a JDK 17 (scripts/setup installs openjdk-17-jdk-headless)"
  "$SPARK_JAVA" -version >/dev/null 2>&1 || spark_die "$SPARK_JAVA -version fails: broken Java install"
  # Binding to 127.0.0.1 keeps the driver (and the Thrift server) off public interfaces.
  export SPARK_LOCAL_IP=127.0.0.1
}

# Builds <repo>/.build-java/pdm-json-serde.jar from java/json-serde when the source changed; prints the jar's path.
# Built in a temp folder and renamed into place, so concurrent callers never see a half-written jar.
spark_serde_jar() {
  local src="$repo/java/json-serde/src" out="$repo/.build-java" hash jar tmp javac
  hash="$(cat "$src"/pdmpipeline/serde/*.java | sha256sum | cut -c1-16)"
  jar="$out/pdm-json-serde-$hash.jar"
  if [ ! -s "$jar" ]; then
    javac="$(dirname "$(readlink -f "$SPARK_JAVA")")/javac"
    [ -x "$javac" ] || javac="$(command -v javac || true)"
    [ -n "$javac" ] || spark_die "no javac to build the JSON SerDe: install openjdk-17-jdk-headless (scripts/setup)"
    mkdir -p "$out"
    tmp="$(mktemp -d "$out/tmp.XXXXXX")"
    "$javac" --release 17 -nowarn -d "$tmp/classes" -cp "$SPARK_HOME/jars/*" "$src"/pdmpipeline/serde/*.java >"$tmp/javac.log" 2>&1 \
      || { cat "$tmp/javac.log" >&2; rm -rf "$tmp"; spark_die "building the JSON SerDe failed"; }
    "$(dirname "$javac")/jar" cf "$tmp/serde.jar" -C "$tmp/classes" . || { rm -rf "$tmp"; spark_die "jar failed"; }
    mv -f "$tmp/serde.jar" "$jar"
    rm -rf "$tmp"
  fi
  echo "$jar"
}

# Writes a Spark conf folder under $1 with quiet log4j2 settings (errors only) and exports SPARK_CONF_DIR.
spark_conf_dir() {
  local dir="$1/conf"
  mkdir -p "$dir"
  cat >"$dir/log4j2.properties" <<'PROPS'
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
# spark-sql (an "interpreter" to Spark) resets the root level to this logger's level, WARN by default.
logger.repl.name = org.apache.spark.repl.Main
logger.repl.level = error
# Known noise on every start of a local Hive client.
logger.hivemeta.name = org.apache.hadoop.hive.metastore
logger.hivemeta.level = error
logger.datanucleus.name = DataNucleus
logger.datanucleus.level = error
PROPS
  export SPARK_CONF_DIR="$dir"
}

# The settings both engines share: a laptop-sized, Hive-compatible Spark with its metastore and warehouse in $1.
spark_common_conf() {
  local state="$1" jar="$2"
  SPARK_ARGS=(
    --master "local[*]"
    --jars "$jar" --driver-class-path "$jar"
    --driver-java-options "-Dderby.system.home=$state -Dderby.stream.error.file=$state/derby.log"
    --conf spark.ui.enabled=false
    --conf spark.sql.ansi.enabled=false
    --conf spark.sql.shuffle.partitions=4
    --conf spark.sql.catalogImplementation=hive
    --conf "spark.sql.warehouse.dir=$state/warehouse"
    --conf "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=$state/metastore_db;create=true"
    --conf spark.hadoop.hive.metastore.schema.verification=false
  )
}
