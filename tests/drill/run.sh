#!/usr/bin/env bash
# Shutdown drills (issue 5): the real `probe run` inside a private network namespace, against real
# dnsmasq, nginx and VictoriaMetrics, while nftables plays each disruption. Needs root (network
# namespace, nftables) and the Debian packages ./test.sh installs. Nothing touches the host's network.
#
# Usage: tests/drill/run.sh        all scenarios, then writes tests/drill/RESULTS.md
#        tests/drill/run.sh 4      one scenario (1-8, 10 = throttling; 9 = stop and final upload)
set -euo pipefail
cd "$(dirname "$0")/../.."

scenario="${1:-}"
filter="TestCategory=Drill&FullyQualifiedName~Probe.Tests.Drills."
if [[ -n "$scenario" ]]; then
  [[ "$scenario" =~ ^([1-9]|10)$ ]] || { echo "usage: $0 [1-10]" >&2; exit 64; }
  filter="$filter&Name~Drill${scenario}_"
fi

command -v dotnet >/dev/null || { echo "dotnet SDK 10 is required" >&2; exit 2; }
echo "building…"
dotnet build tests/Probe.Tests -c Release -nologo -v quiet 2>&1 | grep -Ev 'NU1603|^\s*$' || true

out=tests/Probe.Tests/bin/Release/net10.0
rm -rf "$out/drill-artifacts"
results=$(mktemp -d "${TMPDIR:-/tmp}/probe-drill.XXXXXX")
set +e
dotnet test tests/Probe.Tests -c Release --no-build --nologo --filter "$filter" \
  --logger "console;verbosity=normal" --logger "trx;LogFilePrefix=drill" --results-directory "$results"
status=$?
set -e

table="$out/drill-artifacts/drill-results.md"
echo
if [[ -f "$table" ]]; then
  cat "$table"
  [[ -z "$scenario" ]] && cp "$table" tests/drill/RESULTS.md && echo "written to tests/drill/RESULTS.md"
else
  echo "no results table: the drill world did not start (see the test output above)"
fi
if [[ -d "$out/drill-artifacts" ]]; then
  cp -r "$out/drill-artifacts" "$results/drill-artifacts"
  echo "logs, exports and VictoriaMetrics read-backs per scenario: $results/drill-artifacts (and the TRX beside it)"
fi
exit $status
