# The default catalog's world, real-sized, for bench/traffic.sh and bench/detect.sh (sourced inside the private network
# namespace, after lib.sh and build_probe; lo must be up). Every catalog host resolves (dnsmasq as the system resolver
# 127.0.0.53 and both references 127.0.0.54/55) to an address of its own in 127.1.0.0/16 ($WORK/host-addresses:
# "host address" lines; $WORK/targets.json: `probe targets --json`), where nginx answers as such a host would: a
# real-sized certificate chain (root $CERTS/root.pem for TrustedCaFile, RSA-2048 intermediate and leaf), news
# homepages of NEWS_KB, other homepages of HOME_KB (PAGE_KB sets both), gzip when asked, a 403 from API/CDN hosts;
# ssl_session_timeout TICKET_LIFETIME (1h). Sets CERTS, CHAIN_BYTES, NEWS_KB, HOME_KB, GZIP_NEWS, GATEWAY.
need openssl openssl; need jq jq
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
  echo "  ssl_protocols TLSv1.2 TLSv1.3; ssl_session_timeout ${TICKET_LIFETIME:-1h};"
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
GATEWAY=127.9.0.1  # nothing listens there: the gateway check's connects are refused, which proves it up

# The hold limit is 1 s: this host's clock may not report NTP sync, and holding unsynced rows (default 6 h) would
# hide the upload traffic.
probe_base_config() { # id store-path sink-url -> the probe's configuration for this world, before a bench's variant
  cat <<JSON
{ "Probe": { "Id": "$1", "Region": "Dakar", "Access": "fixed",
  "Gateway": { "Address": "$GATEWAY" },
  "Resolvers": [
    { "Name": "system", "Address": "127.0.0.53" },
    { "Name": "google", "Address": "127.0.0.54", "Reference": true },
    { "Name": "cloudflare", "Address": "127.0.0.55", "Reference": true } ],
  "Checks": { "TrustedCaFile": "$CERTS/root.pem", "BogonAllow": ["127.0.0.0/8"] },
  "Store": { "Path": "$2", "UnsyncedHoldLimit": "00:00:01" },
  "Sink": { "Kind": "influx2", "Url": "$3", "Org": "probe", "Bucket": "probe" },
  "Leds": { "Driver": "none" } } }
JSON
}
