#!/bin/bash
# Runs one maintainer script of the probe package as dpkg would, but hermetically: inside a
# private mount namespace (unshare --mount) with empty tmpfs over /etc, /var/lib and /var/cache,
# and with the user, group and systemd tools replaced by shims that log their calls and keep
# users and groups in $STATE. Nothing on the host changes.
# Usage: maintainer-harness.sh STATE SCRIPT ARGS...   (as root)
set -euo pipefail
state=$1; script=$2; shift 2
shims=$state/shims
mkdir -p "$shims"
touch "$state/log" "$state/groups" "$state/users" "$state/members"
if [[ ! -d $state/etc ]]; then
  mkdir -p "$state/etc/probe" "$state/var-lib/probe" "$state/var-cache/probe"
  # install -o root needs to resolve root; the shims answer for probe and gpio.
  cp /etc/passwd /etc/group /etc/nsswitch.conf "$state/etc/"
fi

shim() { printf '#!/bin/bash\necho "$(basename "$0") $*" >> "%s/log"\n%s\n' "$state" "$2" > "$shims/$1"; chmod +x "$shims/$1"; }
shim getent 'case "$1" in group) grep -qx "$2" "'"$state"'/groups" ;; passwd) grep -qx "$2" "'"$state"'/users" ;; *) exit 2 ;; esac || exit 2'
shim addgroup 'echo "${@: -1}" >> "'"$state"'/groups"'
shim adduser 'if [[ " $* " == *" --system "* ]]; then echo "${@: -1}" >> "'"$state"'/users"; else echo "${@: -2:1}:${@: -1}" >> "'"$state"'/members"; fi'
shim id 'printf "%s" "${@: -1}"; grep "^${@: -1}:" "'"$state"'/members" | cut -d: -f2 | while read -r g; do printf " %s" "$g"; done; echo'
shim deb-systemd-helper 'exit 0'
shim deb-systemd-invoke 'exit 0'
shim systemctl 'exit 0'

# The state tree stands in for /etc, /var/lib and /var/cache for the length of one script run.
exec unshare --mount -- /bin/bash -c '
  set -e
  mount --bind "$1/etc" /etc
  mount --bind "$1/var-lib" /var/lib
  mount --bind "$1/var-cache" /var/cache
  script=$2; shift 2
  PATH="$0:/usr/sbin:/usr/bin:/sbin:/bin" /bin/sh "$script" "$@"
' "$shims" "$state" "$script" "$@"
