#!/usr/bin/env bash
# Traffic and store writes per day of `probe run` with the default catalog and default intervals, measured for a
# shortened period inside a private network namespace (only `lo` exists there: nothing can leave the machine) and
# scaled to a day. Each catalog host resolves (dnsmasq as the system and both reference resolvers) to an address of
# its own in 127.1.0.0/16, where nginx answers as such a host would: a real-sized certificate chain (RSA-2048 leaf
# and intermediate), news homepages of NEWS_KB=250 KB, other homepages of HOME_KB=100 KB (PAGE_KB sets both), gzip
# when asked, a 403 from API/CDN hosts. The upload goes to VictoriaMetrics in the namespace; the gateway is an
# address where nothing listens (its connects are refused). nftables counts bytes; a tcpdump capture, split by
# bench/traffic_split.py, tells dns, sentinel and round connects, TLS handshakes, http and upload apart, per target.
# CONFIG=file.json merges a configuration over the bench's (e.g. the metered-link one in PROBE.md);
# TICKET_LIFETIME sets nginx's ssl_session_timeout (default 5m, nginx's own default).
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

# Every catalog host gets its own address (127.1.x.y), so the capture can tell targets apart.
echo '{"Probe":{"Id":"x","Store":{"Path":"'"$WORK"'/t.db"}}}' >"$WORK/t.json"
"$PROBE" targets --json --config "$WORK/t.json" >"$WORK/targets.json"
jq -r '.[] | select(.addresses == []) | .host' "$WORK/targets.json" | sort -u >"$WORK/hosts"
awk '{ i = NR + 9; printf "%s 127.1.%d.%d\n", $1, int(i / 250), i % 250 + 1 }' "$WORK/hosts" >"$WORK/host-addresses"

# A certificate chain like a real site's: a root (given to probe as TrustedCaFile, as a system root would be), an
# RSA-2048 intermediate, and an RSA-2048 leaf per host naming only that host; nginx sends leaf + intermediate.
CERTS="$WORK/certs"; mkdir -p "$CERTS"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/C=US/O=Probe Bench Trust/CN=Probe Bench Root CA" \
  -keyout "$CERTS/root.key" -out "$CERTS/root.pem" -addext basicConstraints=critical,CA:TRUE \
  -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/C=US/O=Probe Bench Trust/CN=Probe Bench TLS RSA CA 2026" \
  -keyout "$CERTS/int.key" -out "$CERTS/int.csr" 2>/dev/null
printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nextendedKeyUsage=serverAuth\n' >"$CERTS/int.ext"
openssl x509 -req -in "$CERTS/int.csr" -CA "$CERTS/root.pem" -CAkey "$CERTS/root.key" -CAcreateserial -days 2 \
  -extfile "$CERTS/int.ext" -out "$CERTS/int.pem" 2>/dev/null
openssl genrsa -out "$CERTS/leaf.key" 2048 2>/dev/null
while read -r host _; do
  openssl req -new -key "$CERTS/leaf.key" -subj "/CN=$host" -out "$CERTS/$host.csr" 2>/dev/null
  printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=critical,CA:FALSE\n' "$host" >"$CERTS/$host.ext"
  openssl x509 -req -in "$CERTS/$host.csr" -CA "$CERTS/int.pem" -CAkey "$CERTS/int.key" -CAcreateserial -days 2 \
    -extfile "$CERTS/$host.ext" -out "$CERTS/$host.pem" 2>/dev/null
  cat "$CERTS/$host.pem" "$CERTS/int.pem" >"$CERTS/$host.chain.pem"
done <"$WORK/host-addresses"
CHAIN_BYTES=$(openssl crl2pkcs7 -nocrl -certfile "$CERTS/www.google.com.chain.pem" | openssl pkcs7 -outform DER | wc -c)

DNSMASQ_EXTRA=()
while read -r host address; do DNSMASQ_EXTRA+=("--address=/$host/$address"); done <"$WORK/host-addresses"
for r in 53 54 55; do start_dnsmasq "r$r" "127.0.0.$r" 53; done

