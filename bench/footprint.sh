#!/usr/bin/env bash
# Footprint and CPU per check: `probe run` against prometheus-blackbox-exporter, the same loopback targets
# (nginx, dnsmasq) and the same number of dns, tcp and http probes per interval.
# Usage: bench/footprint.sh [SECONDS=90]   (after WARMUP=15 s, also measured, for both)
source "$(dirname "$0")/lib.sh"
D="${1:-${SECONDS_MEASURED:-90}}"; WARMUP="${WARMUP:-15}"; INTERVAL=5; TARGETS_PER_GROUP=10
need curl curl; need sqlite3 sqlite3; need prometheus-blackbox-exporter prometheus-blackbox-exporter
build_probe

DNS_PORT=$(free_port 127.0.0.53); WEB_PORT=$(free_port 127.1.0.1)
make_http_targets $TARGETS_PER_GROUP 1 1 "$WEB_PORT"
start_dnsmasq sys 127.0.0.53 "$DNS_PORT" "${records[@]}"
start_nginx web "$WEB_PORT" 127.1.0.1 127.2.0.1 127.3.0.1
wait_http "http://127.1.0.1:$WEB_PORT/"

probe_config() { # store
cat <<JSON
{ "Probe": { "Id": "bench-01", "Region": "Dakar",
  "Gateway": { "Address": "127.0.0.1", "Ports": [1] },
  "Resolvers": [ { "Name": "system", "Address": "127.0.0.53:$DNS_PORT" } ],
  "Targets": { "UseDefaults": false, "Items": [ ${items%,} ] },
  "Schedule": { "SentinelInterval": "00:00:0$INTERVAL", "RoundInterval": "00:00:0$INTERVAL", "Jitter": 0 },
  "Checks": { "Timeout": "00:00:03", "BogonAllow": ["127.0.0.0/8"] },
  "Store": { "Path": "$1" },
  "Sink": { "Kind": "none" }, "Leds": { "Driver": "none" } } }
JSON
}

total_checks() { checks_by_kind "$STORE" | awk '{s += $2} END {print s + 0}'; }

