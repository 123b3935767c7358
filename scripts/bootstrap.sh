#!/usr/bin/env bash
# Installs the Debian packages coachkit needs to build and test, and only those that are missing.
# Idempotent: a second run installs nothing and says so. apt only; no other downloads.
#   scripts/bootstrap.sh        what every build needs
#   scripts/bootstrap.sh fuzz   that, and clang with its runtimes for the libFuzzer build
#                               (the fuzz preset; tests/fuzz/README.md)
set -euo pipefail

# Keep this list in step with DEVELOPERS.md. libboost1.81-dev, not libboost-dev: the unversioned
# package pulls in Boost 1.74 beside it.
packages=(
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev
  pybind11-dev python3-dev python3-pytest python3-jsonschema python3-pandas
  libsqlite3-dev libssl-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  clang-format
)

case "${1:-}" in
  "") ;;
  fuzz) packages+=(clang libclang-rt-14-dev) ;;  # libFuzzer and the sanitizer runtimes
  *) echo "usage: scripts/bootstrap.sh [fuzz]" >&2; exit 2 ;;
esac

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "bootstrap: all ${#packages[@]} required packages are installed"
  exit 0
fi

echo "bootstrap: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "bootstrap: done"
