#!/usr/bin/env bash
# Traffic and store writes per day of `probe run` with the default catalog and default intervals, measured for a
# shortened period inside a private network namespace (only `lo` exists there: nothing can leave the machine) and
# scaled to a day. Every name of the catalog resolves to 127.1.0.1 (dnsmasq as the system and both reference
# resolvers), where nginx answers http, https (a test CA) and tcp/5222 with a PAGE_KB=256 KB page (more than the
# probe's 64 KB body limit, as real home pages are); the upload goes to VictoriaMetrics in the namespace and is counted apart.
# Usage: bench/traffic.sh [MINUTES=10]
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

# Names and a certificate for all of them, signed by a throwaway CA.
echo '{"Probe":{"Id":"x","Store":{"Path":"'"$WORK"'/t.db"}}}' >"$WORK/t.json"
"$PROBE" targets --json --config "$WORK/t.json" | jq -r '.[].host' | sort -u >"$WORK/hosts"
SAN=$(sed 's/^/DNS:/' "$WORK/hosts" | paste -sd, -)
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=probe bench CA" -keyout "$WORK/ca.key" -out "$WORK/ca.pem" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=bench" -keyout "$WORK/site.key" -out "$WORK/site.csr" 2>/dev/null
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$SAN" >"$WORK/site.ext"
openssl x509 -req -in "$WORK/site.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 2 \
  -extfile "$WORK/site.ext" -out "$WORK/site.pem" 2>/dev/null

DNSMASQ_EXTRA=("--address=/#/127.1.0.1")
for r in 53 54 55; do start_dnsmasq "r$r" "127.0.0.$r" 53; done
NG="$WORK/nginx"; mkdir -p "$NG/tmp"; chmod 777 "$NG/tmp"
PAGE_KB="${PAGE_KB:-256}"
head -c $(( PAGE_KB * 768 )) /dev/urandom | base64 -w 120 >"$NG/index.html"
cat >"$NG/nginx.conf" <<CONF
user root; daemon off; worker_processes 1; pid $NG/nginx.pid; error_log $NG/error.log;
events { worker_connections 512; }
http {
  access_log off; client_body_temp_path $NG/tmp; proxy_temp_path $NG/tmp; fastcgi_temp_path $NG/tmp;
  uwsgi_temp_path $NG/tmp; scgi_temp_path $NG/tmp; default_type text/html;
  server {
    listen 127.1.0.1:80; listen 127.1.0.1:443 ssl; listen 127.1.0.1:5222;
    ssl_certificate $WORK/site.pem; ssl_certificate_key $WORK/site.key;
    root $NG; location / { try_files /index.html =404; }
  }
}
CONF
start_bg "$WORK/nginx.log" nginx -c "$NG/nginx.conf" -p "$NG"
wait_http "http://127.1.0.1/"
start_vm sink
VM_PORT="${VM_URL##*:}"

# This host's clock may not report NTP sync: holding unsynced rows (default 6 h) would hide the upload traffic.
# Counters: every packet leaves through the output hook once (both directions are local here), split by the upload port.
nft -f - <<NFT
table inet probebench {
  counter upload {}
  counter checks {}
  counter dns {}
  counter https {}
  counter http {}
  chain out { type filter hook output priority 0; policy accept;
    tcp dport $VM_PORT counter name upload accept
    tcp sport $VM_PORT counter name upload accept
    counter name checks
    udp dport 53 counter name dns accept
    udp sport 53 counter name dns accept
    tcp dport 443 counter name https accept
    tcp sport 443 counter name https accept
    tcp dport 80 counter name http accept
    tcp sport 80 counter name http accept
  }
}
NFT
nft_bytes() { nft -j list counter inet probebench "$1" | jq '.nftables[] | select(.counter) | .counter.bytes'; }

