# Sourced by bench.sh and soak.sh: starts the portal on a fresh data folder for a load run
# (rate limits on submissions off, the loopback a trusted proxy, metrics exposed), waits
# until it answers, finds the embedded PostgreSQL's port and password, and stops it on exit.
# Uses PORT, DATA, OUT, GROUP_COMMIT, LIMITS (off, or default to keep the portal's rate limits) and
# PORTAL_ARGS (more --name=value options, optional); sets portal (the pid), pg (psql/pgbench connection options)
# and exports PGPASSWORD.
start_portal() {
  echo "data folder $DATA, portal log $OUT/portal.log"
  limits="--portal.rate-limits.submit.per-address=none --portal.rate-limits.submit.per-network=none
    --portal.rate-limits.submit.per-contact=none --portal.rate-limits.submit.global=none"
  [ "${LIMITS:-off}" = default ] && limits=""
  # shellcheck disable=SC2086
  PORTAL_ADMIN_PASSWORD=load-admin-password "$here/bin/portal" --server.port="$PORT" --portal.data-dir="$DATA" \
    --portal.web.trusted-proxies=127.0.0.1,::1 $limits \
    --portal.intake.group-commit.enabled="${GROUP_COMMIT:-true}" \
    --management.endpoints.web.exposure.include=health,info,metrics ${PORTAL_ARGS:-} >"$OUT/portal.log" 2>&1 &
  portal=$!
  trap stop_portal EXIT INT TERM
  i=0
  until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null; do
    i=$((i + 1))
    if [ "$i" -gt 240 ] || ! kill -0 "$portal" 2>/dev/null; then
      echo "the portal did not start; see $OUT/portal.log" >&2
      exit 1
    fi
    sleep 1
  done
  pgport=$(sed -n "s/^port *= *\([0-9]*\).*/\1/p" "$DATA/postgres/pgdata/portal.conf" | tail -n 1)
  PGPASSWORD=$(cat "$DATA/postgres/password")
  export PGPASSWORD
  pg="-h 127.0.0.1 -p $pgport -U mailbox"
}

stop_portal() {
  kill "$portal" 2>/dev/null || true
  wait "$portal" 2>/dev/null || true
}

# Runs one Gatling simulation against the portal: run_gatling CLASS -Dkey=value...
run_gatling() {
  simulation=$1
  shift
  "$here/mvnw" -B -q -Pload-tests -f "$here/pom.xml" -pl load-tests gatling:test \
    -Dgatling.simulationClass="cn.mailbox.load.$simulation" -Dportal.url="http://127.0.0.1:$PORT" \
    -Dsummary.dir="$OUT" "$@" > "$OUT/gatling-$simulation.txt" 2>&1 || true
}
