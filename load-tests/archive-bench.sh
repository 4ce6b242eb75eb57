#!/bin/sh
# The archive API's requests/s against raw IndexSearcher QPS on the same index, same queries,
# same concurrency. Starts its own portal on a fresh data folder (embedded PostgreSQL), loads
# RECORDS synthetic public records made of the real letters' words (archive-records.py reads
# ../shared/data; nothing is written to the repository) into public_letters and the
# publication log, lets the portal's own indexer (ArchiveIndexer) build <data>/index, then:
#   1. wrk, CONCURRENCY connections, SECONDS_EACH s after WARMUP s: GET /api/v1/archive?q=...
#      cycling over 800 queries (200 each: one word, two words, a quoted phrase, a word with
#      region and year filters; page of 20 with snippets and facets, as the API always answers);
#   2. stops the portal and runs search's ArchiveThroughputBenchmark on the same folder with the
#      same queries and CONCURRENCY threads: bare IndexSearcher.search(query, 20) and
#      ArchiveIndex.search (what the API asks of the index);
# and prints one line of JSON (also in $OUT/archive-bench.json).
#
#   load-tests/archive-bench.sh                        # defaults below
#   RECORDS=1000000 CONCURRENCY=16 load-tests/archive-bench.sh
#   DATA=/tmp/archive-api load-tests/archive-bench.sh   # again on a loaded data folder: no reload
#   INDEX=/tmp/archive-1m load-tests/archive-bench.sh   # serve search's ArchiveBenchmark index instead
#     (its commit says log sequence 1: the log gets one harmless entry, the portal restarts on a copy)
#
# Needs: portal/target/portal.jar (./mvnw -DskipTests package), psql, curl, wrk, python3.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-18571}
RECORDS=${RECORDS:-200000}
CONCURRENCY=${CONCURRENCY:-16}
SECONDS_EACH=${SECONDS_EACH:-30}
WARMUP=${WARMUP:-10}
SHARED_DATA=${SHARED_DATA:-$here/../shared/data}
DATA=${DATA:-$(mktemp -d /tmp/mailbox-archive-bench.XXXXXX)}
# The static site (on by default) would render a page per record meanwhile: not what is measured.
PORTAL_ARGS=${PORTAL_ARGS:---site.enabled=false}
OUT=${OUT:-$here/load-tests/target/archive-bench}
tokens="$SHARED_DATA/tipdm2020c/fujian2_full9210_tokenized.csv"
if [ ! -f "$tokens" ]; then
  echo "needs the real letters at $tokens (set SHARED_DATA=DIR)" >&2
  exit 1
fi
mkdir -p "$OUT"
load() { cut -d' ' -f1-3 /proc/loadavg; }

if [ -n "${INDEX:-}" ]; then
  # A prebuilt index (ArchiveBenchmark's): only the queries are generated.
  RECORDS=0
fi
if [ ! -f "$OUT/records.tsv" ] || [ "$(wc -l < "$OUT/records.tsv")" -ne "$RECORDS" ]; then
  echo "generating $RECORDS records and the queries in $OUT"
  python3 "$here/load-tests/archive-records.py" "$tokens" "$RECORDS" "$OUT"
fi

if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  echo "port $PORT is taken by another server; choose another with PORT=..." >&2
  exit 1
fi
. "$here/load-tests/portal-for-load.sh"
start_portal
total() {
  curl -fs "http://127.0.0.1:$PORT/api/v1/archive?size=1" | sed -n 's/^{"total":\([0-9]*\).*/\1/p'
}
have=$(total)
rows=$(psql $pg -At -d postgres -c "select count(*) from public_letters")
if [ -n "${INDEX:-}" ]; then
  # Serve a copy of the prebuilt index. Its commit says log sequence 1: give the log one entry
  # (a withdrawal of a number that does not exist), so the indexer neither rebuilds (index ahead
  # of the log) nor replays anything. The database holds no records: only search is measured.
  if [ "$(psql $pg -At -d postgres -c "select count(*) from publication_log")" -eq 0 ]; then
    psql $pg -q -d postgres -c "insert into publication_log (tracking_number, kind, at) values ('BENCH-NONE', 'withdraw', now())"
    sleep 5
  fi
  stop_portal
  echo "copying $INDEX to $DATA/index"
  rm -rf "$DATA/index"
  cp -r "$INDEX" "$DATA/index"
  start_portal
  RECORDS=$(total)
  indexSeconds=null
  echo "the portal serves the prebuilt index of $RECORDS records"
elif [ "${have:-0}" -ne "$RECORDS" ]; then
  if [ "$rows" -ne "$RECORDS" ]; then
  echo "loading $RECORDS records into public_letters and the publication log (load $(load))"
  # One notification instead of one per log row; the indexer reads the log in batches anyway.
  psql $pg -q -d postgres -v ON_ERROR_STOP=1 <<SQL
alter table publication_log disable trigger publication_log_notify;
\copy public_letters (tracking_number, mailbox, nature, field, region, units, title, letter, reply, received_at, accepted_at, assigned_at, replied_at, published_at, working_days, limit_days, on_time, reminders, extension_days) from '$OUT/records.tsv'
insert into publication_log (tracking_number, kind, at)
    select tracking_number, 'publish', published_at from public_letters order by tracking_number;
