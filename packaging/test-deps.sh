#!/usr/bin/env bash
# Installs what the packaging tests (tests/Probe.Packaging.Tests, category Integration) need
# on a fresh Debian 12 machine: lintian; clang, lld, llvm (llvm-objcopy) and Debian's arm64 cross libc
# for the NativeAOT publish of both architectures (build-deb.sh cross-compiles arm64 from x64); and
# Debian's qemu-user-static with the arm64 C and C++ runtime so the arm64 binary runs here.
# Idempotent; test.sh calls it before the tests.
set -euo pipefail
if [[ $(id -u) -ne 0 ]]; then sudo=sudo; else sudo=; fi
missing=()
command -v lintian >/dev/null || missing+=(lintian)
command -v dpkg-deb >/dev/null || missing+=(dpkg)
command -v systemd-analyze >/dev/null || missing+=(systemd)
command -v qemu-aarch64-static >/dev/null || missing+=(qemu-user-static)
command -v clang >/dev/null || missing+=(clang)
command -v ld.lld >/dev/null || missing+=(lld)
command -v llvm-objcopy >/dev/null || missing+=(llvm)
dpkg -s libc6-dev >/dev/null 2>&1 || missing+=(libc6-dev)
dpkg -s libc6-dev-arm64-cross >/dev/null 2>&1 || missing+=(libc6-dev-arm64-cross)
dpkg -s libgcc-12-dev-arm64-cross >/dev/null 2>&1 || missing+=(libgcc-12-dev-arm64-cross)
if [[ ! -e /lib/ld-linux-aarch64.so.1 ]] || ! dpkg -s libstdc++6:arm64 >/dev/null 2>&1; then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    $sudo dpkg --add-architecture arm64
  fi
  missing+=(libc6:arm64 libstdc++6:arm64)
fi
if ((${#missing[@]})); then
  echo "installing packaging test dependencies: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
