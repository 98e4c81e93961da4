# Shared helpers for the bench scripts (sourced, not run). Everything listens on loopback only.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/.out"
# PROBE_BIN runs another build of probe (e.g. bench/.out/probe-r2r/probe from startup.sh).
PROBE="${PROBE_BIN:-$OUT/probe/probe}"
FILL="$OUT/fill/probe-bench-fill"
CLK_TCK="$(getconf CLK_TCK)"
mkdir -p "$OUT"

# A scratch directory and the processes we start, all removed on exit (also on failure or Ctrl-C).
WORK="$(mktemp -d /tmp/probe-bench.XXXXXX)"
BENCH_PIDS=()
bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  [ "${KEEP_WORK:-0}" = 1 ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap bench_cleanup EXIT

die() { echo "cannot measure: $*" >&2; exit 2; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is missing (apt-get install $2)"; }

# Release builds of probe and the fill tool, once; FORCE_BUILD=1 rebuilds.
build_probe() {
  if [ ! -x "$PROBE" ] || [ "${FORCE_BUILD:-0}" = 1 ]; then
    echo "building probe (Release)..." >&2
    dotnet publish "$ROOT/src/Probe" -c Release -o "$OUT/probe" -nologo -v q >&2 || die "dotnet publish failed"
  fi
}
build_fill() {
  if [ ! -x "$FILL" ] || [ "${FORCE_BUILD:-0}" = 1 ]; then
    echo "building the fill tool (Release)..." >&2
    dotnet build "$BENCH_DIR/fill" -c Release -o "$OUT/fill" -nologo -v q >&2 || die "fill tool build failed"
  fi
}

# A free TCP port on a loopback address.
free_port() {
  python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1],0)); print(s.getsockname()[1])' "${1:-127.0.0.1}"
}

wait_http() { # url [seconds]
  local i
  for i in $(seq 1 $(( ${2:-30} * 10 ))); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  die "$1 did not come up"
}

# Starts a command in the background, remembered for cleanup; sets LAST_PID.
start_bg() { # logfile cmd...
  local log="$1"; shift
  "$@" >"$log" 2>&1 &
  LAST_PID=$!
  BENCH_PIDS+=("$LAST_PID")
}

stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# VictoriaMetrics on loopback with a fresh data dir; sets VM_URL and VM_PID.
start_vm() { # name
  need victoria-metrics victoria-metrics
  local port; port="$(free_port)"
  start_bg "$WORK/vm-$1.log" victoria-metrics -storageDataPath="$WORK/vm-$1" -httpListenAddr="127.0.0.1:$port" \
    -dedup.minScrapeInterval=1ms -search.disableCache -retentionPeriod=100y
  VM_PID=$LAST_PID
  VM_URL="http://127.0.0.1:$port"
  wait_http "$VM_URL/health"
}

# Number of probe_check points VictoriaMetrics holds (one total_ms sample per check result).
vm_count() { # url
  curl -fsS "$1/internal/force_flush" >/dev/null
  curl -fsS "$1/api/v1/query" --data-urlencode 'query=sum(count_over_time(probe_check_total_ms[1d]))' \
    | jq -r '.data.result[0].value[1] // "0"'
}

peak_rss_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# dnsmasq on ADDRESS:PORT answering NAME=ADDR host records (and nothing else); sets DNS_PID.
start_dnsmasq() { # name address port host-record...
  need dnsmasq dnsmasq-base
  local name="$1" address="$2" port="$3"; shift 3
  local records=() r
  for r in "$@"; do records+=("--host-record=$r"); done
  start_bg "$WORK/dnsmasq-$name.log" ${NETNS_EXEC:-} dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts \
    --no-negcache --listen-address="$address" --bind-interfaces --port="$port" --user=root --pid-file= \
    --log-facility=- "${records[@]}" "${DNSMASQ_EXTRA[@]:-}"
  DNS_PID=$LAST_PID
}

