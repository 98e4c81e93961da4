#!/usr/bin/env bash
# Runs every test of probe on a fresh Debian machine: installs the Debian packages the
# tests start as real peers (dnsmasq, nginx, nftables, victoria-metrics, influxdb, …),
# builds, runs all test projects, and ends with one line:
#   tests: N passed, N failed, N skipped
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter TestCategory!=Drill]
set -euo pipefail
cd "$(dirname "$0")"

# Binaries the test fixtures start, and the Debian package that ships each.
declare -A needs=(
  [dnsmasq]=dnsmasq-base
  [nginx]=nginx
  [nft]=nftables
  [ip]=iproute2
  [unshare]=util-linux
  [victoria-metrics]=victoria-metrics
  [influxd]=influxdb
  [curl]=curl
  [openssl]=openssl
  [chromium]=chromium
  [dbus-daemon]=dbus-daemon
)
missing=()
for bin in "${!needs[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || [[ -x "/usr/sbin/$bin" || -x "/usr/bin/$bin" ]] || missing+=("${needs[$bin]}")
done
if ((${#missing[@]})); then
  echo "installing test dependencies: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  # Never let package scripts start the daemons: the tests start their own on loopback.
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  $sudo rm -f /usr/sbin/policy-rc.d
fi
# lintian, qemu-user-static and the arm64 C/C++ runtime for the packaging tests.
bash packaging/test-deps.sh
command -v dotnet >/dev/null || { echo "dotnet SDK 10 is required (https://dot.net)"; exit 2; }

results=$(mktemp -d "${TMPDIR:-/tmp}/probe-tests.XXXXXX")
dotnet build Probe.sln -c Release -nologo -v quiet 2>&1 | grep -Ev 'NU1603|^\s*$' || true
# One test project after the other: the packaging tests publish trimmed binaries (CPU-heavy),
# which must not starve the daemon's timing-sensitive tests running beside them on 2 cores.
status=0
set +e
# Probe.Packaging.Tests last: it builds the package and publishes for two architectures (slowest).
for project in tests/Probe.Tests tests/Probe.Gpio.Tests tests/Probe.Packaging.Tests; do
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFilePrefix=$(basename "$project")" --results-directory "$results" "$@" || status=$?
done
set -e

# Count outcomes from the TRX files (one per test project).
count() { # sums one attribute of the TRX <Counters> element over all result files
  local sum=0 v
  for v in $(grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*"); do sum=$((sum + v)); done
  echo "$sum"
}
passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(( $(count notExecuted) + $(count inconclusive) ))
echo "test results (TRX): $results"
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; echo "dotnet test exited $status"; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[[ $status -eq 0 && $failed -eq 0 ]]
