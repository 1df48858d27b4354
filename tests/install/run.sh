#!/bin/sh
# install.consumer: installs the build tree into a scratch prefix and builds
# consumer.c against it three ways: pkg-config, find_package() shared,
# find_package() static. Runs all three.
#   usage: run.sh <build-dir> <tests/install dir> <work-dir> [cmake] [cc] [extra-flags]
# extra-flags (e.g. sanitizer options) are used to compile and link the
# consumers, because an instrumented library needs its runtime in the program.
set -eu

build=${1:?usage: run.sh <build-dir> <src-dir> <work-dir> [cmake] [cc] [flags]}
src=${2:?missing tests/install directory}
work=${3:?missing work directory}
cmake=${4:-cmake}
cc=${5:-${CC:-cc}}
flags=${6:-}

rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix

step() { printf '\n== %s\n' "$*"; }

step "install $build into $prefix"
"$cmake" --install "$build" --prefix "$prefix"

pc=$(find "$prefix" -name kemitraan.pc | head -n 1)
if [ -z "$pc" ]; then
    echo "FAIL: kemitraan.pc was not installed" >&2
    exit 1
fi
pcdir=$(dirname "$pc")
libdir=$(dirname "$pcdir")
for f in "$prefix/include/kemitraan/version.h" "$prefix/include/kemitraan/common.h" \
         "$libdir/libkemitraan.so" "$libdir/libkemitraan.a" \
         "$libdir/cmake/kemitraan/kemitraanConfig.cmake" \
         "$libdir/cmake/kemitraan/kemitraanConfigVersion.cmake"; do
    if [ ! -e "$f" ]; then
        echo "FAIL: not installed: $f" >&2
        exit 1
    fi
done

step "pkg-config build"
if ! command -v pkg-config >/dev/null 2>&1; then
    echo "FAIL: pkg-config not found" >&2
    exit 1
fi
pkgflags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs kemitraan)
echo "pkg-config --cflags --libs kemitraan: $pkgflags"
# shellcheck disable=SC2086 # word splitting of the flags is intended
"$cc" $flags -o "$work/consumer_pkgconfig" "$src/consumer.c" $pkgflags

step "find_package build"
# shellcheck disable=SC2086
"$cmake" -S "$src" -B "$work/cmake-build" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
    -DCMAKE_BUILD_TYPE=Debug
"$cmake" --build "$work/cmake-build"

step "run consumers"
LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$work/consumer_pkgconfig"
"$work/cmake-build/consumer_shared"
"$work/cmake-build/consumer_static"

# The shared consumers must have loaded the installed library, not the build tree's.
if command -v ldd >/dev/null 2>&1; then
    where=$(ldd "$work/cmake-build/consumer_shared" | awk '/libkemitraan/ { print $3 }')
    case $where in
        "$prefix"/*) ;;
        *) echo "FAIL: consumer_shared loaded libkemitraan from '$where', not $prefix" >&2; exit 1 ;;
    esac
fi

echo
echo "ok: installed kemitraan works with pkg-config and find_package (shared and static)"
