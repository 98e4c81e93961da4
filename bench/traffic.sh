#!/usr/bin/env bash
# Traffic and store writes per day of `probe run` with the default catalog and default intervals, measured for a
# shortened period inside a private network namespace (only `lo` exists there: nothing can leave the machine) and
# scaled to a day. Each catalog host resolves (dnsmasq as the system and both reference resolvers) to an address of
# its own in 127.1.0.0/16, where nginx answers as such a host would: a real-sized certificate chain (RSA-2048 leaf
# and intermediate), news homepages of NEWS_KB=250 KB, other homepages of HOME_KB=100 KB (PAGE_KB sets both), gzip
# when asked, a 403 from API/CDN hosts. The upload goes to VictoriaMetrics in the namespace; the gateway is an
# address where nothing listens (its connects are refused). nftables counts bytes; a tcpdump capture, split by
# bench/traffic_split.py, tells dns, sentinel and round connects, TLS handshakes, http and upload apart, per target.
# Two variants run one after the other in the same run against the same sites, each a fresh probe: "today" (no
# budget, Budget.DailyBytes 0, the behaviour before budgets) and "defaults" (the 30 MB budget); VARIANTS picks them.
# Besides the counters, each variant compares the probe's own meter with them: probe_health traffic_bytes_total
# (read back from the sink) against the counters at the samples' times, and the day's account the probe saved at stop
# (probe status --json) against the counters of the whole run.
# CONFIG=file.json merges a configuration over the bench's (e.g. the metered-link one in PROBE.md);
# TICKET_LIFETIME sets nginx's ssl_session_timeout, the TLS session and ticket lifetime (default 1h, as real sites).
# Usage: bench/traffic.sh [MINUTES=10]   (minutes measured per variant, after WARMUP=60 s)
if [ "${PROBE_BENCH_IN_NETNS:-0}" != 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "cannot measure: needs root for unshare --net" >&2; exit 2; }
  exec env PROBE_BENCH_IN_NETNS=1 unshare --net -- bash "$0" "$@"
fi
source "$(dirname "$0")/lib.sh"
[ "${TRACE:-0}" = 1 ] && set -x
MINUTES="${1:-${MINUTES:-10}}"
need nft nftables; need openssl openssl; need jq jq
build_probe
ip link set lo up
[ "$(ip -o link | grep -vc ': lo:')" = 0 ] || die "the namespace has an interface besides lo"

source "$BENCH_DIR/sites.sh"
# The bench's own requests to VictoriaMetrics (reading the health samples back) leave from these ports, uncounted.
BENCH_PORTS=61000-61100
nft_counters() { # -> "checks upload gateway" (bytes)
  nft -j list counters table inet probebench \
    | jq -r '[.nftables[] | select(.counter) | {(.counter.name): .counter.bytes}] | add | "\(.checks) \(.upload) \(.gateway)"'
}
per_day() { echo "$1 * 1440 / $MINUTES / 1048576" | bc -l; }
need tcpdump tcpdump
# WARMUP seconds (default 60) pass before measuring: the start-up round, the round the first sentinel results
# trigger, and the first (full) TLS handshakes are not what a day of running costs.
WARMUP="${WARMUP:-60}"
# VARIANTS: what is measured, side by side, each a fresh probe (empty store, no TLS sessions) against the same sites:
# "today" is the probe without a budget (Budget.DailyBytes 0, the behaviour before budgets), "defaults" the defaults.
VARIANTS="${VARIANTS:-today defaults}"
variant_config() { # name -> JSON merged over the bench's configuration
  case "$1" in
    today) echo '{"Probe":{"Budget":{"DailyBytes":0}}}' ;;
    defaults) echo '{}' ;;
    *) die "unknown variant $1 (today, defaults)" ;;
  esac
}

