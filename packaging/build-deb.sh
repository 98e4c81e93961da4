#!/usr/bin/env bash
# Builds the Debian packages of probe with dpkg-deb and checks them with lintian:
#   out/deb/probe_<version>_arm64.deb  (Raspberry Pi OS 64-bit, Pi 3/4/5, Zero 2 W)
#   out/deb/probe_<version>_amd64.deb
# Each holds what `dotnet publish src/Probe -c Release -r <rid>` produces — the NativeAOT binary
# and SQLite's libe_sqlite3.so beside it, in /usr/lib/probe, with /usr/bin/probe pointing there —,
# the systemd unit, the default config (a conffile) and the maintainer scripts.
# Usage: packaging/build-deb.sh [--arch arm64|amd64]... [--output DIR] [--no-lintian]
# Needs: dotnet SDK 10, dpkg-deb, lintian, clang, llvm (llvm-strip); for arm64 on x64 also lld and
# Debian's arm64 cross libc (packaging/test-deps.sh installs them all).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
here=$root/packaging
output=$root/out/deb
archs=()
run_lintian=yes
while (($#)); do
  case $1 in
    --arch) archs+=("$2"); shift 2 ;;
    --output) output=$2; shift 2 ;;
    --no-lintian) run_lintian=no; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
((${#archs[@]})) || archs=(arm64 amd64)

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n1)
changelog_version=$(sed -n '1s/^probe (\([^)]*\)).*/\1/p' "$here/debian/changelog")
if [[ $version != "$changelog_version" ]]; then
  echo "version $version (Directory.Build.props) has no entry in packaging/debian/changelog (top: $changelog_version)" >&2
  exit 1
fi

mkdir -p "$output"
output=$(cd "$output" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/probe-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT

for arch in "${archs[@]}"; do
  case $arch in
    arm64) rid=linux-arm64 elf_machine=aarch64 ;;
    amd64) rid=linux-x64 elf_machine=x86-64 ;;
    *) echo "unsupported architecture: $arch (arm64 or amd64)" >&2; exit 2 ;;
  esac
  echo "== $arch: dotnet publish -r $rid"
  # A separate artifacts path keeps this publish from touching the worktree's bin/ and obj/.
  dotnet publish "$root/src/Probe" -c Release -r "$rid" -nologo -v quiet \
    --artifacts-path "$work/artifacts-$arch" -o "$work/publish-$arch" 2>&1 | grep -v NU1603 || true
  publish=$work/publish-$arch
  binary=$publish/probe
  [[ -x $binary ]] || { echo "publish for $rid produced no $binary" >&2; exit 1; }
  file "$binary" | grep -q "$elf_machine" || { echo "$binary is not an $arch program: $(file -b "$binary")" >&2; exit 1; }

  stage=$work/stage-$arch
  # The binary loads libe_sqlite3.so from its own directory (the symlink's target, not /usr/bin).
  install -D -m 0755 "$binary" "$stage/usr/lib/probe/probe"
  for file in "$publish"/*; do
    case ${file##*/} in
      probe) ;;
      # NuGet's build keeps its symbols; Debian policy wants shared libraries stripped (llvm-strip reads both
      # architectures, binutils' strip only the host's).
      *.so) install -m 0644 "$file" "$stage/usr/lib/probe/" && llvm-strip --strip-unneeded "$stage/usr/lib/probe/${file##*/}" ;;
      *) echo "unexpected file in the publish output: $file" >&2; exit 1 ;;
    esac
  done
  install -d -m 0755 "$stage/usr/bin"
  ln -s ../lib/probe/probe "$stage/usr/bin/probe"
  install -D -m 0644 "$root/systemd/probe.service" "$stage/lib/systemd/system/probe.service"
  install -D -m 0644 "$here/probe.json" "$stage/etc/probe/probe.json"
  install -D -m 0644 "$here/debian/copyright" "$stage/usr/share/doc/probe/copyright"
  install -d -m 0755 "$stage/usr/share/man/man1"
  gzip -9nc "$here/probe.1" > "$stage/usr/share/man/man1/probe.1.gz"
  chmod 0644 "$stage/usr/share/man/man1/probe.1.gz"
  install -D -m 0644 "$here/debian/lintian-overrides" "$stage/usr/share/lintian/overrides/probe"
  install -d -m 0755 "$stage/usr/share/doc/probe"
  gzip -9nc "$here/debian/changelog" > "$stage/usr/share/doc/probe/changelog.gz"
  chmod 0644 "$stage/usr/share/doc/probe/changelog.gz"
  # The unit's Documentation= points here: the project's PROBE.md once it exists, else these notes.
  readme=$root/PROBE.md
  [[ -f $readme ]] || readme=$here/PROBE-notes.md
  install -m 0644 "$readme" "$stage/usr/share/doc/probe/README.md"

  install -d -m 0755 "$stage/DEBIAN"
  for script in postinst prerm postrm; do
    install -m 0755 "$here/debian/$script" "$stage/DEBIAN/$script"
  done
  install -m 0644 "$here/debian/conffiles" "$stage/DEBIAN/conffiles"
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
    "$here/debian/control.in" > "$stage/DEBIAN/control"
  (cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
  chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"

  deb=$output/probe_${version}_${arch}.deb
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
  echo "built $deb ($(du -h "$deb" | cut -f1); binary $(du -h "$binary" | cut -f1))"

  if [[ $run_lintian == yes ]]; then
    command -v lintian >/dev/null || { echo "lintian is missing: apt-get install lintian" >&2; exit 1; }
    allow_root=()
    [[ $(id -u) -ne 0 ]] || allow_root=(--allow-root)
    # Fails on errors only; warnings and infos are printed for the record.
    lintian "${allow_root[@]}" --fail-on error --info "$deb"
    echo "lintian: no errors in $(basename "$deb")"
  fi
done
