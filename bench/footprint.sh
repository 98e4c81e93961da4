#!/usr/bin/env bash
# Footprint and CPU per check: `probe run` against prometheus-blackbox-exporter, the same loopback targets
# (nginx, dnsmasq) and the same number of dns, tcp and http probes per interval.
# Usage: bench/footprint.sh [SECONDS=90]   (after WARMUP=15 s, also measured, for both)
# WORKLOAD=http (default): 30 http targets, one resolver, sentinels and rounds every 5 s.
# WORKLOAD=tls: 9 targets, 3 of them https (a test CA given as TrustedCaFile, leaf + intermediate sent), two
#   resolvers (the second a reference one), sentinels every 1 s, rounds every 3 s; blackbox_exporter gets an https
#   module per https target (its CA file and server name), whose one probe stands for probe's tls and http checks.
# The budget is off (Budget.DailyBytes 0): the workload fixes the cadence, which the default budget would stretch.
source "$(dirname "$0")/lib.sh"
D="${1:-${SECONDS_MEASURED:-90}}"; WARMUP="${WARMUP:-15}"; WORKLOAD="${WORKLOAD:-http}"
need curl curl; need sqlite3 sqlite3; need prometheus-blackbox-exporter prometheus-blackbox-exporter
build_probe

DNS_PORT=$(free_port 127.0.0.53); WEB_PORT=$(free_port 127.1.0.1)
case $WORKLOAD in
  http)
    INTERVAL=5; SENTINEL_INTERVAL=5; TARGETS_PER_GROUP=10
    make_http_targets $TARGETS_PER_GROUP 1 1 "$WEB_PORT"
    start_dnsmasq sys 127.0.0.53 "$DNS_PORT" "${records[@]}"
    RESOLVERS="{ \"Name\": \"system\", \"Address\": \"127.0.0.53:$DNS_PORT\" }"; TRUST=""
    ;;
  tls)
    INTERVAL=3; SENTINEL_INTERVAL=1; TARGETS_PER_GROUP=3
    TLS_PORT=$(free_port 127.1.0.1); REF_PORT=$(free_port 127.0.0.54)
    make_http_targets $TARGETS_PER_GROUP 1 1 "$WEB_PORT"
    # The first target of each group (the national and international ones are the sentinels) over https.
    HTTPS_HOSTS=(t1.national.test t1.international.test t1.platform.test)
    for h in "${HTTPS_HOSTS[@]}"; do items="${items//\"http:\/\/$h:$WEB_PORT\/\"/\"https://$h:$TLS_PORT/\"}"; done
    make_test_ca "$WORK/certs" "${HTTPS_HOSTS[@]}"
    NGINX_TLS_PORT=$TLS_PORT NGINX_TLS_CHAIN="$WORK/certs/chain.pem" NGINX_TLS_KEY="$WORK/certs/leaf.key"
    export NGINX_TLS_PORT NGINX_TLS_CHAIN NGINX_TLS_KEY
    start_dnsmasq sys 127.0.0.53 "$DNS_PORT" "${records[@]}"
    start_dnsmasq ref 127.0.0.54 "$REF_PORT" "${records[@]}"
    RESOLVERS="{ \"Name\": \"system\", \"Address\": \"127.0.0.53:$DNS_PORT\" },
    { \"Name\": \"reference\", \"Address\": \"127.0.0.54:$REF_PORT\", \"Reference\": true }"
    TRUST=", \"TrustedCaFile\": \"$WORK/certs/root.pem\""
    ;;
  *) die "WORKLOAD must be http or tls, not '$WORKLOAD'" ;;
esac
start_nginx web "$WEB_PORT" 127.1.0.1 127.2.0.1 127.3.0.1
wait_http "http://127.1.0.1:$WEB_PORT/"
if [ "$WORKLOAD" = tls ]; then
  for i in $(seq 1 30); do curl -fsS -o /dev/null --cacert "$WORK/certs/root.pem" --resolve "t1.national.test:$TLS_PORT:127.1.0.1" \
    "https://t1.national.test:$TLS_PORT/" 2>/dev/null && break; sleep 0.1; done
  curl -fsS -o /dev/null --cacert "$WORK/certs/root.pem" --resolve "t1.national.test:$TLS_PORT:127.1.0.1" \
    "https://t1.national.test:$TLS_PORT/" || die "nginx does not answer https with the test CA"
fi

