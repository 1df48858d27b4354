#!/bin/sh
# THE demo command: installs what the build needs, builds the library and
# runs the demo program (examples/demo.c). Arguments are passed to the demo.
# The demo runs inside build/, so any file it writes stays out of the sources.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/deps.sh </dev/null

if [ -f build/CMakeCache.txt ] &&
   ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$root" build/CMakeCache.txt; then
    rm -rf build   # configured for another checkout
fi
cmake -S . -B build </dev/null

if [ ! -f examples/demo.c ]; then
    cmake --build build -j"${KM_JOBS:-2}"
    echo
    echo "demo.sh: the library builds, but examples/demo.c does not exist yet: no demo to run."
    exit 0
fi

cmake --build build -j"${KM_JOBS:-2}" --target example_demo
echo
cd build
exec ./examples/demo "$@"
