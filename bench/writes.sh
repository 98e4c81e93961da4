#!/usr/bin/env bash
# Disk writes per day of the store at the daemon's default cadence (sentinel pass every 10 s, health every minute,
# upload every 15 s, a round every 5 min), through the real SqliteResultStore (bench/fill --cadence), in real time
# for MINUTES and scaled to a day. Each store runs in its own loop-mounted ext4 image (4 KiB blocks, as an SD card's
# filesystem) and two figures are printed: /proc/self/io write_bytes of the process (what probe_health's
# disk_write_bytes_total reports) and the sectors the filesystem sent to the loop device (/sys/block/loopN/stat,
# ext4's journal included, from the synced end of the warm-up to the synced end of the cadence, the closing checkpoint
# left out: a day pays it once per 4 MiB of WAL): the latter is what the card receives.
# BEFORE=DIR runs a second fill tool built from another commit beside this one, at the same time. STAGED=1 runs this
# build a second time beside, as the daemon runs it: first commits on a stage on its own tmpfs, moved to the card
# every Store.MoveInterval (PROBE_BENCH_MOVE=S to change it), the upload woken by each move (PROBE.md section 5).
# MOUNT_OPTS (default "defaults") mounts both images with those options (e.g. lazytime); MKFS_OPTS adds mkfs.ext4
# options (e.g. "-O ^has_journal" to see the journal's share). WARM=N appends N rows first (default 40000: a daemon in
# service has a WAL long grown to its checkpoint size; WARM=0 measures a fresh file).
# Usage (root): [BEFORE=dir-with-probe-bench-fill] [STAGED=1] [SYNCED=1] bench/writes.sh [MINUTES=10] [ROUND=321] [SENTINEL=7]
source "$(dirname "$0")/lib.sh"
MINUTES="${1:-10}"; ROUND="${2:-321}"; SENTINEL="${3:-7}"
[ "$(id -u)" = 0 ] || die "bench/writes.sh needs root (losetup, mount)"
build_fill
DIR=$(mktemp -d /var/tmp/probe-writes.XXXXXX)
cleanup() {
  for m in "$DIR"/mnt-* "$DIR"/stage; do umount "$m" 2>/dev/null; done
  # run() is a background subshell: its LOOPS never reach this one, so find the loops by their image.
  for i in "$DIR"/*.img; do for l in $(losetup -j "$i" | cut -d: -f1); do losetup -d "$l" 2>/dev/null; done; done
  rm -rf "$DIR"
}
trap cleanup EXIT
run() { # name fill-binary [stage path]
  local name="$1" fill="$2" stage="${3:-}" img="$DIR/$1.img" mnt="$DIR/mnt-$1" loop s0 s1
  truncate -s 256M "$img"; mkfs.ext4 -q -F -b 4096 ${MKFS_OPTS:-} "$img"; mkdir -p "$mnt"
  loop=$(losetup -f --show "$img")
  mount -o "${MOUNT_OPTS:-defaults}" "$loop" "$mnt"
  local stat="/sys/block/${loop#/dev/}/stat" pid
  # The window: from the end of the warm-up (synced) to the end of the cadence (synced), before the closing checkpoint.
  env PROBE_BENCH_MARKS=1 PROBE_BENCH_STAGE="$stage" ${4:-} "$fill" --cadence "$mnt/store.db" "$MINUTES" "$ROUND" "$SENTINEL" "${SYNCED:-1}" "${WARM:-40000}" \
    >"$DIR/$name.out" 2>"$DIR/$name.err" & pid=$!
  until grep -q '^warm' "$DIR/$name.err" 2>/dev/null; do kill -0 $pid 2>/dev/null || break; sleep 0.2; done
  sync; s0=$(awk '{print $7}' "$stat")
  until grep -q '^steady' "$DIR/$name.err" 2>/dev/null; do kill -0 $pid 2>/dev/null || break; sleep 0.2; done
  sync; s1=$(awk '{print $7}' "$stat")
  wait $pid
  echo "$(cat "$DIR/$name.out") device_mb_per_day=$(python3 -c "print(round(($s1-$s0)*512*1440/$MINUTES/1e6,1))")" >"$DIR/$name.res"
}
echo "running the store at the default cadence for $MINUTES min (rounds of $ROUND, sentinel passes of $SENTINEL)..." >&2
run after "$FILL" &
A=$!
if [ -n "${BEFORE:-}" ]; then run before "$BEFORE/probe-bench-fill" & B=$!; fi
if [ "${STAGED:-0}" = 1 ]; then
  mkdir -p "$DIR/stage"; mount -t tmpfs -o size=64m probe-stage "$DIR/stage"
  run staged "$FILL" "$DIR/stage/stage.db" & C=$!
  # STAGED_ENV="VAR=value": a second staged run beside with that setting (e.g. PROBE_BENCH_POLL=0, PROBE_BENCH_MOVE=300).
  if [ -n "${STAGED_ENV:-}" ]; then run staged2 "$FILL" "$DIR/stage/stage2.db" "$STAGED_ENV" & D=$!; fi
fi
wait $A; [ -n "${B:-}" ] && wait "$B"; [ -n "${C:-}" ] && wait "$C"; [ -n "${D:-}" ] && wait "$D"
[ -n "${BEFORE:-}" ] && echo "before: $(cat "$DIR/before.res")"
[ "${STAGED:-0}" = 1 ] && echo "staged: $(cat "$DIR/staged.res")"
[ -n "${STAGED_ENV:-}" ] && echo "staged, $STAGED_ENV: $(cat "$DIR/staged2.res")"
echo "this build: $(cat "$DIR/after.res")"
