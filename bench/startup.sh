#!/usr/bin/env bash
# Start-up: exec -> the first (and only) round printed by `probe check --no-store`, against one loopback target
# (nginx + dnsmasq). x64 framework-dependent, self-contained (JIT), self-contained ReadyToRun, NativeAOT (the
# shipped build), and the arm64 NativeAOT build under qemu-user as a ratio.
# Usage: bench/startup.sh [RUNS=10]
source "$(dirname "$0")/lib.sh"
RUNS="${1:-${RUNS:-10}}"
need curl curl
build_probe

DNS_PORT=$(free_port 127.0.0.53); WEB_PORT=$(free_port 127.1.0.1)
start_dnsmasq sys 127.0.0.53 "$DNS_PORT" "www.national.test,127.1.0.1"
start_nginx web "$WEB_PORT" 127.1.0.1
wait_http "http://127.1.0.1:$WEB_PORT/"
cat >"$WORK/probe.json" <<JSON
{ "Probe": { "Id": "bench-01",
  "Gateway": { "Address": "127.0.0.1", "Ports": [1] },
  "Resolvers": [ { "Name": "system", "Address": "127.0.0.53:$DNS_PORT" } ],
  "Targets": { "UseDefaults": false, "Items": [ { "Name": "national", "Url": "http://www.national.test:$WEB_PORT/", "Group": "national" } ] },
  "Checks": { "Timeout": "00:00:03", "BogonAllow": ["127.0.0.0/8"] },
  "Store": { "Path": "$WORK/results.db" }, "Sink": { "Kind": "none" }, "Leds": { "Driver": "none" } } }
JSON

# Median wall seconds of RUNS runs of the command (hyperfine when installed, else a loop with date).
median_s() { # label cmd...
  local label="$1"; shift
  "$@" check --no-store --config "$WORK/probe.json" >"$WORK/$label.first" 2>&1 || { echo "  $label: $* failed: $(tail -2 "$WORK/$label.first")" >&2; echo "n/a"; return; }
  grep -q "national" "$WORK/$label.first" || { echo "  $label: no result printed" >&2; echo "n/a"; return; }
  if command -v hyperfine >/dev/null; then
    hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/$label.json" \
      "$* check --no-store --config $WORK/probe.json" >/dev/null 2>&1 || { echo "n/a"; return; }
    jq -r '.results[0].median' "$WORK/$label.json"
  else
    local i t0 t1
    for i in $(seq 1 "$RUNS"); do
      t0=$(date +%s.%N); "$@" check --no-store --config "$WORK/probe.json" >/dev/null 2>&1; t1=$(date +%s.%N)
      echo "$t1 - $t0" | bc -l
    done | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
  fi
}

publish() { # dir args...
  local dir="$1"; shift
  if [ ! -x "$OUT/$dir/probe" ] || [ "${FORCE_BUILD:-0}" = 1 ]; then
    echo "publishing $dir..." >&2
    dotnet publish "$ROOT/src/Probe" -c Release -o "$OUT/$dir" -nologo -v q "$@" >"$WORK/publish-$dir.log" 2>&1 || return 1
  fi
}

FDD=$(median_s fdd "$PROBE")
R2R="n/a"; R2R_NOTE=""
if publish probe-r2r -r linux-x64 --self-contained -p:PublishAot=false -p:PublishReadyToRun=true; then
  R2R=$(median_s r2r "$OUT/probe-r2r/probe")
else R2R_NOTE="self-contained ReadyToRun publish failed: $(grep -m1 error "$WORK/publish-probe-r2r.log")"; fi
SC="n/a"
if publish probe-sc -r linux-x64 --self-contained -p:PublishAot=false; then SC=$(median_s sc "$OUT/probe-sc/probe"); fi
AOT="n/a"; AOT_NOTE=""
if publish probe-aot -r linux-x64; then AOT=$(median_s aot "$OUT/probe-aot/probe")
else AOT_NOTE="NativeAOT publish failed (needs clang): $(grep -m1 error "$WORK/publish-probe-aot.log")"; fi

# arm64: the shipped NativeAOT build (cross-compiled: clang, lld, libc6-dev-arm64-cross), run by qemu-user against
# Debian's arm64 libc; a ratio only. (The JIT builds do not run under qemu-user: dotnet/runtime#13648.)
ARM="n/a"; ARM_X64=""; ARM_NOTE=""
QEMU=$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)
if [ -z "$QEMU" ]; then ARM_NOTE="skipped: qemu-user-static not installed"
elif [ ! -d /usr/aarch64-linux-gnu ] && [ ! -e /lib/ld-linux-aarch64.so.1 ]; then ARM_NOTE="skipped: arm64 cross libc missing (apt-get install clang lld libc6-dev-arm64-cross libgcc-12-dev-arm64-cross)"
elif ! publish probe-arm64 -r linux-arm64 -p:PublishAot=true; then ARM_NOTE="skipped: arm64 publish failed: $(grep -m1 error "$WORK/publish-probe-arm64.log")"
else
  # Emulated start-up can take minutes, or hang: bounded by ARM_TIMEOUT seconds per run.
  # Debian's multiarch arm64 libc (libc6:arm64, as packaging/test-deps.sh installs) when present: with
  # `-L /usr/aarch64-linux-gnu` (the cross libc) qemu-user spins without output, even for the NativeAOT build.
  QEMU_L="-L /usr/aarch64-linux-gnu"; [ -e /lib/ld-linux-aarch64.so.1 ] && QEMU_L=""
  printf '#!/bin/sh\nexec timeout %s %s %s %s "$@"\n' "${ARM_TIMEOUT:-120}" "$QEMU" "$QEMU_L" "$OUT/probe-arm64/probe" >"$WORK/probe-arm64"
  chmod +x "$WORK/probe-arm64"
  ARM=$(RUNS=$(( RUNS < 3 ? RUNS : 3 )) median_s arm64 "$WORK/probe-arm64")
  [ "$ARM" = n/a ] && ARM_NOTE="arm64 under qemu gave no result within ${ARM_TIMEOUT:-120} s: $(tail -1 "$WORK/arm64.first")"
fi

ms() { [ "$1" = n/a ] && echo n/a || printf '%.0f' "$(echo "$1 * 1000" | bc -l)"; }
printf '\nStart-up: exec -> first result of `probe check --no-store` (one loopback target: gateway, dns, tcp, http), median of %d runs\n' "$RUNS"
printf '| %-46s | %10s | %12s |\n' "build" "median ms" "ratio to FDD"
printf '|%s|%s|%s|\n' "------------------------------------------------" "------------" "--------------"
row() { local r="n/a"; [ "$2" != n/a ] && [ "$FDD" != n/a ] && r=$(printf '%.2f' "$(echo "$2 / $FDD" | bc -l)"); printf '| %-46s | %10s | %12s |\n' "$1" "$(ms "$2")" "$r"; }
row "x64 framework-dependent (dotnet publish)" "$FDD"
row "x64 self-contained" "$SC"
row "x64 self-contained ReadyToRun" "$R2R"
row "x64 NativeAOT (shipped)" "$AOT"
row "arm64 NativeAOT under qemu-user" "$ARM"
[ -n "$R2R_NOTE" ] && echo "note: $R2R_NOTE"
[ -n "$AOT_NOTE" ] && echo "note: $AOT_NOTE"
[ -n "$ARM_NOTE" ] && echo "note: $ARM_NOTE"
echo "(the arm64 figure is emulation on this x64 host: only its ratio means anything, and not much)"
[ "$FDD" != n/a ] || exit 2
