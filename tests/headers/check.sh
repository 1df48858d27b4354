#!/bin/sh
# headers.standalone: every public header compiles on its own, included
# twice (include guard), as strict C99 and as C++11.
#   usage: check.sh <include-dir> [c-compiler] [c++-compiler]
set -eu

incdir=${1:?usage: check.sh <include-dir> [c-compiler] [c++-compiler]}
cc=${2:-${CC:-cc}}
cxx=${3:-}
if [ -z "$cxx" ]; then
    for c in "${CXX:-}" c++ g++ clang++; do
        if [ -n "$c" ] && command -v "$c" >/dev/null 2>&1; then cxx=$c; break; fi
    done
fi

headers=$(cd "$incdir" && find kemitraan -name '*.h' | LC_ALL=C sort)
if [ -z "$headers" ]; then
    echo "no headers under $incdir/kemitraan" >&2
    exit 1
fi

failed=""
count=0
for h in $headers; do
    count=$((count + 1))
    src=$(printf '#include <%s>\n#include <%s>\nint km_header_check_dummy;\n' "$h" "$h")
    if ! out=$(printf '%s\n' "$src" | "$cc" -std=c99 -pedantic -Wall -Wextra -Werror \
            -Wstrict-prototypes -fsyntax-only -I"$incdir" -x c - 2>&1); then
        echo "FAIL (C99): $h"
        printf '%s\n' "$out" | sed 's/^/    /'
        failed="$failed $h(C99)"
    fi
    if [ -n "$cxx" ]; then
        if ! out=$(printf '%s\n' "$src" | "$cxx" -std=c++11 -Wall -Wextra -Werror \
                -fsyntax-only -I"$incdir" -x c++ - 2>&1); then
            echo "FAIL (C++11): $h"
            printf '%s\n' "$out" | sed 's/^/    /'
            failed="$failed $h(C++11)"
        fi
    fi
done

if [ -z "$cxx" ]; then
    echo "note: no C++ compiler found (c++, g++, clang++): C++ check skipped"
fi
if [ -n "$failed" ]; then
    echo "headers that do not compile on their own:$failed"
    exit 1
fi
echo "all $count public headers compile on their own as C99${cxx:+ and C++11}"