probe_config() { # store
cat <<JSON
{ "Probe": { "Id": "bench-01", "Region": "Dakar",
  "Gateway": { "Address": "127.0.0.1", "Ports": [1] },
  "Resolvers": [ $RESOLVERS ],
  "Targets": { "UseDefaults": false, "Items": [ ${items%,} ] },
  "Schedule": { "SentinelInterval": "00:00:0$SENTINEL_INTERVAL", "RoundInterval": "00:00:0$INTERVAL", "Jitter": 0 },
  "Checks": { "Timeout": "00:00:03", "BogonAllow": ["127.0.0.0/8"]$TRUST },
  "Store": { "Path": "$1" },
  "Budget": { "DailyBytes": 0 },
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
# The same mix for blackbox: gateway checks are tcp connects. An https target's tls and http checks are one https
# probe for blackbox (connect, handshake, GET: what probe's tls and http checks do on the tcp check's connection),
# so that probe counts as two checks; everything else counts one.
n_dns=$(awk '$1=="dns"{print $2}' "$WORK/kinds"); n_http=$(awk '$1=="http"{print $2}' "$WORK/kinds")
n_tcp=$(awk '$1=="tcp"||$1=="gateway"{s+=$2} END{print s+0}' "$WORK/kinds")
n_tls=$(awk '$1=="tls"{s+=$2} END{print s+0}' "$WORK/kinds")
n_plain=$((n_http - n_tls))

# 2. blackbox_exporter, driven by curl with the same counts, paced over the same rounds.
{
  echo "modules:"
  echo "  http_2xx: { prober: http, timeout: 3s, http: { preferred_ip_protocol: ip4 } }"
  echo "  tcp_connect: { prober: tcp, timeout: 3s, tcp: { preferred_ip_protocol: ip4 } }"
  echo "  dns_a: { prober: dns, timeout: 3s, dns: { query_name: t1.national.test, query_type: A, preferred_ip_protocol: ip4, transport_protocol: udp } }"
  for h in ${HTTPS_HOSTS[@]+"${HTTPS_HOSTS[@]}"}; do
    echo "  https_$h: { prober: http, timeout: 3s, http: { preferred_ip_protocol: ip4, fail_if_not_ssl: true, tls_config: { ca_file: \"$WORK/certs/root.pem\", server_name: $h } } }"
  done
} >"$WORK/blackbox.yml"
BB_PORT=$(free_port)
start_bg "$WORK/blackbox.log" prometheus-blackbox-exporter --config.file="$WORK/blackbox.yml" --web.listen-address="127.0.0.1:$BB_PORT"
BB_PID=$LAST_PID
BB="http://127.0.0.1:$BB_PORT"
wait_http "$BB/metrics"
ip_of() { case $1 in *.national.test) echo 127.1.0.1;; *.international.test) echo 127.2.0.1;; *) echo 127.3.0.1;; esac; }
{
  dns_servers=("127.0.0.53:$DNS_PORT"); [ "$WORKLOAD" = tls ] && dns_servers+=("127.0.0.54:$REF_PORT")
  for i in $(seq 1 "$n_dns"); do echo "1 $BB/probe?module=dns_a&target=${dns_servers[$(( i % ${#dns_servers[@]} ))]}"; done
  for i in $(seq 1 "$n_tcp"); do echo "1 $BB/probe?module=tcp_connect&target=127.$(( i % 3 + 1 )).0.1:$WEB_PORT"; done
  for i in $(seq 1 "$n_plain"); do echo "1 $BB/probe?module=http_2xx&target=http://127.$(( i % 3 + 1 )).0.1:$WEB_PORT/"; done
  for i in $(seq 1 "$n_tls"); do
    h=${HTTPS_HOSTS[$(( i % ${#HTTPS_HOSTS[@]} ))]}
    echo "2 $BB/probe?module=https_$h&target=https://$(ip_of "$h"):$TLS_PORT/"
  done
} | shuf --random-source=<(yes) >"$WORK/urls"
# Each kind of probe once beforehand: blackbox answers 200 even when its probe failed, so ask for probe_success.
for u in $(cut -d' ' -f2 "$WORK/urls" | sort -u -t'&' -k1,1); do
  curl -fsS "$u" | grep -q '^probe_success 1' || die "blackbox_exporter's probe failed: $u"
done
B_TOTAL=$(wc -l <"$WORK/urls")
# blackbox is paced at the sentinels' interval (the finer of the two), spreading the same probes over those rounds.
PACE=$SENTINEL_INTERVAL
ROUNDS=$(( (WARMUP + D) / PACE ))
run_round() { # from to
  sed -n "$1,$2p" "$WORK/urls" | cut -d' ' -f2 | xargs -r -P 8 -n 1 curl -fsS -o /dev/null 2>>"$WORK/curl.err" || true
}
# Checks the probes on lines FROM..TO stand for (an https probe: two).
weight() { sed -n "$1,$2p" "$WORK/urls" | awk '{s += $1} END {print s + 0}'; }
per_round=$(( (B_TOTAL + ROUNDS - 1) / ROUNDS ))
warm_rounds=$(( WARMUP / PACE ))
b_ticks0=""; line=1
for r in $(seq 1 "$ROUNDS"); do
  t0=$(date +%s.%N)
  [ "$r" = $((warm_rounds + 1)) ] && { b_ticks0=$(cpu_ticks "$BB_PID"); b_line0=$line; }
  run_round "$line" $((line + per_round - 1)); line=$((line + per_round))
  rest=$(echo "$PACE - ($(date +%s.%N) - $t0)" | bc -l)
  [ "$(echo "$rest > 0" | bc)" = 1 ] && sleep "$rest"
done
b_ticks1=$(cpu_ticks "$BB_PID"); b_rss=$(peak_rss_kb "$BB_PID")
B_CHECKS=$(weight "$b_line0" $(( (line > B_TOTAL ? B_TOTAL + 1 : line) - 1 )))
bb_ok=$(curl -fsS "$BB/metrics" | awk '/^blackbox_exporter_config_last_reload_successful/ {print $2}')
stop_pid "$BB_PID"
[ -s "$WORK/curl.err" ] && echo "note: some blackbox probes answered an error: $(sort -u "$WORK/curl.err" | head -3)" >&2

b_cpu=$(echo "($b_ticks1 - $b_ticks0) / $CLK_TCK" | bc -l); b_per=$(echo "$b_cpu * 1000 / $B_CHECKS" | bc -l)
if [ "$WORKLOAD" = tls ]; then
  printf '\nFootprint (tls), %d s measured after %d s warm-up; 9 targets, 3 over https, 2 resolvers, sentinels every %d s, rounds every %d s (dns %s, tcp+gateway %s, tls %s, http %s in all)\n' \
    "$D" "$WARMUP" "$SENTINEL_INTERVAL" "$INTERVAL" "$n_dns" "$n_tcp" "$n_tls" "$n_http"
else
  printf '\nFootprint, %d s measured after %d s warm-up; %d targets over http, checks every %d s (dns %s, tcp+gateway %s, http %s in all)\n' \
    "$D" "$WARMUP" $((3 * TARGETS_PER_GROUP)) "$INTERVAL" "$n_dns" "$n_tcp" "$n_http"
fi
printf '| %-40s | %13s | %8s | %14s | %13s | %21s | %8s |\n' "" "peak RSS (MB)" "ratio" "checks counted" "CPU s counted" "CPU s per 1000 checks" "ratio"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "------------------------------------------" "---------------" "----------" "----------------" "---------------" "-----------------------" "----------"
for i in "${!V_LABEL[@]}"; do
  printf '| %-40s | %13.1f | %8.2f | %14d | %13.2f | %21.3f | %8.2f |\n' "${V_LABEL[$i]}" "$(echo "${V_RSS[$i]}/1024" | bc -l)" \
    "$(echo "${V_RSS[$i]}/$b_rss" | bc -l)" "${V_CHECKS[$i]}" "${V_CPU[$i]}" "${V_PER[$i]}" "$(echo "${V_PER[$i]}/$b_per" | bc -l)"
done
printf '| %-40s | %13.1f | %8s | %14d | %13.2f | %21.3f | %8s |\n' "blackbox_exporter" "$(echo "$b_rss/1024" | bc -l)" "1" "$B_CHECKS" "$b_cpu" "$b_per" "1"
printf '| %-40s | %13s | %8s | %14s | %13s | %21s | %8s |\n' "goal" "" "<= 1.25" "" "" "" "<= 0.5"
echo "(probe: $P_TOTAL checks stored in all by the first variant, blackbox: $B_TOTAL probes sent in all; blackbox config loaded: ${bb_ok:-?})"
