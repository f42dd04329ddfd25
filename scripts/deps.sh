#!/usr/bin/env bash
# Installs the Debian 12 packages dctwin needs to build, test and run. Uses sudo when not root.
# Skips apt entirely when everything is already installed.
#   scripts/deps.sh          what the build, the tests and the sanitizer suite need
#   scripts/deps.sh --fuzz   also clang and its libFuzzer runtime (scripts/fuzz.sh)
#   scripts/deps.sh --list   print the package list (read by scripts/check-deps.sh)
set -euo pipefail

# The list is also read by scripts/check-deps.sh (run by .ci/run), which fails when the build uses
# a CMake package or links a library from a Debian package that this list does not pull in.
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libgl-dev
  libeigen3-dev nlohmann-json3-dev libcli11-dev
  libsqlite3-dev sqlite3
  libbenchmark-dev libsuitesparse-dev
  libvtk9-dev qt6-charts-dev qt6-svg-dev libxlsxwriter-dev
  poppler-utils unzip
  xvfb xauth
  clang-format
)

# clang for the libFuzzer targets (tests/fuzz); the fuzzer and sanitizer runtimes are only a
# Recommends of clang, which --no-install-recommends leaves out.
FUZZ_PACKAGES=(clang libclang-rt-14-dev)
if [ "${1:-}" = "--fuzz" ]; then
  PACKAGES+=("${FUZZ_PACKAGES[@]}")
fi

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${PACKAGES[@]}"
  exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "dctwin: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "dctwin: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
