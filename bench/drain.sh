#!/usr/bin/env bash
# Drain rate: N buffered results -> `probe upload` into VictoriaMetrics, against the same line protocol
# (`probe export --format lp`) posted with curl in one go (the ceiling), with the CPU seconds of probe and of
# VictoriaMetrics during each. PROBE_VARIANTS and ROUNDS compare builds side by side (below); RTT_MS puts a round
# trip of that many ms between probe and VictoriaMetrics (bench/delayproxy.py, loopback; curl keeps the direct path,
# so compare variants with each other then, not with curl). Also what gzip costs (probe posts
# gzip, fastest level: gzip -1 of the same file, and curl posting that), the store's append rate and
# bytes written per 1000 results (issue 3). Usage: bench/drain.sh [N=1000000]
source "$(dirname "$0")/lib.sh"
N="${1:-${N:-1000000}}"
need curl curl; need jq jq; [ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
build_probe; build_fill

STORE="$WORK/results.db"
echo "filling the store with $N results through SqliteResultStore..." >&2
FILL_LINE="$("$FILL" "$STORE" "$N" 500 | tail -1)"
kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$FILL_LINE"; }

write_config() { # vm_url
  cat >"$WORK/probe.json" <<JSON
{ "Probe": { "Id": "bench-01", "Region": "Dakar",
  "Resolvers": [ { "Name": "system", "Address": "127.0.0.1:1" } ],
  "Targets": { "UseDefaults": false, "Items": [ { "Name": "unused", "Url": "http://127.0.0.1:1/", "Group": "national" } ] },
  "Store": { "Path": "$STORE", "MaxBytes": 68719476736 },
  "Sink": { "Kind": "influx2", "Url": "$1", "Org": "probe", "Bucket": "bench", "BatchSize": 5000 },
  "Leds": { "Driver": "none" } } }
JSON
}

# The ceiling's input, exported before the upload marks anything delivered.
write_config "http://127.0.0.1:1"
LP="$WORK/points.lp"
t0=$(date +%s.%N)
"$PROBE" export --config "$WORK/probe.json" --format lp --output "$LP" >/dev/null || die "probe export failed"
t1=$(date +%s.%N)
LINES=$(wc -l <"$LP")
[ "$LINES" -eq "$N" ] || die "export wrote $LINES lines for $N results"
EXPORT_S=$(echo "$t1 - $t0" | bc -l)

# One timed drain: a fresh copy of the filled store into a fresh VictoriaMetrics. Sets D_S (seconds), D_CPU (probe
# CPU seconds), D_VMCPU (VictoriaMetrics' CPU seconds during the drain), D_RSS (peak RSS, KB) and D_COUNT (read back).
drain_once() { # label binary envs
  local label="$1" bin="$2" envs="$3" t0 t1 vm0 vm1
  cp "$STORE.filled" "$STORE"; rm -f "$STORE-wal" "$STORE-shm"
  start_vm "$label"
  if [ -n "${RTT_MS:-}" ]; then
    # A slow uplink's round trip between probe and the store: half of RTT_MS each way (bench/delayproxy.py).
    local port; port="$(free_port)"
    start_bg "$WORK/proxy-$label.log" python3 "$BENCH_DIR/delayproxy.py" "$port" "${VM_URL##*:}" "$(echo "$RTT_MS / 2" | bc -l)"
    PROXY_PID=$LAST_PID
    wait_tcp "$port"
    write_config "http://127.0.0.1:$port"
  else
    write_config "$VM_URL"
  fi
  vm0=$(cpu_ticks "$VM_PID")
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086 # the variables of the variant are words on purpose
  env $envs /usr/bin/time -f '%U %S %M' -o "$WORK/upload.time" "$bin" upload --config "$WORK/probe.json" >"$WORK/upload.out" 2>"$WORK/upload.err" \
    || die "$label: probe upload failed: $(tail -3 "$WORK/upload.err")"
  t1=$(date +%s.%N)
  vm1=$(cpu_ticks "$VM_PID")
  D_S=$(echo "$t1 - $t0" | bc -l)
  D_VMCPU=$(echo "($vm1 - $vm0) / $CLK_TCK" | bc -l)
  read -r u s D_RSS <"$WORK/upload.time"
  D_CPU=$(echo "$u + $s" | bc -l)
  D_COUNT=$(vm_count "$VM_URL")
  # VictoriaMetrics may take a moment to make fresh series searchable: look again before calling points missing.
  local tries=0
  while [ "$D_COUNT" != "$N" ] && [ "$tries" -lt 10 ]; do
    sleep 1; tries=$((tries + 1)); D_COUNT=$(vm_count "$VM_URL")
  done
  [ "$tries" -gt 0 ] && echo "note: '$label' read back $D_COUNT points after $tries more second(s)" >&2
  stop_pid "$VM_PID"; rm -rf "$WORK/vm-$label"
  [ -n "${RTT_MS:-}" ] && stop_pid "$PROXY_PID"
  [ "$D_COUNT" = "$N" ] || echo "WARNING: VictoriaMetrics holds $D_COUNT points after '$label', expected $N" >&2
}

# The same line protocol in one POST into a fresh VictoriaMetrics (the ceiling). Sets C_S and C_VMCPU.
curl_once() {
  local t0 t1 vm0 vm1
  start_vm curl
  vm0=$(cpu_ticks "$VM_PID")
  t0=$(date +%s.%N)
  curl -fsS -o /dev/null --data-binary @"$LP" "$VM_URL/api/v2/write?org=probe&bucket=bench&precision=ms" || die "curl POST failed"
  t1=$(date +%s.%N)
  vm1=$(cpu_ticks "$VM_PID")
  C_S=$(echo "$t1 - $t0" | bc -l)
  C_VMCPU=$(echo "($vm1 - $vm0) / $CLK_TCK" | bc -l)
  CURL_COUNT=$(vm_count "$VM_URL")
  stop_pid "$VM_PID"; rm -rf "$WORK/vm-curl"
  [ "$CURL_COUNT" = "$N" ] || echo "WARNING: VictoriaMetrics holds $CURL_COUNT points after curl, expected $N" >&2
}

wait_tcp() { # port
  local i
  for i in $(seq 1 50); do
    python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  die "nothing listens on 127.0.0.1:$1"
}

# 1 and 2, ROUNDS times: curl, then each variant (PROBE_VARIANTS: one "label|binary|VAR=value ..." a line; by default
# the one build PROBE_BIN or bench/.out/probe), each on a fresh copy of the filled store. A ratio is taken within a round.
VARIANTS="${PROBE_VARIANTS:-probe upload (influx2)|$PROBE|}"
ROUNDS="${ROUNDS:-1}"
need sqlite3 sqlite3
sqlite3 "$STORE" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null || die "cannot checkpoint the filled store"
mv "$STORE" "$STORE.filled"; rm -f "$STORE-wal" "$STORE-shm"
declare -A R_S R_RATIO R_CPU R_VMCPU R_RSS
LABELS=()
while IFS='|' read -r label bin envs; do
  [ -n "$label" ] || continue
  [ -x "$bin" ] || die "variant '$label': $bin is not an executable"
  LABELS+=("$label")
done <<<"$VARIANTS"
[ ${#LABELS[@]} -gt 0 ] || die "PROBE_VARIANTS names no variant"
CURL_ALL=""; CURL_VMCPU_ALL=""
for r in $(seq 1 "$ROUNDS"); do
  curl_once
  CURL_ALL+="$C_S "; CURL_VMCPU_ALL+="$C_VMCPU "
  while IFS='|' read -r label bin envs; do
    [ -n "$label" ] || continue
    drain_once "$label" "$bin" "$envs"
    R_S[$label]+="$D_S "; R_RATIO[$label]+="$(echo "$C_S / $D_S" | bc -l) "; R_CPU[$label]+="$D_CPU "
    R_VMCPU[$label]+="$D_VMCPU "; R_RSS[$label]+="$D_RSS "
    echo "round $r: $label $(printf '%.2f' "$D_S") s (curl $(printf '%.2f' "$C_S") s), probe CPU $(printf '%.2f' "$D_CPU") s, VictoriaMetrics CPU $(printf '%.2f' "$D_VMCPU") s, load $(cut -d' ' -f1 /proc/loadavg)" >&2
  done <<<"$VARIANTS"
done
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
span() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk 'NR==1{lo=$1} {hi=$1} END {printf "%.2f–%.2f", lo, hi}'; }
CURL_S=$(median <<<"$CURL_ALL")

# 3. What gzip costs: compressing the file at the fastest level (what probe uses), and curl posting it.
need gzip gzip
t0=$(date +%s.%N)
gzip -1 -c "$LP" >"$LP.gz"
t1=$(date +%s.%N)
GZIP_S=$(echo "$t1 - $t0" | bc -l)
start_vm gzip
vm0=$(cpu_ticks "$VM_PID")
t0=$(date +%s.%N)
curl -fsS -o /dev/null -H 'Content-Encoding: gzip' --data-binary @"$LP.gz" "$VM_URL/api/v2/write?org=probe&bucket=bench&precision=ms" || die "curl gzip POST failed"
t1=$(date +%s.%N)
vm1=$(cpu_ticks "$VM_PID")
CURLGZ_S=$(echo "$t1 - $t0" | bc -l)
CURLGZ_VMCPU=$(echo "($vm1 - $vm0) / $CLK_TCK" | bc -l)
CURLGZ_COUNT=$(vm_count "$VM_URL")
stop_pid "$VM_PID"

printf '\nDrain of %d buffered results into VictoriaMetrics (loopback), %d round(s), medians (ratio: within a round)\n' "$N" "$ROUNDS"
printf '| %-32s | %8s | %10s | %16s | %12s | %14s | %10s |\n' "path" "seconds" "points/s" "ratio to curl" "probe CPU s" "VM CPU s" "peak RSS MB"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "----------------------------------" "----------" "------------" "------------------" "--------------" "----------------" "------------"
printf '| %-32s | %8.2f | %10.0f | %16s | %12s | %14.2f | %10s |\n' "curl, one POST (ceiling)" "$CURL_S" "$(echo "$N / $CURL_S" | bc -l)" "1" "" "$(median <<<"$CURL_VMCPU_ALL")" ""
for label in "${LABELS[@]}"; do
  s_med=$(median <<<"${R_S[$label]}")
  printf '| %-32s | %8.2f | %10.0f | %6.2f (%s) | %12.2f | %14.2f | %10.1f |\n' "$label" "$s_med" "$(echo "$N / $s_med" | bc -l)" \
    "$(median <<<"${R_RATIO[$label]}")" "$(span <<<"${R_RATIO[$label]}")" "$(median <<<"${R_CPU[$label]}")" \
    "$(median <<<"${R_VMCPU[$label]}")" "$(echo "$(median <<<"${R_RSS[$label]}") / 1024" | bc -l)"
done
printf '| %-32s | %8.2f | %10.0f | %16s | %12s | %14.2f | %10s |\n' "curl, one gzip POST" "$CURLGZ_S" "$(echo "$N / $CURLGZ_S" | bc -l)" "" "" "$CURLGZ_VMCPU" ""
printf '(goal: ratio >= 0.7)\n'

printf '\ngzip (probe posts gzip at the fastest level)\n'
printf '| line protocol bytes, plain / gzip -1 | %s / %s |\n' "$(stat -c %s "$LP")" "$(stat -c %s "$LP.gz")"
printf '| gzip -1 of the file (s) | %.2f |\n' "$GZIP_S"
printf '\nStore (issue 3)\n'
printf '| append rate (results/s, batches of 500) | %s |\n' "$(kv append_rate_per_s)"
printf '| bytes written per 1000 results (/proc/self/io write_bytes) | %s |\n' "$(kv write_bytes_per_1000)"
printf '| database file bytes per 1000 results | %s |\n' "$(kv file_bytes_per_1000)"
printf '| probe export --format lp (s, %d lines) | %.2f |\n' "$LINES" "$EXPORT_S"
printf '| probe upload said | %s |\n' "$(tail -1 "$WORK/upload.out")"
[ "$CURLGZ_COUNT" = "$N" ] || echo "WARNING: VictoriaMetrics holds $CURLGZ_COUNT points after the gzip curl, expected $N" >&2