# Pages by kind, as the catalog's hosts answer `/`: news homepages (NEWS_KB, 250), other homepages (HOME_KB, 100),
# API/CDN/media hosts a small 403. HTML-like text that gzip shrinks about as much as real pages; PAGE_KB overrides
# both page sizes.
NEWS_KB="${PAGE_KB:-${NEWS_KB:-250}}"; HOME_KB="${PAGE_KB:-${HOME_KB:-100}}"
NG="$WORK/nginx"; mkdir -p "$NG/tmp"; chmod 777 "$NG/tmp"
page() { # kilobytes
  python3 - "$1" <<'PY'
import random, sys
random.seed(7)
words = ["".join(random.choice("abcdefghijklmnopqrstuvwxyzéè") for _ in range(random.randint(2, 11))) for _ in range(4000)]
out, size = ["<!doctype html><html><head><title>bench</title></head><body>\n"], 0
while size < int(sys.argv[1]) * 1024:
    line = ('<div class="article"><a href="/%s/%s-%d">%s</a><p>%s</p></div>\n' % (
        random.choice(words), random.choice(words), random.randint(1000, 99999), " ".join(random.sample(words, 6)),
        " ".join(random.choice(words) for _ in range(random.randint(10, 40)))))
    out.append(line); size += len(line.encode())
sys.stdout.write("".join(out)[: int(sys.argv[1]) * 1024])
PY
}
page "$NEWS_KB" >"$NG/news.html"; page "$HOME_KB" >"$NG/home.html"
GZIP_NEWS=$(gzip -1 -c "$NG/news.html" | wc -c)
kind() { # host -> news | api | home
  case "$1" in
    www.seneweb.com|www.dakaractu.com|www.aps.sn|www.rts.sn) echo news ;;
    api*|graph.*|static.*|scontent.*|i.instagram.com|mmg.*|g.whatsapp.net|abs.*|pbs.*|i.ytimg.com|youtubei.*|chat.*|cdn.*|deb.*) echo api ;;
    *) echo home ;;
  esac
}
{
  echo "user root; daemon off; worker_processes 1; pid $NG/nginx.pid; error_log $NG/error.log;"
  echo "events { worker_connections 1024; }"
  echo "http {"
  echo "  access_log off; client_body_temp_path $NG/tmp; proxy_temp_path $NG/tmp; fastcgi_temp_path $NG/tmp;"
  echo "  uwsgi_temp_path $NG/tmp; scgi_temp_path $NG/tmp; default_type text/html; gzip on; server_tokens off;"
  echo "  ssl_protocols TLSv1.2 TLSv1.3; ssl_session_timeout ${TICKET_LIFETIME:-5m};"
  while read -r host address; do
    echo "  server { listen $address:80; listen $address:443 ssl; listen $address:5222; server_name $host;"
    echo "    ssl_certificate $CERTS/$host.chain.pem; ssl_certificate_key $CERTS/leaf.key; root $NG;"
    case "$(kind "$host")" in
      api) echo "    location / { return 403; } }" ;;
      news) echo "    location / { try_files /news.html =404; } }" ;;
      *) echo "    location / { try_files /home.html =404; } }" ;;
    esac
  done <"$WORK/host-addresses"
  echo "}"
} >"$NG/nginx.conf"
start_bg "$WORK/nginx.log" nginx -c "$NG/nginx.conf" -p "$NG"
wait_http "http://$(awk '$1 == "www.google.com" {print $2}' "$WORK/host-addresses")/"
start_vm sink
VM_PORT="${VM_URL##*:}"
GATEWAY=127.9.0.1  # nothing listens there: the gateway check's connects are refused, which proves it up

# This host's clock may not report NTP sync: holding unsynced rows (default 6 h) would hide the upload traffic.
# Counters: every packet leaves through the output hook once (both directions are local here), split by the upload port.
nft -f - <<NFT
table inet probebench {
  counter upload {}
  counter checks {}
  counter gateway {}
  chain out { type filter hook output priority 0; policy accept;
    tcp dport $VM_PORT counter name upload accept
    tcp sport $VM_PORT counter name upload accept
    ip daddr $GATEWAY counter name gateway accept
    ip saddr $GATEWAY counter name gateway accept
    counter name checks
  }
}
NFT
nft_bytes() { nft -j list counter inet probebench "$1" | jq '.nftables[] | select(.counter) | .counter.bytes'; }

