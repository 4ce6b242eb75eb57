#!/bin/sh
# One run, one machine: PostgreSQL's raw insert rate for a letter-sized row (pgbench, 64 clients,
# half its time just before the portal's window and half just after, so the machine's drift
# falls on both) against the portal's durable submissions per second (64 concurrent clients), their ratio, the
# portal's p99, and where the CPU went: CPU milliseconds per letter of the portal's JVM and of
# PostgreSQL (from /proc, so they hold even on a busy machine). Starts its own portal on a fresh
# data folder (embedded PostgreSQL) and stops it at the end.
#
# The portal's clients are wrk (a small C client like pgbench, so the load generator takes as
# little of the shared CPU on both sides) with load-tests/wrk/submit.lua, after WARMUP seconds of
# the same load for the JIT (default 180: on two cores the C2 compiler was still taking a quarter
# of the portal's CPU after 60 s, and the same build measured 761 submissions/s after 60 s of
# warm-up and 1,660/s after 180 s; a portal runs for weeks); LOADGEN=gatling drives them with SubmissionSurgeSimulation instead
# (a new connection per citizen, and Gatling's JVM on the same cores).
#
#   load-tests/bench.sh                          # defaults below
#   CLIENTS=64 SECONDS_EACH=60 PORT=18480 load-tests/bench.sh
#   GROUP_COMMIT=false load-tests/bench.sh       # the same with a transaction per letter
#   LOADGEN=gatling load-tests/bench.sh
#
# Writes $OUT (load-tests/target/bench): pgbench.txt, wrk.txt (or the Gatling report under
# load-tests/target/gatling and SubmissionSurgeSimulation.json) and bench.json (the one-line result).
# Needs: portal/target/portal.jar (./mvnw -DskipTests package), pgbench, psql, curl, and wrk
# (Debian package wrk) unless LOADGEN=gatling.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-18480}
CLIENTS=${CLIENTS:-64}
SECONDS_EACH=${SECONDS_EACH:-60}
GROUP_COMMIT=${GROUP_COMMIT:-true}
LOADGEN=${LOADGEN:-wrk}
WARMUP=${WARMUP:-180}
DATA=${DATA:-$(mktemp -d /tmp/mailbox-bench.XXXXXX)}
OUT=${OUT:-$here/load-tests/target/bench}
mkdir -p "$OUT"
. "$here/load-tests/portal-for-load.sh"
start_portal
jvm=$(pgrep -P "$portal" java || echo "$portal")
# CPU time (ms) of processes, from /proc: utime + stime in clock ticks, plus cutime + cstime
# (children that have exited: pgbench's backends end with it and are reaped by the postmaster).
cpu_ms() {
  for p in "$@"; do cat "/proc/$p/stat" 2>/dev/null; done |
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); s += $12 + $13 + $14 + $15 } END { printf "%d", s * 1000 / hz }'
}
postgres_pids() {
  master=$(head -n 1 "$DATA/postgres/pgdata/postmaster.pid")
  echo "$master" $(pgrep -P "$master")
}
per_row() {
  awk "BEGIN { printf \"%.3f\", ($2 - $1) / $3 }"
}
psql $pg -q -d postgres -c "drop table if exists bench_letters; create table bench_letters (like letters including all);"

# A row the size and shape of a real letter (about 600 characters of text).
cat > "$OUT/insert-letter.sql" <<'SQL'
\set n random(1, 2000000000)
insert into bench_letters (tracking_number, mailbox, nature, field, region, title, body, writer_name,
    writer_phone, anonymous, publication_consent, channel, client_ip, locale, access_code_hash, state, received_at)
values ('B' || :client_id || '-' || :n || '-' || pg_current_xact_id(), 'mayor', 'complaint', 'environment', 'xishan',
    '西山区夜间施工噪音的问题（' || :n || '号）',
    repeat('我住在西山区幸福路附近，最近二十天以来夜间施工噪音，已经向社区反映过三次，一直没有解决。附近有老人和孩子，出行和休息都受到影响。希望有关部门尽快派人到现场查看，说明处理的时间安排，并把结果告诉居民。', 4),
    '张三', '13800138000', false, true, 'api', '10.1.2.3', 'zh-CN', sha256(:n::text::bytea), 'received', now());
SQL
# pgbench runs on both sides of the portal's window, half the time each, and its rate is their
# combined rate: this machine's speed drifts by a third within minutes (pgbench's PostgreSQL took
# 0.35 ms per row in one run and 0.51 in another an hour apart), and a pgbench run taken minutes
# before the portal's window measured the machine of another moment. Each side starts once the
# other's work has settled (wait_quiet), so neither runs on CPU or disk the other is still using.
wait_quiet() {
  # The other side's rows vacuumed and its dirty pages written out first: otherwise the
  # autovacuum its inserts call for (it took pgbench from ~4,000 to 2,900 inserts/s in the
  # slice after the portal's load) and the checkpoint that writes them (every 30 s) would fall
  # on this side's window.
  psql $pg -q -d postgres -c "vacuum (analyze)"
  psql $pg -q -d postgres -c checkpoint
  i=0
  while [ "$i" -lt 60 ]; do
    c0=$(cpu_ms "$jvm" $(postgres_pids)); sleep 1; c1=$(cpu_ms "$jvm" $(postgres_pids))
    [ $((c1 - c0)) -lt 150 ] && return 0
    i=$((i + 1))
  done
}
half=$(( (SECONDS_EACH + 1) / 2 ))
pgbench_part() {
  wait_quiet
  p0=$(cpu_ms $(postgres_pids))
  pgbench $pg -n -c "$CLIENTS" -j 2 -T "$half" -f "$OUT/insert-letter.sql" postgres > "$OUT/pgbench-$1.txt" 2>&1
  p1=$(cpu_ms $(postgres_pids))
  pgbenchCpu=$((pgbenchCpu + p1 - p0))
  cat "$OUT/pgbench-$1.txt"
}
pgbenchCpu=0

