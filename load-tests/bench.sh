#!/bin/sh
# One run, one machine: PostgreSQL's raw insert rate for a letter-sized row (pgbench, 64 clients)
# against the portal's durable submissions per second (Gatling, 64 concurrent clients), their ratio,
# and the portal's p99. Starts its own portal on a fresh data folder (embedded PostgreSQL) and
# stops it at the end.
#
#   load-tests/bench.sh                          # defaults below
#   CLIENTS=64 SECONDS_EACH=60 PORT=18480 load-tests/bench.sh
#   GROUP_COMMIT=false load-tests/bench.sh       # the same with a transaction per letter
#
# Writes $OUT (load-tests/target/bench): pgbench.txt, the Gatling report under load-tests/target/gatling,
# SubmissionSurgeSimulation.json and bench.json (the one-line result).
# Needs: portal/target/portal.jar (./mvnw -DskipTests package), pgbench and psql on the PATH, curl.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-18480}
CLIENTS=${CLIENTS:-64}
SECONDS_EACH=${SECONDS_EACH:-60}
GROUP_COMMIT=${GROUP_COMMIT:-true}
DATA=${DATA:-$(mktemp -d /tmp/mailbox-bench.XXXXXX)}
OUT=${OUT:-$here/load-tests/target/bench}
mkdir -p "$OUT"
. "$here/load-tests/portal-for-load.sh"
start_portal
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
echo "pgbench: $CLIENTS clients, ${SECONDS_EACH}s"
pgbench $pg -n -c "$CLIENTS" -j 2 -T "$SECONDS_EACH" -f "$OUT/insert-letter.sql" postgres > "$OUT/pgbench.txt" 2>&1
cat "$OUT/pgbench.txt"
raw=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench.txt" | head -n 1)
psql $pg -q -d postgres -c "drop table bench_letters;"

echo "portal: $CLIENTS concurrent clients, ${SECONDS_EACH}s (group commit $GROUP_COMMIT)"
before=$(psql $pg -At -d postgres -c "select count(*) from letters")
run_gatling SubmissionSurgeSimulation -Dusers="$CLIENTS" -Dduration="$SECONDS_EACH"
after=$(psql $pg -At -d postgres -c "select count(*) from letters")
summary=$(cat "$OUT/SubmissionSurgeSimulation.json")
# The summary has one request name (submit), so one p99.
p99=$(echo "$summary" | sed -n 's/.*"p99":\([0-9]*\).*/\1/p')
ok=$(echo "$summary" | sed -n 's/.*"submit":{"requests":[0-9]*,"ok":\([0-9]*\).*/\1/p')
durable=$(awk "BEGIN { printf \"%.1f\", $ok / $SECONDS_EACH }")
ratio=$(awk "BEGIN { printf \"%.3f\", $durable / $raw }")
line="{\"pgbenchTps\":$raw,\"portalDurablePerSecond\":$durable,\"ratio\":$ratio,\"portalP99Ms\":$p99,\"clients\":$CLIENTS,\"seconds\":$SECONDS_EACH,\"groupCommit\":$GROUP_COMMIT,\"lettersStored\":$((after - before)),\"answered201\":$ok,\"cpus\":$(nproc)}"
echo "$line" > "$OUT/bench.json"
echo "BENCH $line"
echo "raw PostgreSQL $raw inserts/s; portal $durable durable submissions/s; ratio $ratio; portal p99 ${p99} ms"