STORE="$WORK/results.db"
cat >"$WORK/base.json" <<JSON
{ "Probe": { "Id": "bench-01", "Region": "Dakar", "Access": "fixed",
  "Gateway": { "Address": "$GATEWAY" },
  "Resolvers": [
    { "Name": "system", "Address": "127.0.0.53" },
    { "Name": "google", "Address": "127.0.0.54", "Reference": true },
    { "Name": "cloudflare", "Address": "127.0.0.55", "Reference": true } ],
  "Checks": { "TrustedCaFile": "$CERTS/root.pem", "BogonAllow": ["127.0.0.0/8"] },
  "Store": { "Path": "$STORE", "UnsyncedHoldLimit": "00:00:01" },
  "Sink": { "Kind": "influx2", "Url": "$VM_URL", "Org": "probe", "Bucket": "probe" },
  "Leds": { "Driver": "none" } } }
JSON
# CONFIG=file.json: merged over the bench's configuration (jq's recursive merge; arrays are replaced), e.g. a
# metered-link configuration with a longer RoundInterval, fewer Targets or a smaller HttpBodyLimitBytes.
if [ -n "${CONFIG:-}" ]; then
  jq -s '.[0] * .[1]' "$WORK/base.json" "$CONFIG" >"$WORK/probe.json" || die "CONFIG $CONFIG is not valid JSON"
else
  cp "$WORK/base.json" "$WORK/probe.json"
fi
"$PROBE" config check --config "$WORK/probe.json" >/dev/null || die "the configuration is invalid: $("$PROBE" config check --config "$WORK/probe.json" 2>&1 | tail -3)"

need tcpdump tcpdump
# WARMUP seconds (default 60) pass before measuring: the start-up round, the round the first sentinel results
# trigger, and the first (full) TLS handshakes are not what a day of running costs.
WARMUP="${WARMUP:-60}"
echo "running probe run for $WARMUP s of warm-up, then $MINUTES min measured, in the namespace..." >&2
# The capture starts before START_MS (rounds are counted from the store by their start time), and with no warm-up
# before probe itself, so that the start-up rounds are captured whole.
start_capture() {
  start_bg "$WORK/tcpdump.log" tcpdump -i lo -n -s 0 -U -w "$WORK/capture.pcap"
  TCPDUMP_PID=$LAST_PID
  sleep 1
  c0=$(nft_bytes checks); u0=$(nft_bytes upload); g0=$(nft_bytes gateway)
  START_MS=$(date +%s%3N)
}
W0=0
[ "$WARMUP" = 0 ] && start_capture
start_bg "$WORK/probe-run.log" "$PROBE" run --config "$WORK/probe.json"
PID=$LAST_PID
if [ "$WARMUP" != 0 ]; then
  sleep "$WARMUP"
  W0=$(awk '/^write_bytes:/ {print $2}' "/proc/$PID/io")
  start_capture