echo "portal: $CLIENTS concurrent clients, ${SECONDS_EACH}s (group commit $GROUP_COMMIT, $LOADGEN), between two pgbench runs of ${half}s"
url="http://127.0.0.1:$PORT/"
if [ "$LOADGEN" != gatling ]; then
  wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" -s "$here/load-tests/wrk/submit.lua" "$url" > "$OUT/wrk-warmup.txt" 2>&1
fi
echo "pgbench: $CLIENTS clients, ${half}s before the portal's window"
pgbench_part before
wait_quiet
before=$(psql $pg -At -d postgres -c "select count(*) from letters")
j0=$(cpu_ms "$jvm"); p0=$(cpu_ms $(postgres_pids))
if [ "$LOADGEN" = gatling ]; then
  run_gatling SubmissionSurgeSimulation -Dusers="$CLIENTS" -Dduration="$SECONDS_EACH"
  j1=$(cpu_ms "$jvm"); p1=$(cpu_ms $(postgres_pids))
  summary=$(cat "$OUT/SubmissionSurgeSimulation.json")
  # The summary has one request name (submit), so one p99.
  p99=$(echo "$summary" | sed -n 's/.*"p99":\([0-9]*\).*/\1/p')
  ok=$(echo "$summary" | sed -n 's/.*"submit":{"requests":[0-9]*,"ok":\([0-9]*\).*/\1/p')
else
  wrk -t2 -c"$CLIENTS" -d"${SECONDS_EACH}s" --timeout 10s --latency -s "$here/load-tests/wrk/submit.lua" "$url" \
    > "$OUT/wrk.txt" 2>&1
  j1=$(cpu_ms "$jvm"); p1=$(cpu_ms $(postgres_pids))
  cat "$OUT/wrk.txt"
  summary=$(sed -n 's/^WRK //p' "$OUT/wrk.txt")
  p99=$(echo "$summary" | sed -n 's/.*"p99":\([0-9.]*\).*/\1/p')
  ok=$(echo "$summary" | sed -n 's/.*"201":\([0-9]*\).*/\1/p')
fi
after=$(psql $pg -At -d postgres -c "select count(*) from letters")
echo "pgbench: $CLIENTS clients, ${half}s after the portal's window"
pgbench_part after
cat "$OUT/pgbench-before.txt" "$OUT/pgbench-after.txt" > "$OUT/pgbench.txt"
# Transactions over the time they took (pgbench's tps leaves out connecting), both runs together.
raw=$(awk '/^number of transactions actually processed:/ { n[++k] = $6 } /^tps = / { t[++m] = $3 }
  END { for (i = 1; i <= k; i++) { tx += n[i]; s += n[i] / t[i] } printf "%.1f", tx / s }' "$OUT/pgbench.txt")
rawRows=$(psql $pg -At -d postgres -c "select count(*) from bench_letters")
pgbenchPostgresCpu=$(per_row 0 "$pgbenchCpu" "$rawRows")
rawBefore=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench-before.txt" | head -n 1)
rawAfter=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench-after.txt" | head -n 1)
psql $pg -q -d postgres -c "drop table bench_letters;"
ok=${ok:-0}
stored=$((after - before))
# Durable = answered 201 (each answer follows its commit); letters whose answer the client no
# longer waited for at the end are stored too, but not counted.
durable=$(awk "BEGIN { printf \"%.1f\", $ok / $SECONDS_EACH }")
ratio=$(awk "BEGIN { printf \"%.3f\", $durable / $raw }")
portalCpu=$(per_row "$j0" "$j1" "$stored")
portalPostgresCpu=$(per_row "$p0" "$p1" "$stored")
line="{\"pgbenchTps\":$raw,\"pgbenchTpsBefore\":$rawBefore,\"pgbenchTpsAfter\":$rawAfter,\"portalDurablePerSecond\":$durable,\"ratio\":$ratio,\"portalP99Ms\":$p99,\"clients\":$CLIENTS,\"seconds\":$SECONDS_EACH,\"groupCommit\":$GROUP_COMMIT,\"lettersStored\":$((after - before)),\"answered201\":$ok,\"loadGenerator\":\"$LOADGEN\",\"portalJvmCpuMsPerLetter\":$portalCpu,\"portalPostgresCpuMsPerLetter\":$portalPostgresCpu,\"pgbenchPostgresCpuMsPerRow\":$pgbenchPostgresCpu,\"cpus\":$(nproc),\"loadAverage\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
echo "$line" > "$OUT/bench.json"
echo "BENCH $line"
echo "raw PostgreSQL $raw inserts/s; portal $durable durable submissions/s; ratio $ratio; portal p99 ${p99} ms"
echo "CPU per letter: portal JVM $portalCpu ms + its PostgreSQL $portalPostgresCpu ms; pgbench's PostgreSQL $pgbenchPostgresCpu ms per row"
