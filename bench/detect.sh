#!/usr/bin/env bash
# Time to commit an international cut and a platform block, at the defaults (the 30 MB budget) and without a budget
# (Budget.DailyBytes 0, the behaviour before budgets), side by side: both variants run at once, PROBES fresh probes
# each, in one private network namespace (only `lo`: nothing can leave the machine) against the default catalog's
# real-sized world of bench/traffic.sh (bench/sites.sh). The probes of a variant start STAGGER seconds apart, so their
# lanes run at different phases and one disruption gives PROBES samples per variant. Each disruption is an nftables
# rule on the input hook (a dropped packet is sent and never answered, as on a real cut):
#   (a) international cut: every international and platform address and both reference resolvers dropped (the
#       national sites and the ISP resolver still answer);
#   (b) platform block: TLS interference on PLATFORM (default whatsapp): a TCP segment to port 443 of its addresses
#       that carries a TLS record (the ClientHello) is answered with a reset, as in June 2023; the connect still works.
# The time measured is from the rule's load (the bench's clock, just before `nft -f`) to the committed verdict's
# timestamp in each probe's own store (`probe export --format json`: the probe_verdict row with state
# international_cut or platform_block); the store is polled every POLL seconds until every probe has committed it.
# After each disruption the rule is lifted and the bench waits for every probe to commit online again: the recovery, from
# the rule's removal (the bench's clock, just after `nft delete`) to the committed online's timestamp, is reported in the
# same table (RECOVERY_PATIENCE seconds at most, default CUT_PATIENCE; the last block's recovery is not waited for).
# BEFORE_PROBE=path adds a third variant, "before": the defaults run by that binary (e.g. main's, published elsewhere),
# side by side with this tree's.
# CUTS international cuts (default 3) and BLOCKS platform blocks (default 1) are played, one after the other.
# Usage: bench/detect.sh [PROBES=3]
if [ "${PROBE_BENCH_IN_NETNS:-0}" != 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "cannot measure: needs root for unshare --net" >&2; exit 2; }
  exec env PROBE_BENCH_IN_NETNS=1 unshare --net -- bash "$0" "$@"
fi
source "$(dirname "$0")/lib.sh"
[ "${TRACE:-0}" = 1 ] && set -x
PROBES="${1:-${PROBES:-3}}"
CUTS="${CUTS:-3}"; BLOCKS="${BLOCKS:-1}"; STAGGER="${STAGGER:-180}"; POLL="${POLL:-2}"
PLATFORM="${PLATFORM:-whatsapp}"
# How long a probe may take to commit before the bench gives up on that sample (counted as missed, "n/a").
CUT_PATIENCE="${CUT_PATIENCE:-180}"; BLOCK_PATIENCE="${BLOCK_PATIENCE:-1500}"; RECOVERY_PATIENCE="${RECOVERY_PATIENCE:-$CUT_PATIENCE}"
need nft nftables; need jq jq; need sqlite3 sqlite3
build_probe
ip link set lo up
[ "$(ip -o link | grep -vc ': lo:')" = 0 ] || die "the namespace has an interface besides lo"
source "$BENCH_DIR/sites.sh"

# The addresses each disruption hits, from the catalog's groups.
addresses_of() { # jq filter on a target -> addresses, comma-separated
  jq -r --rawfile addrs "$WORK/host-addresses" '
    ($addrs | split("\n") | map(select(length > 0) | split(" ")) | map({(.[0]): .[1]}) | add) as $at
    | [.[] | select('"$1"') | $at[.host] // empty] | unique | join(", ")' "$WORK/targets.json"
}
ABROAD=$(addresses_of '.group == "international" or .group == "platform"')
BLOCKED=$(addresses_of ".platform == \"$PLATFORM\"")
[ -n "$BLOCKED" ] || die "no target of platform $PLATFORM in the catalog"
rule() { # cut | block -> the input-hook rule
  case "$1" in
    cut) echo "ip daddr { $ABROAD, 127.0.0.54, 127.0.0.55 } drop" ;;
    block) echo "ip daddr { $BLOCKED } tcp dport 443 @ih,0,8 0x16 reject with tcp reset" ;;
  esac
}
apply() { # rule text or empty (lifts every rule)
  nft delete table inet probedetect 2>/dev/null || true
  [ -z "$1" ] && return 0
  nft -f - <<NFT
table inet probedetect {
  chain input { type filter hook input priority 0; policy accept;
    $1
  }
}
NFT
}

