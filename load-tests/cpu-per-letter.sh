#!/bin/sh
# The portal's JVM CPU per submitted letter, for comparing two builds on a shared machine (issue
# 8): starts a portal from $here (its bin/portal and portal/target/portal.jar) on a fresh data
# folder, loads it with CLIENTS wrk clients (load-tests/wrk/submit.lua, rate limits off, as
# bench.sh) for WARMUP seconds, then measures SECONDS_EACH seconds: letters stored, CPU of the
# JVM from /proc with the JIT compiler threads' share apart (they still vary after minutes on two
# cores) and its time in the kernel (jvmSystemMs, part of jvmMs), of its PostgreSQL, and of wrk
# itself (the load generator shares the cores). JFR=1 also records a profile ($OUT/rec.jfr and its samples as
# text, $OUT/samples.txt). CPU per letter depends on the rate the machine allows (bigger group
# commits, more requests per event-loop wake-up), so compare builds measured back to back,
# alternately (A B A B), not single runs.
#
#   load-tests/cpu-per-letter.sh                        # this worktree's jar
#   HERE=/path/to/other/checkout JFR=1 load-tests/cpu-per-letter.sh
#
# Prints one line, CPU-PER-LETTER {...}. Needs wrk, psql, curl; JFR needs the JDK's jcmd and jfr.
set -eu
here=${HERE:-$(cd "$(dirname "$0")/.." && pwd)}
script=$(cd "$(dirname "$0")" && pwd)/wrk/submit.lua
PORT=${PORT:-18482}
CLIENTS=${CLIENTS:-64}
WARMUP=${WARMUP:-150}
SECONDS_EACH=${SECONDS_EACH:-40}
DATA=${DATA:-$(mktemp -d /tmp/mailbox-cpu.XXXXXX)}
OUT=${OUT:-$(cd "$(dirname "$0")" && pwd)/target/cpu-per-letter}
mkdir -p "$OUT"
. "$here/load-tests/portal-for-load.sh"
start_portal
jvm=$(pgrep -P "$portal" java || echo "$portal")
ticks() {
  for p in "$@"; do cat "/proc/$p/stat" 2>/dev/null; done | awk '{ sub(/^.*\) /, ""); s += $12 + $13 } END { print s + 0 }'
}
system_ticks() {
  awk '{ sub(/^.*\) /, ""); print $13 }' "/proc/$1/stat"
}
jit_ticks() {
  for t in /proc/"$jvm"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ Comp* | C2\ Comp*) cat "$t/stat" 2>/dev/null ;;
    esac
  done | awk '{ sub(/^.*\) /, ""); s += $12 + $13 } END { print s + 0 }'
}
postgres_pids() {
  master=$(head -n 1 "$DATA/postgres/pgdata/postmaster.pid")
  echo "$master" $(pgrep -P "$master")
}
letters() {
  psql $pg -At -d postgres -c "select count(*) from letters"
}
wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" -s "$script" "http://127.0.0.1:$PORT/" > "$OUT/warm-up.txt" 2>&1
if [ "${JFR:-0}" = 1 ]; then
  jcmd "$jvm" JFR.start name=cpu settings=profile filename="$OUT/rec.jfr" > /dev/null
fi
n0=$(letters); j0=$(ticks "$jvm"); c0=$(jit_ticks); p0=$(ticks $(postgres_pids))
s0=$(system_ticks "$jvm")
# wrk in a shell of its own, which prints its waited-for children's CPU (wrk's) at the end:
# the load generator's share of the same two cores.
w=$(sh -c 'wrk -t2 -c"$1" -d"$2s" --latency -s "$3" "$4" > "$5" 2>&1
  sed "s/^.*) //" /proc/$$/stat | cut -d" " -f14,15' sh "$CLIENTS" "$SECONDS_EACH" "$script" \
  "http://127.0.0.1:$PORT/" "$OUT/wrk.txt")
n1=$(letters); j1=$(ticks "$jvm"); c1=$(jit_ticks); p1=$(ticks $(postgres_pids)); s1=$(system_ticks "$jvm")
if [ "${JFR:-0}" = 1 ]; then
  jcmd "$jvm" JFR.stop name=cpu > /dev/null
  jfr print --events jdk.ExecutionSample --stack-depth 200 "$OUT/rec.jfr" > "$OUT/samples.txt"
fi
awk -v n=$((n1 - n0)) -v j=$((j1 - j0)) -v c=$((c1 - c0)) -v p=$((p1 - p0)) -v sys=$((s1 - s0)) -v s="$SECONDS_EACH" \
  -v w="$w" -v hz="$(getconf CLK_TCK)" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  ms = 1000 / hz
  split(w, wt, " ")
  printf "CPU-PER-LETTER {\"letters\":%d,\"perSecond\":%.1f,\"jvmMs\":%.3f,\"jvmSystemMs\":%.3f,\"jitMs\":%.3f,\"jvmWithoutJitMs\":%.3f,\"postgresMs\":%.3f,\"wrkMs\":%.3f,\"load\":\"%s\"}\n",
    n, n / s, j * ms / n, sys * ms / n, c * ms / n, (j - c) * ms / n, p * ms / n, (wt[1] + wt[2]) * ms / n, load
}' | tee "$OUT/cpu-per-letter.json"
