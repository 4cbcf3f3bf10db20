#!/usr/bin/env bash
# Sets up a new machine, builds Dateline and runs the whole test suite:
#  1. Release build, all tests (ctest);
#  2. the same, all targets and all tests, under AddressSanitizer + UBSan (DATELINE_SKIP_SANITIZE=1 skips);
#  3. the libFuzzer targets built with clang (+ ASan + UBSan), each fuzzed for DATELINE_FUZZ_SECONDS
#     (default 60) from seeds generated out of the grammar corpora; a crash, timeout or leak fails
#     (DATELINE_SKIP_FUZZ=1 skips). Failing inputs are left in build-fuzz/fuzz-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
start=$SECONDS
stage() { echo "test.sh: $1 done after $((SECONDS - start)) s" >&2; }

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure
stage "release build + tests"

if [ "${DATELINE_SKIP_SANITIZE:-0}" != 1 ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDATELINE_SANITIZE=ON -DDATELINE_BENCH=OFF >/dev/null
  cmake --build build-asan -j"$jobs"
  ctest --test-dir build-asan --output-on-failure
  stage "ASan+UBSan build + tests"
fi

if [ "${DATELINE_SKIP_FUZZ:-0}" != 1 ]; then
  CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Release -DDATELINE_LIBFUZZER=ON -DDATELINE_BENCH=OFF \
    -DDATELINE_FUZZ_SECONDS="${DATELINE_FUZZ_SECONDS:-60}" >/dev/null
  cmake --build build-fuzz -j"$jobs" --target fuzz_annotate fuzz_normalize fuzz_timeml fuzz_jsonl
  ctest --test-dir build-fuzz --output-on-failure -L fuzz -j"$jobs"
  stage "libFuzzer build + fuzzing"
fi