start_vm detect
VARIANTS="today defaults${BEFORE_PROBE:+ before}"
[ -z "${BEFORE_PROBE:-}" ] || [ -x "$BEFORE_PROBE" ] || die "BEFORE_PROBE $BEFORE_PROBE is not an executable"
variant_config() { # name -> JSON merged over the bench's configuration
  case "$1" in
    today) echo '{"Probe":{"Budget":{"DailyBytes":0}}}' ;;
    defaults|before) echo '{}' ;;
  esac
}
variant_probe() { case "$1" in before) echo "$BEFORE_PROBE" ;; *) echo "$PROBE" ;; esac; }
PROBE_PIDS=()
start_probe() { # variant index
  local dir="$WORK/$1-$2"
  mkdir -p "$dir"
  probe_base_config "detect-$1-$2" "$dir/results.db" "$VM_URL" >"$dir/base.json"
  variant_config "$1" >"$dir/variant.json"
  jq -s '.[0] * .[1] * (.[2] // {})' "$dir/base.json" "$dir/variant.json" ${CONFIG:+"$CONFIG"} >"$dir/probe.json" \
    || die "CONFIG $CONFIG is not valid JSON"
  "$PROBE" config check --config "$dir/probe.json" >/dev/null || die "the configuration of $1-$2 is invalid"
  start_bg "$dir/probe-run.log" "$(variant_probe "$1")" run --config "$dir/probe.json"
  PROBE_PIDS+=("$LAST_PID")
}
PROBE_DIRS=()
for i in $(seq 1 "$PROBES"); do
  for v in $VARIANTS; do start_probe "$v" "$i"; PROBE_DIRS+=("$v-$i"); done
  echo "started probes $i of $PROBES ($VARIANTS)" >&2
  [ "$i" -lt "$PROBES" ] && sleep "$STAGGER"
done

iso() { date -u -d "@$(( $1 / 1000 )).$(printf '%03d' $(( $1 % 1000 )))" +%Y-%m-%dT%H:%M:%S.%3NZ; }
now_ms() { date +%s%3N; }
# The first committed verdict of STATE at or after SINCE_MS in a probe's store: its timestamp (ms), or nothing.
committed() { # dir state since_ms
  "$PROBE" export --format json --since "$(iso "$3")" --config "$WORK/$1/probe.json" 2>/dev/null \
    | jq -r --arg s "$2" --argjson t "$3" 'select(.measurement == "probe_verdict" and .fields.state == $s and .timestamp_ms >= $t) | .timestamp_ms' \
    | head -1
}
alive() { local p; for p in "${PROBE_PIDS[@]}"; do kill -0 "$p" 2>/dev/null || die "a probe exited: $(tail -3 "$WORK"/*/probe-run.log)"; done; }
# Waits until every probe committed STATE at or after SINCE_MS (or PATIENCE s passed); appends "dir ms|n/a" lines to OUTFILE.
await_all() { # state since_ms patience outfile
  local state="$1" since="$2" patience="$3" out="$4" d t begun
  begun=$(now_ms)
  declare -A seen=()
  while :; do
    alive
    for d in "${PROBE_DIRS[@]}"; do
      [ -n "${seen[$d]:-}" ] && continue
      t=$(committed "$d" "$state" "$since")
      [ -n "$t" ] && seen[$d]=$t
    done
    [ "${#seen[@]}" = "${#PROBE_DIRS[@]}" ] && break
    [ $(( $(now_ms) - begun )) -gt $(( patience * 1000 )) ] && break
    sleep "$POLL"
  done
  for d in "${PROBE_DIRS[@]}"; do
    if [ -n "${seen[$d]:-}" ]; then echo "$d $(( ${seen[$d]} - since ))"; else echo "$d n/a"; fi
  done >>"$out"
}