STORE="$WORK/results.db"
cat >"$WORK/probe.json" <<JSON
{ "Probe": { "Id": "bench-01", "Region": "Dakar", "Access": "fixed",
  "Gateway": { "Address": "127.1.0.1" },
  "Resolvers": [
    { "Name": "system", "Address": "127.0.0.53" },
    { "Name": "google", "Address": "127.0.0.54", "Reference": true },
    { "Name": "cloudflare", "Address": "127.0.0.55", "Reference": true } ],
  "Checks": { "TrustedCaFile": "$WORK/ca.pem", "BogonAllow": ["127.0.0.0/8"] },
  "Store": { "Path": "$STORE", "UnsyncedHoldLimit": "00:00:01" },
  "Sink": { "Kind": "influx2", "Url": "$VM_URL", "Org": "probe", "Bucket": "probe" },
  "Leds": { "Driver": "none" } } }
JSON

echo "running probe run for $MINUTES min in the namespace..." >&2
c0=$(nft_bytes checks); u0=$(nft_bytes upload)
start_bg "$WORK/probe-run.log" "$PROBE" run --config "$WORK/probe.json"
PID=$LAST_PID
sleep $(( MINUTES * 60 ))
kill -0 "$PID" 2>/dev/null || die "probe run exited: $(tail -5 "$WORK/probe-run.log")"
W=$(awk '/^write_bytes:/ {print $2}' "/proc/$PID/io")
c1=$(nft_bytes checks); u1=$(nft_bytes upload); DNSB=$(nft_bytes dns); HTTPSB=$(nft_bytes https); HTTPB=$(nft_bytes http)
stop_pid "$PID"
FILE=$({ stat -c %s "$STORE" "$STORE-wal" 2>/dev/null || true; } | awk '{s += $1} END {print s + 0}')
ROWS=$(sqlite3 -readonly "$STORE" "SELECT count(*) FROM records")
KINDS=$(checks_by_kind "$STORE" | paste -sd, -)
FAILS=$(sqlite3 -readonly "$STORE" "SELECT json_extract(s.tags,'\$.failure'), count(*) FROM records r JOIN series s ON s.id = r.series_id
  WHERE json_extract(s.tags,'\$.failure') IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 4" | paste -sd, -)
nft delete table inet probebench

per_day() { echo "$1 * 1440 / $MINUTES / 1048576" | bc -l; }
CHK=$((c1 - c0)); UPL=$((u1 - u0))
printf '\nTraffic and store writes of `probe run`, default catalog and intervals, %d min measured, scaled to a day; pages of %d KB\n' "$MINUTES" "$PAGE_KB"
printf '| %-44s | %14s | %10s | %8s |\n' "" "bytes measured" "MB per day" "goal"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "----------------" "------------" "----------"
printf '| %-44s | %14d | %10.1f | %8s |\n' "checks on the wire (IP bytes, both ways)" "$CHK" "$(per_day "$CHK")" ""
printf '| %-44s | %14d | %10.1f | %8s |\n' "  of which dns (udp/53)" "$DNSB" "$(per_day "$DNSB")" ""
printf '| %-44s | %14d | %10.1f | %8s |\n' "  of which tcp/443 (tcp, tls and https checks)" "$HTTPSB" "$(per_day "$HTTPSB")" ""
printf '| %-44s | %14d | %10.1f | %8s |\n' "  of which tcp/80 (http checks)" "$HTTPB" "$(per_day "$HTTPB")" ""
printf '| %-44s | %14d | %10.1f | %8s |\n' "upload to the sink (IP bytes, both ways)" "$UPL" "$(per_day "$UPL")" ""
printf '| %-44s | %14d | %10.1f | %8s |\n' "traffic in all" "$((CHK + UPL))" "$(per_day $((CHK + UPL)))" "<= 30"
printf '| %-44s | %14d | %10.1f | %8s |\n' "written to disk by probe (/proc/PID/io)" "$W" "$(per_day "$W")" "<= 50"
printf '| %-44s | %14d | %10.1f | %8s |\n' "store file growth (db + wal)" "$FILE" "$(per_day "$FILE")" ""
echo "(rows stored: $ROWS; checks by kind: $KINDS; most frequent failures: ${FAILS:-none})"
echo "(loopback MTU is 64 KB: fewer packets and headers than a 1500-byte link; TLS session reuse as the probe does it)"
