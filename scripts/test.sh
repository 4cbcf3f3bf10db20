#!/usr/bin/env bash
# Sets up a new machine, builds Dateline and runs the whole test suite (release build, then the
# unit tests again under AddressSanitizer + UBSan unless DATELINE_SKIP_SANITIZE=1).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure
if [ "${DATELINE_SKIP_SANITIZE:-0}" != 1 ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDATELINE_SANITIZE=ON -DDATELINE_BENCH=OFF >/dev/null
  cmake --build build-asan -j"$jobs" --target dateline_tests dateline_cli fuzz_annotate
  ctest --test-dir build-asan --output-on-failure -E install_and_find_package
fi
