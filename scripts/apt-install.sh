#!/usr/bin/env bash
# Sourced by the ensure-*.sh scripts: installs Debian packages for a tool the tests use, when this machine
# allows it (apt-get present, root or password-less sudo, KAFKA_TESTBED_NO_APT not 1). Never fatal.
#   apt_install TOOL FALLBACK PACKAGE...   TOOL names what is missing in messages; FALLBACK says what the tests
#                                          do without it. Returns 1 when nothing was installed.
apt_install() {
  local tool="$1" fallback="$2"
  shift 2
  local say_tool=(printf "[$tool] %s\n")
  if [[ "${KAFKA_TESTBED_NO_APT:-}" == "1" ]]; then
    "${say_tool[@]}" "$tool not found and KAFKA_TESTBED_NO_APT=1; $fallback" >&2
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    "${say_tool[@]}" "$tool not found and this is not a Debian/Ubuntu machine; $fallback" >&2
    "${say_tool[@]}" "Install $* with your package manager to use it." >&2
    return 1
  fi
  local sudo_cmd=()
  if [[ "$(id -u)" != "0" ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo_cmd=(sudo -n)
    else
      "${say_tool[@]}" "$tool not found; not root and no password-less sudo, so not installing it (apt-get install -y $*); $fallback" >&2
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${say_tool[@]}" "installing $* with apt-get" >&2
  # The package lists may be missing on a fresh image: refresh them only when the package has no candidate.
  if [[ "$(apt-cache policy "$1" 2>/dev/null)" != *"Candidate: "[0-9]* ]]; then
    "${sudo_cmd[@]}" apt-get update -qq >/dev/null 2>&1 || "${say_tool[@]}" "apt-get update failed; trying the install anyway" >&2
  fi
  if ! "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; then
    "${say_tool[@]}" "could not install $* with apt-get; $fallback" >&2
    return 1
  fi
}
