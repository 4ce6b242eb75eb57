#!/bin/sh
# What makes the tail of a loaded portal (issue 8): starts a portal on a fresh data folder (as
# bench.sh), turns on the embedded PostgreSQL's log of statements slower than SLOW_MS, of
# autovacuum and of checkpoints, and a GC log of the JVM, loads it with CLIENTS wrk clients for
# WARMUP seconds and then SECONDS_EACH seconds, and prints wrk's latency distribution and the
# slow statements. Files in $OUT (load-tests/target/slow-statements): postgres.log, gc.log, wrk.txt.
#
#   load-tests/slow-statements.sh
#   SLOW_MS=20 WARMUP=180 SECONDS_EACH=60 load-tests/slow-statements.sh
#
# Needs portal/target/portal.jar (./mvnw -DskipTests package), wrk, psql, curl.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-18493}
CLIENTS=${CLIENTS:-64}
WARMUP=${WARMUP:-120}
SECONDS_EACH=${SECONDS_EACH:-60}
SLOW_MS=${SLOW_MS:-40}
DATA=${DATA:-$(mktemp -d /tmp/mailbox-slow.XXXXXX)}
OUT=${OUT:-$here/load-tests/target/slow-statements}
mkdir -p "$OUT"
rm -f "$OUT/gc.log"
JAVA_TOOL_OPTIONS="-Xlog:gc*,safepoint:file=$OUT/gc.log:uptime,level,tags"
export JAVA_TOOL_OPTIONS
. "$here/load-tests/portal-for-load.sh"
start_portal
unset JAVA_TOOL_OPTIONS
psql $pg -q -At -d postgres -c "alter system set log_min_duration_statement = $SLOW_MS" \
  -c "alter system set log_checkpoints = on" -c "alter system set log_autovacuum_min_duration = 0" \
  -c "alter system set log_line_prefix = '%m [%p] '" -c "select pg_reload_conf()" > /dev/null
script="$here/load-tests/wrk/submit.lua"
wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" -s "$script" "http://127.0.0.1:$PORT/" > "$OUT/warm-up.txt" 2>&1
echo "measuring from $(date -u +%H:%M:%S) UTC"
wrk -t2 -c"$CLIENTS" -d"${SECONDS_EACH}s" --latency -s "$script" "http://127.0.0.1:$PORT/" > "$OUT/wrk.txt" 2>&1
cp "$DATA/postgres/postgres.log" "$OUT/postgres.log"
grep -E "Requests/sec|50%|90%|99%" "$OUT/wrk.txt"
echo "statements over $SLOW_MS ms (whole run, warm-up included):"
if grep -q "duration:" "$OUT/postgres.log"; then
  grep "duration:" "$OUT/postgres.log" | cut -c1-160
else
  echo "none"
fi
echo "longest GC pauses (ms):"
grep -E "gc +\] .*Pause .*ms$" "$OUT/gc.log" | awk '{ sub(/ms$/, "", $NF); print $NF }' | sort -n | tail -n 3
