#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with its own unlocked gnome-keyring, so keychain
# tests talk to a real Secret Service and never to the developer's own keyring.
# Usage: test/keychain/with-keyring.sh COMMAND [ARGS...]
set -euo pipefail

if [ -z "${KEYLESS_TEST_KEYRING:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null; then
      echo "with-keyring: $tool is missing; install the Debian packages dbus and gnome-keyring (see .ci/run)." >&2
      exit 127
    fi
  done
  keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/keyless-keyring.XXXXXX")
  trap 'rm -rf "$keyring_home"' EXIT
  # Not exec: the trap removes the throwaway keyring afterwards.
  KEYLESS_TEST_KEYRING="$keyring_home" dbus-run-session -- "$0" "$@"
  exit $?
fi

# Inside the private bus: keyring files go to a throwaway directory, unlocked with a throwaway password.
export XDG_DATA_HOME="$KEYLESS_TEST_KEYRING/data"
export XDG_RUNTIME_DIR="$KEYLESS_TEST_KEYRING/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'keyless-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