# nginx (one worker) answering 200 with a small page on every ADDRESS:PORT given; sets NGINX_PID.
start_nginx() { # name port address...
  need nginx nginx
  local name="$1" port="$2"; shift 2
  local dir="$WORK/nginx-$name" listens="" a
  mkdir -p "$dir/tmp"; chmod 777 "$dir/tmp"
  for a in "$@"; do
    listens+="    listen $a:$port;"$'\n'
    # NGINX_TLS_PORT (with NGINX_TLS_CHAIN and NGINX_TLS_KEY): the same page over https on that port too.
    if [ -n "${NGINX_TLS_PORT:-}" ]; then listens+="    listen $a:$NGINX_TLS_PORT ssl;"$'\n'; fi
  done
  if [ -n "${NGINX_TLS_PORT:-}" ]; then
    listens+="    ssl_certificate $NGINX_TLS_CHAIN; ssl_certificate_key $NGINX_TLS_KEY; ssl_protocols TLSv1.2 TLSv1.3;"$'\n'
  fi
  head -c 2048 /dev/zero | tr '\0' 'x' >"$dir/index.html"
  cat >"$dir/nginx.conf" <<CONF
user root; daemon off; worker_processes 1; pid $dir/nginx.pid; error_log $dir/error.log;
events { worker_connections 256; }
http {
  access_log off; client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
  server {
$listens    root $dir; location / { index index.html; }
  }
}
CONF
  start_bg "$WORK/nginx-$name.log" ${NETNS_EXEC:-} nginx -c "$dir/nginx.conf" -p "$dir"
  NGINX_PID=$LAST_PID
}

# probe_check rows by kind in a store: "kind count" lines.
checks_by_kind() { # store
  sqlite3 -readonly "$1" "SELECT json_extract(s.tags,'\$.kind'), count(*) FROM records r JOIN series s ON s.id = r.series_id
    WHERE s.measurement = 'probe_check' GROUP BY 1 ORDER BY 1" | tr '|' ' '
}

# Loopback http targets for `probe run`: per group (national 127.1.0.1, international 127.2.0.1, platform 127.3.0.1)
# PER_GROUP hosts tN.GROUP.test on WEB_PORT; the first SENTINELS national and international ones are sentinels;
# platform targets are grouped PER_PLATFORM to a platform. Sets `records` (dnsmasq host-records) and `items` (JSON).
make_http_targets() { # per_group sentinels per_platform web_port
  local per="$1" sentinels="$2" per_platform="$3" port="$4" g ip i host extra sentinel
  records=(); items=""
  for g in national international platform; do
    case $g in national) ip=127.1.0.1;; international) ip=127.2.0.1;; platform) ip=127.3.0.1;; esac
    for i in $(seq 1 "$per"); do
      host="t$i.$g.test"; records+=("$host,$ip")
      extra=""; [ $g = platform ] && extra=", \"Platform\": \"p$(( (i - 1) / per_platform + 1 ))\""
      sentinel=false; [ "$i" -le "$sentinels" ] && [ $g != platform ] && sentinel=true
      items+="{ \"Name\": \"$g-$i\", \"Url\": \"http://$host:$port/\", \"Group\": \"$g\", \"Sentinel\": $sentinel$extra },"
    done
  done
}

# A test CA like a real site's chain: a root (CERTS/root.pem, given as TrustedCaFile or ca_file), an RSA-2048
# intermediate and one RSA-2048 leaf naming every host given (CERTS/leaf.key, CERTS/chain.pem = leaf + intermediate).
make_test_ca() { # dir host...
  need openssl openssl
  local certs="$1" san="" h; shift
  mkdir -p "$certs"
  for h in "$@"; do san+="${san:+,}DNS:$h"; done
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/O=Probe Bench Trust/CN=Probe Bench Root CA" \
    -keyout "$certs/root.key" -out "$certs/root.pem" -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/O=Probe Bench Trust/CN=Probe Bench TLS RSA CA" \
    -keyout "$certs/int.key" -out "$certs/int.csr" 2>/dev/null
  printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nextendedKeyUsage=serverAuth\n' >"$certs/int.ext"
  openssl x509 -req -in "$certs/int.csr" -CA "$certs/root.pem" -CAkey "$certs/root.key" -CAcreateserial -days 2 \
    -extfile "$certs/int.ext" -out "$certs/int.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$certs/leaf.key" -out "$certs/leaf.csr" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=critical,CA:FALSE\n' "$san" >"$certs/leaf.ext"
  openssl x509 -req -in "$certs/leaf.csr" -CA "$certs/int.pem" -CAkey "$certs/int.key" -CAcreateserial -days 2 \
    -extfile "$certs/leaf.ext" -out "$certs/leaf.pem" 2>/dev/null
  cat "$certs/leaf.pem" "$certs/int.pem" >"$certs/chain.pem"
}
