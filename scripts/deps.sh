#!/bin/sh
# Installs the Debian packages the build and the tests need, if any is
# missing. Safe to run repeatedly: when everything is present it only checks.
# As root it runs `apt-get update` once and installs what is missing; as any
# other user it lists what is missing and exits 1.
set -eu

# One list for everything the project needs; extend it here.
KM_DEB_PACKAGES="cmake gcc g++ make pkg-config libcmocka-dev doxygen graphviz valgrind \
libsqlite3-dev sqlite3 libxml2-utils ruby ruby-ffi ruby-minitest python3 \
postgresql libpq-dev clang libclang-rt-14-dev"

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps.sh: not a Debian system; install the equivalents of:" >&2
    echo "  $KM_DEB_PACKAGES" >&2
    exit 0
fi

missing=""
for p in $KM_DEB_PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case $status in
        *" installed") ;;
        *) missing="$missing $p" ;;
    esac
done

if [ -z "$missing" ]; then
    echo "deps.sh: all required packages are installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing Debian packages:$missing" >&2
    echo "deps.sh: install them as root: apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi

echo "deps.sh: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update </dev/null
# shellcheck disable=SC2086 # one word per package
apt-get install -y --no-install-recommends $missing </dev/null
echo "deps.sh: done"
