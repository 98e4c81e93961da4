#!/usr/bin/env bash
# The daemon's own footprint (issue 4): `probe run` against 60 loopback targets (20 national,
# 20 international, 20 platform; dns + tcp + http each) with sentinels every 2 s and full rounds
# every 30 s, for MINUTES; peak resident memory (VmHWM), CPU seconds, checks stored, and the time
# from exec to the first stored result.
# Usage: bench/daemon.sh [MINUTES=10]
source "$(dirname "$0")/lib.sh"
MINUTES="${1:-10}"; PER_GROUP=20
need sqlite3 sqlite3
build_probe

DNS_PORT=$(free_port 127.0.0.53); WEB_PORT=$(free_port 127.1.0.1)
make_http_targets $PER_GROUP 3 4 "$WEB_PORT"
start_dnsmasq sys 127.0.0.53 "$DNS_PORT" "${records[@]}"
start_nginx web "$WEB_PORT" 127.1.0.1 127.2.0.1 127.3.0.1
wait_http "http://127.1.0.1:$WEB_PORT/"

STORE="$WORK/results.db"
cat >"$WORK/probe.json" <<JSON
{ "Probe": { "Id": "bench-daemon", "Gateway": { "Address": "127.0.0.1", "Ports": [1] },
  "Resolvers": [ { "Name": "system", "Address": "127.0.0.53:$DNS_PORT" } ],
  "Targets": { "UseDefaults": false, "Items": [ ${items%,} ] },
  "Schedule": { "SentinelInterval": "00:00:02", "RoundInterval": "00:00:30" },
  "Checks": { "Timeout": "00:00:03", "BogonAllow": ["127.0.0.0/8"] },
  "Store": { "Path": "$STORE" }, "Sink": { "Kind": "none" }, "Leds": { "Driver": "log" } } }
JSON

started_ms=$(date +%s%3N)
start_bg "$WORK/probe-run.log" "$PROBE" run --config "$WORK/probe.json"
PID=$LAST_PID
first_ms=""
for _ in $(seq 1 600); do
  first_ms=$(sqlite3 "file:$STORE?mode=ro" "SELECT MIN(ts_ms) FROM records" 2>/dev/null || true)
  [ -n "$first_ms" ] && { found_ms=$(date +%s%3N); break; }
  sleep 0.05
done
[ -n "$first_ms" ] || die "no result stored within 30 s: $(tail -5 "$WORK/probe-run.log")"
sleep $(( MINUTES * 60 ))
kill -0 "$PID" 2>/dev/null || die "probe run exited: $(tail -5 "$WORK/probe-run.log")"
ticks=$(cpu_ticks "$PID"); hwm=$(peak_rss_kb "$PID"); rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status")
stop_pid "$PID"
checks=$(checks_by_kind "$STORE" | awk '{s += $2} END {print s + 0}')
cpu=$(echo "scale=2; $ticks / $CLK_TCK" | bc)
echo "| figure | value |"
echo "|---|---|"
echo "| run | $MINUTES min, 60 targets, sentinels 2 s, rounds 30 s |"
echo "| peak resident memory (VmHWM) | $(( hwm / 1024 )) MB |"
echo "| resident memory at the end (VmRSS) | $(( rss / 1024 )) MB |"
echo "| CPU seconds | $cpu |"
echo "| checks stored | $checks |"
echo "| CPU ms per check | $(echo "scale=3; $cpu * 1000 / $checks" | bc) |"
echo "| exec → first result in the store | $(( found_ms - started_ms )) ms (polled every 50 ms) |"
