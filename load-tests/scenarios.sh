#!/bin/sh
# The four Gatling scenarios against one portal with its default rate limits (the loopback a
# trusted proxy, so X-Forwarded-For names each simulated citizen): (a) submission surge from
# many addresses, (b) a flood from two addresses with real citizens alongside, (c) tracking
# lookups, (d) archive browsing and search (after importing made-up records).
#
#   load-tests/scenarios.sh                  # SECONDS_EACH=60 each
#   SECONDS_EACH=30 load-tests/scenarios.sh
#   ONLY="Flood Archive" load-tests/scenarios.sh   # a subset
#   ONLY=Flood FLOOD_ADDRESSES=1 CITIZENS=4 SECONDS_EACH=10 load-tests/scenarios.sh   # 40 citizens beside 8 threads from one address
#
# Writes load-tests/target/scenarios: one JSON line per simulation (NAME.json) and
# scenarios.json with all four; Gatling's HTML reports are under load-tests/target/gatling.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-18482}
SECONDS_EACH=${SECONDS_EACH:-60}
LIMITS=default
DATA=${DATA:-$(mktemp -d /tmp/mailbox-scenarios.XXXXXX)}
OUT=${OUT:-$here/load-tests/target/scenarios}
mkdir -p "$OUT"
. "$here/load-tests/portal-for-load.sh"
start_portal
only=${ONLY:-Surge Flood Tracking Archive}
case " $only " in *" Surge "*)
  run_gatling SubmissionSurgeSimulation -Dusers="${USERS:-32}" -Dduration="$SECONDS_EACH" ;; esac
case " $only " in *" Flood "*)
  run_gatling FloodSimulation -Dflooders=8 -DfloodAddresses="${FLOOD_ADDRESSES:-2}" -Dcitizens="${CITIZENS:-4}" -Dduration="$SECONDS_EACH" ;; esac
case " $only " in *" Tracking "*)
  run_gatling TrackingSimulation -Dletters=40 -Drate="${TRACK_RATE:-50}" -Dduration="$SECONDS_EACH" ;; esac
case " $only " in *" Archive "*)
  run_gatling ArchiveSimulation -Dadmin.password=load-admin-password -Drecords=500 -Drate="${ARCHIVE_RATE:-10}" \
    -Dduration="$SECONDS_EACH" ;; esac
cat "$OUT"/*Simulation.json > "$OUT/scenarios.json"
cat "$OUT/scenarios.json"
