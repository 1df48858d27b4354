#!/bin/sh
# THE demo command: installs what the build needs, builds the library and
# the kemitraan tool, and runs `kemitraan demo` on a fresh store
# in a temporary directory. Arguments are passed to the demo (--lang en,
# --json).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/deps.sh </dev/null

if [ -f build/CMakeCache.txt ] &&
   ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$root" build/CMakeCache.txt; then
    rm -rf build   # configured for another checkout
fi
cmake -S . -B build </dev/null

# Only what the demo needs (the library and the tool), so that it runs
# within a minute of cloning; scripts/test.sh builds everything else.
cmake --build build -j"${KM_JOBS:-2}" --target tool_kemitraan
echo

# The demo: a fictional province's partnership network built in a fresh
# store (kemitraan demo, docs/cli.md), then a guided tour of it.
dir=$(mktemp -d "${TMPDIR:-/tmp}/kemitraan-demo.XXXXXX")
store="$dir/parahyangan.km"
build/tools/kemitraan demo "$store" "$@"
echo
echo "demo.sh: the store is kept in $store; try:"
echo "  build/tools/kemitraan --store $store report --as-of 2025-06-30"
echo "  build/tools/kemitraan --store $store network --format dot > network.dot"
