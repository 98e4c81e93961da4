#!/usr/bin/env bash
# Drain rate: N buffered results -> `probe upload` into VictoriaMetrics, against the same line protocol
# (`probe export --format lp`) posted with curl in one go (the ceiling). Also what gzip costs (probe posts
# gzip, fastest level: gzip -1 of the same file, and curl posting that), the store's append rate and
# bytes written per 1000 results (issue 3). Usage: bench/drain.sh [N=1000000]
source "$(dirname "$0")/lib.sh"
N="${1:-${N:-1000000}}"
need curl curl; need jq jq
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

# 1. probe upload into a fresh VictoriaMetrics.
start_vm probe
write_config "$VM_URL"
t0=$(date +%s.%N)
"$PROBE" upload --config "$WORK/probe.json" >"$WORK/upload.out" 2>"$WORK/upload.err" || die "probe upload failed: $(tail -3 "$WORK/upload.err")"
t1=$(date +%s.%N)
PROBE_S=$(echo "$t1 - $t0" | bc -l)
PROBE_COUNT=$(vm_count "$VM_URL")
stop_pid "$VM_PID"

# 2. curl: the same line protocol in one POST into another fresh VictoriaMetrics.
start_vm curl
t0=$(date +%s.%N)
curl -fsS -o /dev/null --data-binary @"$LP" "$VM_URL/api/v2/write?org=probe&bucket=bench&precision=ms" || die "curl POST failed"
t1=$(date +%s.%N)
CURL_S=$(echo "$t1 - $t0" | bc -l)
CURL_COUNT=$(vm_count "$VM_URL")
stop_pid "$VM_PID"

# 3. What gzip costs: compressing the file at the fastest level (what probe uses), and curl posting it.
need gzip gzip
t0=$(date +%s.%N)
gzip -1 -c "$LP" >"$LP.gz"
t1=$(date +%s.%N)
GZIP_S=$(echo "$t1 - $t0" | bc -l)
start_vm gzip
t0=$(date +%s.%N)
curl -fsS -o /dev/null -H 'Content-Encoding: gzip' --data-binary @"$LP.gz" "$VM_URL/api/v2/write?org=probe&bucket=bench&precision=ms" || die "curl gzip POST failed"
t1=$(date +%s.%N)
CURLGZ_S=$(echo "$t1 - $t0" | bc -l)
CURLGZ_COUNT=$(vm_count "$VM_URL")
stop_pid "$VM_PID"

PROBE_RATE=$(echo "$N / $PROBE_S" | bc -l); CURL_RATE=$(echo "$N / $CURL_S" | bc -l)
printf '\nDrain of %d buffered results into VictoriaMetrics (loopback)\n' "$N"
printf '| %-28s | %10s | %12s | %12s |\n' "path" "seconds" "points/s" "read back"
printf '|%s|%s|%s|%s|\n' "------------------------------" "------------" "--------------" "--------------"
printf '| %-28s | %10.2f | %12.0f | %12s |\n' "probe upload (influx2)" "$PROBE_S" "$PROBE_RATE" "$PROBE_COUNT"
printf '| %-28s | %10.2f | %12.0f | %12s |\n' "curl, one POST (ceiling)" "$CURL_S" "$CURL_RATE" "$CURL_COUNT"
printf '| %-28s | %10s | %12.2f | %12s |\n' "ratio probe/curl (goal>=0.7)" "" "$(echo "$PROBE_RATE / $CURL_RATE" | bc -l)" ""
printf '| %-28s | %10.2f | %12.0f | %12s |\n' "curl, one gzip POST" "$CURLGZ_S" "$(echo "$N / $CURLGZ_S" | bc -l)" "$CURLGZ_COUNT"
printf '\ngzip (probe posts gzip at the fastest level)\n'
printf '| line protocol bytes, plain / gzip -1 | %s / %s |\n' "$(stat -c %s "$LP")" "$(stat -c %s "$LP.gz")"
printf '| gzip -1 of the file (s) | %.2f |\n' "$GZIP_S"
printf '\nStore (issue 3)\n'
printf '| append rate (results/s, batches of 500) | %s |\n' "$(kv append_rate_per_s)"
printf '| bytes written per 1000 results (/proc/self/io write_bytes) | %s |\n' "$(kv write_bytes_per_1000)"
printf '| database file bytes per 1000 results | %s |\n' "$(kv file_bytes_per_1000)"
printf '| probe export --format lp (s, %d lines) | %.2f |\n' "$LINES" "$EXPORT_S"
printf '| probe upload said | %s |\n' "$(tail -1 "$WORK/upload.out")"
[ "$PROBE_COUNT" = "$N" ] || echo "WARNING: VictoriaMetrics holds $PROBE_COUNT points after probe upload, expected $N" >&2
[ "$CURL_COUNT" = "$N" ] || echo "WARNING: VictoriaMetrics holds $CURL_COUNT points after curl, expected $N" >&2
[ "$CURLGZ_COUNT" = "$N" ] || echo "WARNING: VictoriaMetrics holds $CURLGZ_COUNT points after the gzip curl, expected $N" >&2
