#!/usr/bin/env bash
# Installs exactly the Debian packages scrutiny needs that are missing.
# Idempotent and quick when everything is present; runs `apt-get update` only
# when it has something to install. Needs root (or sudo) only then.
set -euo pipefail

# Build and run time.
PACKAGES=(
  build-essential cmake pkg-config
  libxapian-dev libpoppler-cpp-dev libpoppler-private-dev libicu-dev libboost-test-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libgumbo-dev libxxhash-dev
  zlib1g-dev  # bench/gen_corpus compresses PDF content streams
  libjemalloc-dev  # the index writer's allocator (cli/CMakeLists.txt)
)
# Tests also generate hostile PDFs and inspect the index with Xapian's tools;
# bench/report is a test of bench/report.py.
if [[ "${1:-}" == "--test" ]]; then
  PACKAGES+=(qpdf poppler-utils xapian-tools python3)
fi
# scripts/fuzz.sh builds the extraction fuzzer with clang's libFuzzer.
if [[ "${1:-}" == "--fuzz" ]]; then
  PACKAGES+=(clang libclang-rt-14-dev)
fi
# Benchmarks compare against Omega and bare pdftotext.
if [[ "${1:-}" == "--bench" ]]; then
  PACKAGES+=(qpdf poppler-utils xapian-tools xapian-omega python3 time bc)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