alter table publication_log enable trigger publication_log_notify;
select pg_notify('publication_log', 'archive-bench');
SQL
  fi
  start=$(date +%s)
  echo "waiting for the portal's indexer (load $(load))"
  while :; do
    have=$(total)
    [ "${have:-0}" -ge "$RECORDS" ] && break
    if ! kill -0 "$portal" 2>/dev/null; then
      echo "the portal stopped; see $OUT/portal.log" >&2
      exit 1
    fi
    echo "  $(date -u +%H:%M:%S) ${have:-0} indexed (load $(load))"
    sleep 30
  done
  indexSeconds=$(( $(date +%s) - start ))
  echo "indexed $RECORDS records in ${indexSeconds} s (load $(load))"
else
  indexSeconds=null
  echo "reusing the $RECORDS records indexed in $DATA"
fi

export PATHS="$OUT/paths.txt"
wrk -t2 -c"$CONCURRENCY" -d"${WARMUP}s" --timeout 60s -s "$here/load-tests/archive-bench.lua" "http://127.0.0.1:$PORT" > "$OUT/wrk-warmup.txt"
cpu0=$(awk '{ print $14 + $15 }' "/proc/$portal/stat")
apiLoad=$(load)
wrk -t2 -c"$CONCURRENCY" -d"${SECONDS_EACH}s" --timeout 60s --latency -s "$here/load-tests/archive-bench.lua" \
  "http://127.0.0.1:$PORT" > "$OUT/wrk.txt"
cpu1=$(awk '{ print $14 + $15 }' "/proc/$portal/stat")
cat "$OUT/wrk.txt"
api=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$OUT/wrk.txt")
requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$OUT/wrk.txt")
errors=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$OUT/wrk.txt")
timeouts=$(sed -n 's/.*timeout \([0-9]*\).*/\1/p' "$OUT/wrk.txt")
ms() { # wrk prints 12.34ms, 1.20s or 900.00us
  sed -n "s/^ *$1% *\([0-9.]*\)\([um]*s\).*/\1 \2/p" "$OUT/wrk.txt" |
    awk '{ f = ($2 == "us") ? 0.001 : ($2 == "s") ? 1000 : 1; printf "%.1f", $1 * f }'
}
p50=$(ms 50)
p99=$(ms 99)
hz=$(getconf CLK_TCK)
portalCpuMs=$(awk "BEGIN { printf \"%.2f\", ($cpu1 - $cpu0) * 1000 / $hz / $requests }")
stop_portal
trap - EXIT INT TERM

echo "raw: the same queries in-process on $DATA/index (load $(load))"
"$here/mvnw" -B -Pevaluate -f "$here/pom.xml" -pl search -am test -Dtest=ArchiveThroughputBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dmailbox.benchmark.index="$DATA/index" \
  -Dmailbox.benchmark.queries="$OUT/queries.tsv" -Dmailbox.benchmark.concurrency="$CONCURRENCY" \
  -Dmailbox.benchmark.seconds="$SECONDS_EACH" -Dmailbox.benchmark.warmup-seconds="$WARMUP" > "$OUT/raw.txt" 2>&1
grep -E '^(IndexSearcher|ArchiveIndex|index:|[0-9,]+ queries)' "$OUT/raw.txt" || true
rawLine=$(sed -n 's/^RAW //p' "$OUT/raw.txt")
if [ -z "$rawLine" ]; then
  echo "the raw run printed no result; see $OUT/raw.txt" >&2
  exit 1
fi
raw=$(echo "$rawLine" | sed -n 's/.*"rawQueriesPerSecond":\([0-9.]*\).*/\1/p')
service=$(echo "$rawLine" | sed -n 's/.*"serviceQueriesPerSecond":\([0-9.]*\).*/\1/p')
ratio=$(awk "BEGIN { printf \"%.3f\", $api / $raw }")
serviceRatio=$(awk "BEGIN { printf \"%.3f\", $api / $service }")
line="{\"apiRequestsPerSecond\":$api,\"rawQueriesPerSecond\":$raw,\"ratio\":$ratio,\"serviceQueriesPerSecond\":$service,\"apiToServiceRatio\":$serviceRatio,\"apiP50Ms\":$p50,\"apiP99Ms\":$p99,\"apiNon2xx\":${errors:-0},\"apiTimeouts\":${timeouts:-0},\"portalCpuMsPerRequest\":$portalCpuMs,\"raw\":$rawLine,\"records\":$RECORDS,\"portalIndexSeconds\":$indexSeconds,\"concurrency\":$CONCURRENCY,\"seconds\":$SECONDS_EACH,\"loadDuringApi\":\"$apiLoad\",\"cpus\":$(nproc)}"
echo "$line" > "$OUT/archive-bench.json"
echo "ARCHIVE-BENCH $line"
echo "API $api requests/s; raw IndexSearcher $raw queries/s (ratio $ratio); ArchiveIndex.search $service queries/s (ratio $serviceRatio)"