fi
sleep $(( MINUTES * 60 ))
END_MS=$(date +%s%3N)
kill -0 "$PID" 2>/dev/null || die "probe run exited: $(tail -5 "$WORK/probe-run.log")"
W=$(( $(awk '/^write_bytes:/ {print $2}' "/proc/$PID/io") - W0 ))
c1=$(nft_bytes checks); u1=$(nft_bytes upload); GW=$(( $(nft_bytes gateway) - g0 ))
stop_pid "$PID"
stop_pid "$TCPDUMP_PID"
grep -q "^0 packets dropped by kernel" "$WORK/tcpdump.log" || echo "warning: tcpdump: $(grep dropped "$WORK/tcpdump.log" | paste -sd' ')" >&2
FILE=$({ stat -c %s "$STORE" "$STORE-wal" 2>/dev/null || true; } | awk '{s += $1} END {print s + 0}')
ROWS=$(sqlite3 -readonly "$STORE" "SELECT count(*) FROM records")
KINDS=$(checks_by_kind "$STORE" | paste -sd, -)
FAILS=$(sqlite3 -readonly "$STORE" "SELECT json_extract(s.tags,'\$.failure'), count(*) FROM records r JOIN series s ON s.id = r.series_id
  WHERE json_extract(s.tags,'\$.failure') IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 4" | paste -sd, -)
lane_rows() { # kind lane -> "target count" lines
  sqlite3 -readonly "$STORE" "SELECT json_extract(s.tags,'\$.target'), count(*) FROM records r JOIN series s ON s.id = r.series_id
    WHERE s.measurement = 'probe_check' AND json_extract(s.tags,'\$.kind') = '$1' AND json_extract(s.tags,'\$.lane') = '$2'
      AND r.ts_ms BETWEEN $START_MS AND $END_MS GROUP BY 1" | tr '|' ' '
}
ROUNDS=$(lane_rows gateway round | awk '{s += $2} END {print s + 0}')
nft delete table inet probebench

# The split: which host each address stands for, how many sentinel connects the store counted per host.
lane_rows tcp sentinel >"$WORK/sentinel-rows"
RI_MIN=$(jq -r '.Probe.Schedule.RoundInterval // "00:05:00" | split(":") | (.[0] | tonumber) * 60 + (.[1] | tonumber) + (.[2] | tonumber) / 60' "$WORK/probe.json")
jq -n --argjson minutes "$MINUTES" --argjson rounds "$ROUNDS" --argjson ri "$RI_MIN" --argjson port "$VM_PORT" --arg gw "$GATEWAY" \
  --rawfile addrs "$WORK/host-addresses" --rawfile sent "$WORK/sentinel-rows" --slurpfile targets "$WORK/targets.json" '
  ($targets[0] | map({(.name): .host}) | add) as $hostOf
  | { minutes: $minutes, rounds: $rounds, round_interval_minutes: $ri, upload_port: $port, gateway: $gw,
      addresses: ($addrs | split("\n") | map(select(length > 0) | split(" ")) | map({(.[1]): .[0]}) | add),
      targets: ($targets[0] | group_by(.host) | map({(.[0].host): map(.name)}) | add),
      sentinel_connects: ($sent | split("\n") | map(select(length > 0) | split(" ")) | map({($hostOf[.[0]]): (.[1] | tonumber)}) | add // {}) }' \
  >"$WORK/split.json"

per_day() { echo "$1 * 1440 / $MINUTES / 1048576" | bc -l; }
CHK=$((c1 - c0)); UPL=$((u1 - u0))
printf '\nTraffic and store writes of `probe run`, default catalog and intervals%s, %d min measured, scaled to a day\n' "${CONFIG:+ with $CONFIG merged}" "$MINUTES"
printf '(pages: news %d KB, other homepages %d KB (gzip -1 shrinks the news page to %d KB), API/CDN hosts a 403; certificate chain sent: %d bytes)\n' \
  "$NEWS_KB" "$HOME_KB" "$((GZIP_NEWS / 1024))" "$CHAIN_BYTES"
printf '(nftables counters, scaled by time; the split below scales rounds by rounds)\n'
printf '| %-44s | %14s | %10s | %8s |\n' "" "bytes measured" "MB per day" "goal"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "----------------" "------------" "----------"
printf '| %-44s | %14d | %10.1f | %8s |\n' "checks on the wire (IP bytes, both ways)" "$CHK" "$(per_day "$CHK")" ""
printf '| %-44s | %14d | %10.1f | %8s |\n' "upload to the sink (IP bytes, both ways)" "$UPL" "$(per_day "$UPL")" ""
printf '| %-44s | %14d | %10.1f | %8s |\n' "traffic in all" "$((CHK + UPL))" "$(per_day $((CHK + UPL)))" "<= 30"
printf '| %-44s | %14d | %10.1f | %8s |\n' "gateway checks (LAN only, not in the total)" "$GW" "$(per_day "$GW")" ""
printf '| %-44s | %14d | %10.1f | %8s |\n' "written to disk by probe (/proc/PID/io)" "$W" "$(per_day "$W")" "<= 50"
printf '| %-44s | %14d | %10.1f | %8s |\n' "store file (db + wal, warm-up included)" "$FILE" "$(per_day "$FILE")" ""
echo "(rows stored in all, warm-up included: $ROWS; full rounds measured: $ROUNDS; checks by kind: $KINDS; most frequent failures: ${FAILS:-none})"
python3 "$BENCH_DIR/traffic_split.py" "$WORK/capture.pcap" "$WORK/split.json"
echo "(loopback MTU is 64 KB: fewer packets and headers than a 1500-byte link; TLS sessions resumed as the probe and nginx (ssl_session_timeout ${TICKET_LIFETIME:-5m}) do it)"