# 1. probe run, once per variant, one after the other against the same servers, each with a fresh store.
# PROBE_VARIANTS: one variant a line, "label|binary|VAR=value ..." (the variables are set for that probe only);
# by default the one build PROBE_BIN (or bench/.out/probe) with the environment as it is.
VARIANTS="${PROBE_VARIANTS:-probe run|$PROBE|}"
V_LABEL=(); V_RSS=(); V_CHECKS=(); V_CPU=(); V_PER=()
while IFS='|' read -r label bin envs; do
  [ -n "$label" ] || continue
  [ -x "$bin" ] || die "variant '$label': $bin is not an executable"
  STORE="$WORK/results-${#V_LABEL[@]}.db"
  probe_config "$STORE" >"$WORK/probe-${#V_LABEL[@]}.json"
  # shellcheck disable=SC2086 # the variables of the variant are words on purpose
  start_bg "$WORK/probe-run-${#V_LABEL[@]}.log" env $envs "$bin" run --config "$WORK/probe-${#V_LABEL[@]}.json"
  PROBE_PID=$LAST_PID
  sleep "$WARMUP"
  kill -0 "$PROBE_PID" 2>/dev/null || die "$label: probe run exited: $(tail -5 "$WORK/probe-run-${#V_LABEL[@]}.log")"
  p_ticks0=$(cpu_ticks "$PROBE_PID"); p_checks0=$(total_checks)
  sleep "$D"
  p_ticks1=$(cpu_ticks "$PROBE_PID"); p_checks1=$(total_checks); p_rss=$(peak_rss_kb "$PROBE_PID")
  stop_pid "$PROBE_PID"
  n=$((p_checks1 - p_checks0))
  [ "$n" -gt 0 ] || die "$label: probe run stored no checks: $(tail -5 "$WORK/probe-run-${#V_LABEL[@]}.log")"
  # The first variant's mix of checks is what blackbox_exporter is given.
  [ ${#V_LABEL[@]} = 0 ] && { checks_by_kind "$STORE" >"$WORK/kinds"; P_TOTAL=$(total_checks); }
  cpu=$(echo "($p_ticks1 - $p_ticks0) / $CLK_TCK" | bc -l)
  V_LABEL+=("$label"); V_RSS+=("$p_rss"); V_CHECKS+=("$n"); V_CPU+=("$cpu"); V_PER+=("$(echo "$cpu * 1000 / $n" | bc -l)")
  echo "measured: $label" >&2
done <<<"$VARIANTS"
[ ${#V_LABEL[@]} -gt 0 ] || die "PROBE_VARIANTS names no variant"
# The same mix for blackbox: gateway checks are tcp connects, tls is absent (http targets).
n_dns=$(awk '$1=="dns"{print $2}' "$WORK/kinds"); n_http=$(awk '$1=="http"{print $2}' "$WORK/kinds")
n_tcp=$(awk '$1=="tcp"||$1=="gateway"{s+=$2} END{print s+0}' "$WORK/kinds")

# 2. blackbox_exporter, driven by curl with the same counts, paced over the same rounds.
cat >"$WORK/blackbox.yml" <<YML
modules:
  http_2xx: { prober: http, timeout: 3s, http: { preferred_ip_protocol: ip4 } }
  tcp_connect: { prober: tcp, timeout: 3s, tcp: { preferred_ip_protocol: ip4 } }
  dns_a: { prober: dns, timeout: 3s, dns: { query_name: t1.national.test, query_type: A, preferred_ip_protocol: ip4, transport_protocol: udp } }
YML
BB_PORT=$(free_port)
start_bg "$WORK/blackbox.log" prometheus-blackbox-exporter --config.file="$WORK/blackbox.yml" --web.listen-address="127.0.0.1:$BB_PORT"
BB_PID=$LAST_PID
BB="http://127.0.0.1:$BB_PORT"
wait_http "$BB/metrics"
{
  for i in $(seq 1 "$n_dns"); do echo "$BB/probe?module=dns_a&target=127.0.0.53:$DNS_PORT"; done
  for i in $(seq 1 "$n_tcp"); do echo "$BB/probe?module=tcp_connect&target=127.$(( i % 3 + 1 )).0.1:$WEB_PORT"; done
  for i in $(seq 1 "$n_http"); do echo "$BB/probe?module=http_2xx&target=http://127.$(( i % 3 + 1 )).0.1:$WEB_PORT/"; done
} | shuf --random-source=<(yes) >"$WORK/urls"
B_TOTAL=$(wc -l <"$WORK/urls")
ROUNDS=$(( (WARMUP + D) / INTERVAL ))
run_round() { # from to
  sed -n "$1,$2p" "$WORK/urls" | xargs -P 8 -n 1 curl -fsS -o /dev/null 2>>"$WORK/curl.err" || true
}
per_round=$(( (B_TOTAL + ROUNDS - 1) / ROUNDS ))
warm_rounds=$(( WARMUP / INTERVAL ))
b_ticks0=""; line=1
for r in $(seq 1 "$ROUNDS"); do
  t0=$(date +%s.%N)
  [ "$r" = $((warm_rounds + 1)) ] && { b_ticks0=$(cpu_ticks "$BB_PID"); b_line0=$line; }
  run_round "$line" $((line + per_round - 1)); line=$((line + per_round))
  rest=$(echo "$INTERVAL - ($(date +%s.%N) - $t0)" | bc -l)
  [ "$(echo "$rest > 0" | bc)" = 1 ] && sleep "$rest"
done
b_ticks1=$(cpu_ticks "$BB_PID"); b_rss=$(peak_rss_kb "$BB_PID")
B_CHECKS=$(( (line > B_TOTAL ? B_TOTAL + 1 : line) - b_line0 ))
bb_ok=$(curl -fsS "$BB/metrics" | awk '/^blackbox_exporter_config_last_reload_successful/ {print $2}')
stop_pid "$BB_PID"
[ -s "$WORK/curl.err" ] && echo "note: some blackbox probes answered an error: $(sort -u "$WORK/curl.err" | head -3)" >&2

b_cpu=$(echo "($b_ticks1 - $b_ticks0) / $CLK_TCK" | bc -l); b_per=$(echo "$b_cpu * 1000 / $B_CHECKS" | bc -l)
printf '\nFootprint, %d s measured after %d s warm-up; %d targets over http, checks every %d s (dns %s, tcp+gateway %s, http %s in all)\n' \
  "$D" "$WARMUP" $((3 * TARGETS_PER_GROUP)) "$INTERVAL" "$n_dns" "$n_tcp" "$n_http"
printf '| %-40s | %13s | %8s | %14s | %13s | %21s | %8s |\n' "" "peak RSS (MB)" "ratio" "checks counted" "CPU s counted" "CPU s per 1000 checks" "ratio"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "------------------------------------------" "---------------" "----------" "----------------" "---------------" "-----------------------" "----------"
for i in "${!V_LABEL[@]}"; do
  printf '| %-40s | %13.1f | %8.2f | %14d | %13.2f | %21.3f | %8.2f |\n' "${V_LABEL[$i]}" "$(echo "${V_RSS[$i]}/1024" | bc -l)" \
    "$(echo "${V_RSS[$i]}/$b_rss" | bc -l)" "${V_CHECKS[$i]}" "${V_CPU[$i]}" "${V_PER[$i]}" "$(echo "${V_PER[$i]}/$b_per" | bc -l)"
done
printf '| %-40s | %13.1f | %8s | %14d | %13.2f | %21.3f | %8s |\n' "blackbox_exporter" "$(echo "$b_rss/1024" | bc -l)" "1" "$B_CHECKS" "$b_cpu" "$b_per" "1"
printf '| %-40s | %13s | %8s | %14s | %13s | %21s | %8s |\n' "goal" "" "<= 1.25" "" "" "" "<= 0.5"
echo "(probe: $P_TOTAL checks stored in all by the first variant, blackbox: $B_TOTAL probes sent in all; blackbox config loaded: ${bb_ok:-?})"
