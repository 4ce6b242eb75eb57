#!/bin/sh
# Soak: submissions at half the measured capacity for MINUTES (default 30), sampling the
# portal's heap (actuator jvm.memory.used, area heap, and jvm.gc.live.data.size, the heap
# left after the last full collection) and its open database connections (pg_stat_activity,
# and the R2DBC pool's allocated connections) every SAMPLE seconds, then asserting both stayed
# flat: the last third's heap floor at most 25 % (+16 MB) above the first third's, its
# connection peak at most 2 above (after a one-minute warm-up).
#
#   load-tests/soak.sh                       # RATE = half of load-tests/target/bench/bench.json, or 20/s
#   MINUTES=3 RATE=40 load-tests/soak.sh     # a shortened run
#   LOADGEN=gatling load-tests/soak.sh       # Gatling's constant rate instead of paced wrk
#
# The load comes from wrk (load-tests/wrk/soak.lua), CONNECTIONS (default 64) connections each
# pausing 1000 * CONNECTIONS / RATE - LATENCY_MS (default 12, the p50 seen at half capacity) ms
# before each letter, so that pause plus answer makes RATE; the rate is reported as measured
# (the first 30-minute run paused without subtracting the latency and got 681/s of 830).
# Gatling at a few hundred letters per second takes a core of the two this machine has, so it
# could not hold half of the portal's capacity beside the portal.
#
# Writes load-tests/target/soak: samples.csv, wrk.txt (or the Gatling summary) and soak.json.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-18481}
MINUTES=${MINUTES:-30}
SAMPLE=${SAMPLE:-10}
DATA=${DATA:-$(mktemp -d /tmp/mailbox-soak.XXXXXX)}
OUT=${OUT:-$here/load-tests/target/soak}
bench="$here/load-tests/target/bench/bench.json"
if [ -z "${RATE:-}" ]; then
  if [ -f "$bench" ]; then
    RATE=$(sed -n 's/.*"portalDurablePerSecond":\([0-9.]*\).*/\1/p' "$bench" | awk '{ printf "%d", $1 / 2 }')
  else
    RATE=20
  fi
fi
mkdir -p "$OUT"
# The near-duplicate index keeps the latest letters by design (about 1.1 KB each, 50,000 by
# default: ~55 MB reached after 50,000 letters). A soak shorter than that would read the index
# filling up as a leak, so the soak caps it low (DUPLICATES, default 5,000: full within
# minutes) and then measures what must stay flat.
PORTAL_ARGS="${PORTAL_ARGS:-} --portal.screening.duplicates.max-letters=${DUPLICATES:-5000}"
. "$here/load-tests/portal-for-load.sh"
start_portal
echo "soak: $RATE submissions/s for $MINUTES min, a sample every ${SAMPLE}s"

# Metrics are a staff endpoint: read them as the administrator portal-for-load.sh creates.
metric() {
  curl -fs -u admin:load-admin-password "http://127.0.0.1:$PORT/actuator/metrics/$1" | sed -n 's/.*"statistic":"VALUE","value":\([0-9.E+-]*\).*/\1/p' | awk '{ printf "%d", $1 }'
}
sampler() {
  echo "seconds,heap_used_bytes,live_data_bytes,db_connections,pool_allocated" > "$OUT/samples.csv"
  start=$(date +%s)
  while kill -0 "$portal" 2>/dev/null; do
    heap=$(metric "jvm.memory.used?tag=area:heap" || echo 0)
    live=$(metric "jvm.gc.live.data.size" || echo 0)
    conns=$(psql $pg -At -d postgres -c "select count(*) from pg_stat_activity where usename = 'mailbox' and pid <> pg_backend_pid()" || echo -1)
    pool=$(metric "r2dbc.pool.allocated" || echo -1)
    echo "$(( $(date +%s) - start )),$heap,$live,$conns,$pool" >> "$OUT/samples.csv"
    sleep "$SAMPLE"
  done
}
sampler &
sampling=$!
if [ "${LOADGEN:-wrk}" = gatling ]; then
  run_gatling SubmissionSurgeSimulation -Drate="$RATE" -Dduration="$((MINUTES * 60))"
  summary=$(cat "$OUT/SubmissionSurgeSimulation.json")
else
  connections=${CONNECTIONS:-64}
  (cd "$here/load-tests/wrk" && wrk -t2 -c"$connections" -d"$((MINUTES * 60))s" --timeout 10s --latency \
    -s soak.lua "http://127.0.0.1:$PORT" -- "$(( (pause = 1000 * connections / RATE - ${LATENCY_MS:-12}) > 0 ? pause : 0 ))") > "$OUT/wrk.txt" 2>&1
  summary=$(sed -n 's/^WRK //p' "$OUT/wrk.txt")
  summary=$(echo "$summary" | awk '{ match($0, /"requests":[0-9]+/); r = substr($0, RSTART + 11, RLENGTH - 11);
    match($0, /"seconds":[0-9.]+/); s = substr($0, RSTART + 10, RLENGTH - 10);
    sub(/}$/, sprintf(",\"perSecond\":%.1f}", r / s)); print }')
fi
kill "$sampling" 2>/dev/null || true

# Flat: compare the first third (after a minute's warm-up) with the last third. Heap in use is
# a saw-tooth (young collections), so its floor (the lowest sample: what survives collections)
# is compared, within 25 % plus 16 MB; peaks are reported. Connections: peak within 2.
verdict=$(awk -F, -v total="$((MINUTES * 60))" '
  NR == 1 { next }
  $1 < 60 && total > 180 { next }
  { n++; heap[n] = $2; conns[n] = $4 }
  END {
    third = int(n / 3); if (third < 1) third = 1
    f1 = -1; f3 = -1
    for (i = 1; i <= third; i++) { if (heap[i] > h1) h1 = heap[i]; if (f1 < 0 || heap[i] < f1) f1 = heap[i]; if (conns[i] > c1) c1 = conns[i] }
    for (i = n - third + 1; i <= n; i++) { if (heap[i] > h3) h3 = heap[i]; if (f3 < 0 || heap[i] < f3) f3 = heap[i]; if (conns[i] > c3) c3 = conns[i] }
    flat = (f3 <= f1 * 1.25 + 16 * 1048576 && c3 <= c1 + 2) ? "true" : "false"
    printf "{\"samples\":%d,\"heapFloorFirstThirdMb\":%.1f,\"heapFloorLastThirdMb\":%.1f,\"heapPeakFirstThirdMb\":%.1f,\"heapPeakLastThirdMb\":%.1f,\"dbConnectionsPeakFirstThird\":%d,\"dbConnectionsPeakLastThird\":%d,\"flat\":%s}",
      n, f1 / 1048576, f3 / 1048576, h1 / 1048576, h3 / 1048576, c1, c3, flat
  }' "$OUT/samples.csv")
line="{\"minutes\":$MINUTES,\"rate\":$RATE,\"memoryAndConnections\":$verdict,\"load\":$summary}"
echo "$line" > "$OUT/soak.json"
echo "SOAK $line"
case "$verdict" in
  *'"flat":true'*) echo "heap and connections stayed flat" ;;
  *) echo "heap or connections grew" >&2; exit 1 ;;
esac