echo "waiting for every probe to commit online..." >&2
await_all online 0 600 "$WORK/start"
grep -q "n/a" "$WORK/start" && die "not every probe committed online: $(grep n/a "$WORK/start" | paste -sd' ')"
play() { # cut|block state patience count
  local kind="$1" state="$2" patience="$3" n="$4" k t0 t1
  for k in $(seq 1 "$n"); do
    # A fresh start after the last online: every lane at whatever phase it has reached.
    sleep "${SETTLE:-20}"
    t0=$(now_ms)
    echo "[$kind $k/$n] $(iso "$t0"): rule loaded; waiting for $state..." >&2
    apply "$(rule "$kind")"
    await_all "$state" "$t0" "$patience" "$WORK/$kind"
    tail -n "${#PROBE_DIRS[@]}" "$WORK/$kind" | paste -sd' ' >&2
    apply ""
    t1=$(now_ms)
    # The last platform block's recovery (up to a watch interval at the defaults) tells nothing more: not waited for.
    [ "$kind" = block ] && [ "$k" = "$n" ] && break
    echo "[$kind $k/$n] rule lifted; waiting for online..." >&2
    await_all online "$t1" "$RECOVERY_PATIENCE" "$WORK/$kind-recovery"
    tail -n "${#PROBE_DIRS[@]}" "$WORK/$kind-recovery" | paste -sd' ' >&2
  done
}
: >"$WORK/cut"; : >"$WORK/block"; : >"$WORK/cut-recovery"; : >"$WORK/block-recovery"  # CUTS=0 or BLOCKS=0: empty rows
play cut international_cut "$CUT_PATIENCE" "$CUTS"
play block platform_block "$BLOCK_PATIENCE" "$BLOCKS"
for p in "${PROBE_PIDS[@]}"; do stop_pid "$p"; done

# One row per disruption and variant: samples, median, max (seconds), missed.
stats() { # file variant -> "n median max missed"
  python3 - "$1" "$2" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.startswith(sys.argv[2] + "-")]
x = sorted(int(t) / 1000 for _, t in rows if t != "n/a")
missed = sum(1 for _, t in rows if t == "n/a")
print(len(x), "%.1f" % statistics.median(x) if x else "n/a", "%.1f" % x[-1] if x else "n/a", missed)
PY
}
samples() { awk -v v="$2" '$1 ~ "^" v "-" { printf "%s%s", (n++ ? " " : ""), ($2 == "n/a" ? "n/a" : sprintf("%.1f", $2 / 1000)) }' "$1"; }
printf '\nTime from the nft rule to the committed verdict in the probe'"'"'s store, default catalog and intervals%s, real-sized sites\n' "${CONFIG:+ with $CONFIG merged}"
printf '(%d probes per variant started %d s apart, run at once; %d international cuts, %d TLS blocks of %s; today = Budget.DailyBytes 0, defaults = the 30 MB budget%s)\n' \
  "$PROBES" "$STAGGER" "$CUTS" "$BLOCKS" "$PLATFORM" "${BEFORE_PROBE:+, before = the defaults run by $BEFORE_PROBE}"
printf '| %-44s | %-8s | %7s | %8s | %7s | %6s | %-40s | %6s |\n' "disruption (committed state)" variant samples "median s" "max s" missed "every sample, s" goal
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "----------------------------------------------" "----------" "---------" "----------" "---------" "--------" "------------------------------------------" "--------"
for kind in cut cut-recovery block block-recovery; do
  case $kind in
    cut) label="international cut (international_cut)"; goal="<= 30";;
    cut-recovery) label="cut lifted (online)"; goal="<= 30";;
    block) label="TLS block of $PLATFORM (platform_block)"; goal="<= 600";;
    block-recovery) [ -s "$WORK/block-recovery" ] || continue; label="block lifted (online)"; goal="-";;
  esac
  for v in $VARIANTS; do
    read -r n med max missed < <(stats "$WORK/$kind" "$v")
    printf '| %-44s | %-8s | %7s | %8s | %7s | %6s | %-40s | %6s |\n' "$label" "$v" "$n" "$med" "$max" "$missed" "$(samples "$WORK/$kind" "$v")" "$goal"
  done
done
echo "(a missed recovery took longer than RECOVERY_PATIENCE, $RECOVERY_PATIENCE s)"