# One variant: probe run for WARMUP s, then MINUTES measured; leaves its figures in $WORK/NAME/figures.
run_variant() { # name
  local name="$1" dir="$WORK/$1"
  mkdir -p "$dir"
  start_vm "$name"
  local vm_pid=$VM_PID vm_url=$VM_URL vm_port="${VM_URL##*:}"
  # Counters: every packet leaves through the output hook once (both directions are local here), split by the
  # upload port; they start at zero with the variant.
  nft delete table inet probebench 2>/dev/null || true
  nft -f - <<NFT
table inet probebench {
  counter upload {}
  counter checks {}
  counter gateway {}
  chain out { type filter hook output priority 0; policy accept;
    tcp sport $BENCH_PORTS accept
    tcp dport $BENCH_PORTS accept
    tcp dport $vm_port counter name upload accept
    tcp sport $vm_port counter name upload accept
    ip daddr $GATEWAY counter name gateway accept
    ip saddr $GATEWAY counter name gateway accept
    counter name checks
  }
}
NFT
  local store="$dir/results.db"
  probe_base_config bench-01 "$store" "$vm_url" >"$dir/base.json"
  variant_config "$name" >"$dir/variant.json"
  # CONFIG=file.json: merged over the bench's configuration and the variant's (jq's recursive merge; arrays are
  # replaced), e.g. a metered-link configuration with a longer RoundInterval, fewer Targets or a smaller HttpBodyLimitBytes.
  jq -s '.[0] * .[1] * (.[2] // {})' "$dir/base.json" "$dir/variant.json" ${CONFIG:+"$CONFIG"} >"$dir/probe.json" \
    || die "CONFIG $CONFIG is not valid JSON"
  "$PROBE" config check --config "$dir/probe.json" >/dev/null \
    || die "the configuration is invalid: $("$PROBE" config check --config "$dir/probe.json" 2>&1 | tail -3)"

  # Every second, the counters with a timestamp: the probe's health samples are compared with them at their own times.
  start_bg "$dir/sampler.err" bash -c 'while :; do
      printf "%s %s\n" "$(date +%s%3N)" "$(nft -j list counters table inet probebench | jq -r "[.nftables[] | select(.counter) | {(.counter.name): .counter.bytes}] | add | \"\(.checks) \(.upload)\"")"
      sleep 1
    done >"$0"' "$dir/nft-samples"
  local sampler=$LAST_PID
  echo "[$name] probe run: $WARMUP s of warm-up, then $MINUTES min measured..." >&2
  start_bg "$dir/probe-run.log" "$PROBE" run --config "$dir/probe.json"
  local pid=$LAST_PID w0=0
  sleep "$WARMUP"
  kill -0 "$pid" 2>/dev/null || die "probe run exited: $(tail -5 "$dir/probe-run.log")"
  w0=$(awk '/^write_bytes:/ {print $2}' "/proc/$pid/io")
  # The capture covers the measured window only (rounds are counted from the store by their start time).
  start_bg "$dir/tcpdump.log" tcpdump -i lo -n -s 0 -U -w "$dir/capture.pcap"
  local tcpdump=$LAST_PID
  sleep 1
  local c0 u0 g0 c1 u1 g1 start_ms end_ms w
  read -r c0 u0 g0 < <(nft_counters)
  start_ms=$(date +%s%3N)
  sleep $(( MINUTES * 60 ))
  end_ms=$(date +%s%3N)
  read -r c1 u1 g1 < <(nft_counters)
  kill -0 "$pid" 2>/dev/null || die "probe run exited: $(tail -5 "$dir/probe-run.log")"
  w=$(( $(awk '/^write_bytes:/ {print $2}' "/proc/$pid/io") - w0 ))
  sleep 5  # the window's last health sample reaches the sink
  stop_pid "$pid"
  sleep 2  # the last connections' closing segments
  local cf uf
  read -r cf uf _ < <(nft_counters)
  stop_pid "$sampler"
  stop_pid "$tcpdump"
  grep -q "^0 packets dropped by kernel" "$dir/tcpdump.log" || echo "warning: tcpdump: $(grep dropped "$dir/tcpdump.log" | paste -sd' ')" >&2
  nft delete table inet probebench

  # The probe's own meter: the day's account it saved at stop (probe status --json), for the whole run, and its
  # probe_health traffic_bytes_total samples (read back from the sink) for the measured window.
  local meter_run
  meter_run=$("$PROBE" status --json --config "$dir/probe.json" | jq -r '.budget.trafficBytes // 0')
  curl -fsS --local-port "$BENCH_PORTS" "$vm_url/internal/force_flush" >/dev/null
  curl -fsS --local-port "$BENCH_PORTS" "$vm_url/api/v1/export" --data-urlencode 'match[]=probe_health_traffic_bytes_total' >"$dir/health.jsonl"
  stop_pid "$vm_pid"
  local window
  window=$(python3 - "$dir/health.jsonl" "$dir/nft-samples" "$start_ms" "$end_ms" <<'PY'
import bisect, json, sys
health = sorted((t, v) for line in open(sys.argv[1]) if line.strip()
                for t, v in zip(json.loads(line)["timestamps"], json.loads(line)["values"]))
nft = [tuple(map(int, l.split())) for l in open(sys.argv[2]) if len(l.split()) == 3]
nft = [(t, c + u) for t, c, u in nft]
start, end = int(sys.argv[3]), int(sys.argv[4])
inside = [(t, v) for t, v in health if start <= t <= end]
if len(inside) < 2 or len(nft) < 2:
    print("0 0 0 0"); sys.exit()
times = [t for t, _ in nft]
def at(t):  # the counters at time t, interpolated between the two samples around it
    i = min(max(bisect.bisect_left(times, t), 1), len(nft) - 1)
    (ta, a), (tb, b) = nft[i - 1], nft[i]
    return a + (b - a) * (t - ta) / max(1, tb - ta)
(t1, v1), (t2, v2) = inside[0], inside[-1]
print(t1, t2, int(v2 - v1), int(at(t2) - at(t1)))
PY
)
  local file rows rounds kinds fails
  file=$({ stat -c %s "$store" "$store-wal" 2>/dev/null || true; } | awk '{s += $1} END {print s + 0}')
  rows=$(sqlite3 -readonly "$store" "SELECT count(*) FROM records")
  kinds=$(checks_by_kind "$store" | paste -sd, -)
  fails=$(sqlite3 -readonly "$store" "SELECT json_extract(s.tags,'\$.failure'), count(*) FROM records r JOIN series s ON s.id = r.series_id
    WHERE json_extract(s.tags,'\$.failure') IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 4" | paste -sd, -)
  lane_rows() { # kind lane -> "target count" lines
    sqlite3 -readonly "$store" "SELECT json_extract(s.tags,'\$.target'), count(*) FROM records r JOIN series s ON s.id = r.series_id
      WHERE s.measurement = 'probe_check' AND json_extract(s.tags,'\$.kind') = '$1' AND json_extract(s.tags,'\$.lane') = '$2'
        AND r.ts_ms BETWEEN $start_ms AND $end_ms GROUP BY 1" | tr '|' ' '
  }
  rounds=$(lane_rows gateway round | awk '{s += $2} END {print s + 0}')
  # The split: which host each address stands for, how many sentinel connects the store counted per host.
  lane_rows tcp sentinel >"$dir/sentinel-rows"
  local ri
  ri=$(jq -r '.Probe.Schedule.RoundInterval // "00:05:00" | split(":") | (.[0] | tonumber) * 60 + (.[1] | tonumber) + (.[2] | tonumber) / 60' "$dir/probe.json")
  jq -n --argjson minutes "$MINUTES" --argjson rounds "$rounds" --argjson ri "$ri" --argjson port "$vm_port" --arg gw "$GATEWAY" \
    --rawfile addrs "$WORK/host-addresses" --rawfile sent "$dir/sentinel-rows" --slurpfile targets "$WORK/targets.json" '
    ($targets[0] | map({(.name): .host}) | add) as $hostOf
    | { minutes: $minutes, rounds: $rounds, round_interval_minutes: $ri, upload_port: $port, gateway: $gw,
        addresses: ($addrs | split("\n") | map(select(length > 0) | split(" ")) | map({(.[1]): .[0]}) | add),
        targets: ($targets[0] | group_by(.host) | map({(.[0].host): map(.name)}) | add),
        sentinel_connects: ($sent | split("\n") | map(select(length > 0) | split(" ")) | map({($hostOf[.[0]]): (.[1] | tonumber)}) | add // {}) }' \
    >"$dir/split.json"
  {
    echo "CHK=$((c1 - c0)) UPL=$((u1 - u0)) GW=$((g1 - g0)) W=$w FILE=$file ROWS=$rows ROUNDS=$rounds"
    echo "NFT_RUN=$((cf + uf)) METER_RUN=$meter_run"
    read -r t1 t2 wm wn <<<"$window"
    echo "WIN_MS=$((t2 - t1)) WIN_METER=$wm WIN_NFT=$wn"
    printf 'KINDS=%q FAILS=%q\n' "$kinds" "${fails:-none}"
  } >"$dir/figures"
}

for v in $VARIANTS; do run_variant "$v"; done

# Side by side: one column per variant.
ratio() { [ "$2" -gt 0 ] && printf '%.3f' "$(echo "$1 / $2" | bc -l)" || echo "n/a"; }
mbd() { printf '%.1f' "$(per_day "$1")"; }
row() { # label goal value-per-variant...
  local label="$1" goal="$2"; shift 2
  printf '| %-58s |' "$label"; for x in "$@"; do printf ' %16s |' "$x"; done; printf ' %6s |\n' "$goal"
}
printf '\nTraffic and store writes of `probe run`, default catalog and intervals%s, %d min measured per variant after %d s of warm-up, scaled to a day\n' \
  "${CONFIG:+ with $CONFIG merged}" "$MINUTES" "$WARMUP"
printf '(pages: news %d KB, other homepages %d KB (gzip -1 shrinks the news page to %d KB), API/CDN hosts a 403; certificate chain sent: %d bytes; TLS session lifetime %s)\n' \
  "$NEWS_KB" "$HOME_KB" "$((GZIP_NEWS / 1024))" "$CHAIN_BYTES" "${TICKET_LIFETIME:-1h}"
printf '(MB = 2^20 bytes; today = Budget.DailyBytes 0, no budget; defaults = Budget.DailyBytes 30 000 000)\n'
header=(); sep=()
for v in $VARIANTS; do header+=("$v"); sep+=("----------------"); done
row "MB per day (nftables counters, IP bytes, both ways)" "goal" "${header[@]}"
printf '|%s|' "------------------------------------------------------------"; for _ in $VARIANTS; do printf '%s|' "------------------"; done; printf '%s|\n' "--------"
for_variants() { # printf-format expression evaluated with a variant's figures -> one value per variant
  local v; for v in $VARIANTS; do ( source "$WORK/$v/figures"; printf '%s\n' "$(eval "$1")" ); done
}
mapfile -t r < <(for_variants 'mbd $CHK'); row "checks on the wire" "" "${r[@]}"
mapfile -t r < <(for_variants 'mbd $UPL'); row "upload to the sink" "" "${r[@]}"
mapfile -t r < <(for_variants 'mbd $((CHK + UPL))'); row "**traffic in all**" "<= 30" "${r[@]}"
mapfile -t r < <(for_variants 'mbd $GW'); row "gateway checks (LAN only, not in the total)" "" "${r[@]}"
mapfile -t r < <(for_variants 'mbd $W'); row "written to disk by probe (/proc/PID/io)" "<= 50" "${r[@]}"
mapfile -t r < <(for_variants 'printf "%.1f" "$(echo "$WIN_METER * 86400000 / ($WIN_MS + ($WIN_MS == 0)) / 1048576" | bc -l)"')
row "probe's meter (probe_health traffic_bytes_total), per day" "" "${r[@]}"
mapfile -t r < <(for_variants 'echo "$WIN_METER / $WIN_NFT"'); row "meter / nft, health samples' window (bytes)" "" "${r[@]}"
mapfile -t r < <(for_variants 'ratio $WIN_METER $WIN_NFT'); row "meter / nft, health samples' window" "0.9-1.1" "${r[@]}"
mapfile -t r < <(for_variants 'echo "$METER_RUN / $NFT_RUN"'); row "meter / nft, whole run (probe status --json at stop)" "" "${r[@]}"
mapfile -t r < <(for_variants 'ratio $METER_RUN $NFT_RUN'); row "meter / nft, whole run" "0.9-1.1" "${r[@]}"
for v in $VARIANTS; do
  ( source "$WORK/$v/figures"
    echo "($v: window of health samples $((WIN_MS / 1000)) s; rows stored in all, warm-up included: $ROWS; gateway rounds measured: $ROUNDS; checks by kind: $KINDS; most frequent failures: $FAILS)" )
done
if [ "${SPLIT:-1}" = 1 ]; then
  for v in $VARIANTS; do
    echo; echo "### $v: by component (tcpdump)"
    python3 "$BENCH_DIR/traffic_split.py" "$WORK/$v/capture.pcap" "$WORK/$v/split.json"
  done
fi
echo "(loopback MTU is 64 KB: fewer packets and headers than a 1500-byte link; TLS sessions resumed as the probe and nginx (ssl_session_timeout ${TICKET_LIFETIME:-1h}) do it)"
