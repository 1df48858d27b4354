#!/usr/bin/env bash
# THE test command: installs what the build needs, builds, and runs every test.
#
#   scripts/test.sh           full run: build/ (warnings are errors, docs) and
#                             build-asan/ (AddressSanitizer + UBSan)
#   scripts/test.sh --quick   build/ only
#
# The last line printed is "N passed, N failed" summed over every suite; the
# exit status is non-zero if anything failed (a build failure counts as one).
set -eu
set -o pipefail

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }

quick=0
for arg in "$@"; do
    case $arg in
        --quick) quick=1 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "test.sh: unknown argument: $arg" >&2; usage >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=${KM_JOBS:-2}
logdir=$root/build/test-logs

total_passed=0
total_failed=0
failures=()

banner() { printf '\n==== %s\n' "$*"; }

# add_counts <suite> <passed> <failed>: adds a suite's results to the totals.
add_counts() {
    total_passed=$((total_passed + $2))
    total_failed=$((total_failed + $3))
    if [ "$3" -ne 0 ]; then failures+=("$1 ($3 failed)"); fi
}

# run_counted <name> <command...>: runs a command that is one test on its own
# (a script, a binding suite without its own summary) and counts it as
# 1 passed or 1 failed.
run_counted() {
    local name=$1; shift
    if "$@" </dev/null; then
        add_counts "$name" 1 0
        return 0
    fi
    add_counts "$name" 0 1
    return 1
}

# run_step <name> <command...>: a prerequisite (dependencies, configure,
# compile). Success adds nothing; failure counts as 1 failed.
run_step() {
    local name=$1; shift
    if "$@" </dev/null; then
        return 0
    fi
    add_counts "$name" 0 1
    return 1
}

# configure <build-dir> <cmake args...>: configures incrementally when the
# tree belongs to this checkout, from scratch otherwise (or if that fails).
configure() {
    local dir=$1; shift
    if [ -f "$dir/CMakeCache.txt" ] &&
       ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$root" "$dir/CMakeCache.txt"; then
        echo "test.sh: $dir was configured for another source tree; starting fresh"
        rm -rf "$dir"
    fi
    if [ -f "$dir/CMakeCache.txt" ]; then
        cmake -S . -B "$dir" "$@" </dev/null && return 0
        echo "test.sh: incremental configure of $dir failed; starting fresh"
    fi
    cmake --fresh -S . -B "$dir" "$@" </dev/null
}

# ctest_tree <suite-name> <build-dir> [ctest args...]: runs ctest and adds the
# counts from its "N% tests passed, F tests failed out of T" line.
ctest_tree() {
    local name=$1 dir=$2; shift 2
    local log=$logdir/$name.log rc=0 line total failed
    mkdir -p "$logdir"
    ctest --test-dir "$dir" --output-on-failure -j"$jobs" "$@" </dev/null 2>&1 | tee "$log" ||
        rc=$?
    line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
    if [ -n "$line" ]; then
        failed=$(printf '%s\n' "$line" | sed -E 's/.*tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\1/')
        total=$(printf '%s\n' "$line" | sed -E 's/.*tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\2/')
        if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; total=$((total + 1)); fi
        add_counts "$name" $((total - failed)) "$failed"
    elif grep -q 'No tests were found' "$log"; then
        echo "test.sh: $name: no tests found"
        add_counts "$name" 0 0
    else
        echo "test.sh: $name: ctest gave no summary (exit $rc)"
        add_counts "$name" 0 1
    fi
}

# run_valgrind <build-dir>: every unit test binary once under valgrind (the
# sanitizer build covers the same code with ASan/UBSan; valgrind also sees
# uninitialised reads). Each binary counts as one test.
run_valgrind() {
    local dir=$1 t name vrc
    if ! command -v valgrind >/dev/null 2>&1; then
        echo "test.sh: valgrind not installed; skipping"
        return 0
    fi
    mkdir -p "$logdir"
    dir=$(cd "$dir" && pwd) # the binaries run from inside it: absolute paths
    for t in "$dir"/tests/unit/test_*; do
        [ -x "$t" ] || continue
        name=$(basename "$t")
        case $name in
            test_crash)
                # Its kill loop is timed for native speed: under valgrind the
                # children die before their first commit, which proves
                # nothing. It runs natively in build/ and build-asan/.
                echo "test.sh: valgrind $name: not run (timing-based kill loop)"
                continue ;;
        esac
        vrc=0
        (cd "$dir" && KM_TEST_TMPDIR="$dir/tmp" valgrind -q --error-exitcode=9 --leak-check=full \
            --errors-for-leak-kinds=definite --track-fds=no "$t" >"$logdir/valgrind-$name.log" 2>&1) || vrc=$?
        if [ "$vrc" -eq 0 ]; then
            add_counts "valgrind.$name" 1 0
        elif [ "$vrc" -eq 77 ]; then
            echo "test.sh: valgrind $name: skipped (the test needs a server it did not find)"
        else
            echo "test.sh: valgrind $name failed; see $logdir/valgrind-$name.log"
            tail -n 30 "$logdir/valgrind-$name.log"
            add_counts "valgrind.$name" 0 1
        fi
    done
    echo "test.sh: valgrind ran over $(ls "$dir"/tests/unit/test_* 2>/dev/null | wc -l) unit test binaries"
}

# run_fuzz_smoke: builds the libFuzzer targets (clang) and runs each for a
# short, fixed number of inputs from its seed corpus; a crash, leak or
# sanitizer report fails it. Long fuzzing is for developers (docs/testing).
run_fuzz_smoke() {
    if ! command -v clang >/dev/null 2>&1; then
        echo "test.sh: clang not installed; skipping fuzz smoke"
        return 0
    fi
    if run_step "configure-fuzz" configure build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
            -DKM_BUILD_FUZZ=ON -DKM_WERROR=ON -DKM_BUILD_EXAMPLES=OFF -DKM_BUILD_TOOLS=OFF -DKM_BUILD_DOCS=OFF &&
       run_step "compile-fuzz" cmake --build build-fuzz -j"$jobs" --target \
            $(cd fuzz && for f in *.c; do printf 'fuzz_%s ' "${f%.c}"; done); then
        ctest_tree ctest-fuzz build-fuzz -L fuzz
    fi
}

# run_bench_smoke: builds the benchmark (build-bench/, Release) and runs the
# shared workload at N = 10,000 on kemitraan and SQLite in every mode
# (kmbench workload, docs/performance.md). It checks the data generator
# against the golden values and that every run gives the same checksum for
# every op; the exit status says whether they matched. The figures it
# prints are never checked: timing is not a test. One test, and one more
# that the three file stores it keeps reopen with kmbench reopen, and one that
# kmbench latency (the memory floor probe) runs. Warnings are
# the business of build/ (KM_WERROR=ON there); -O3 finds others, which
# must not hide a checksum check.
run_bench_smoke() {
    local dir log rc=0
    if run_step "configure-bench" configure build-bench -DCMAKE_BUILD_TYPE=Release -DKM_BUILD_BENCH=ON \
            -DKM_WERROR=OFF -DKM_BUILD_TESTS=OFF -DKM_BUILD_EXAMPLES=OFF -DKM_BUILD_TOOLS=OFF -DKM_BUILD_DOCS=OFF &&
       run_step "compile-bench" cmake --build build-bench -j"$jobs" --target bench_kmbench; then
        mkdir -p "$logdir"
        log=$logdir/bench-smoke.log
        dir=$(mktemp -d "${TMPDIR:-/tmp}/km-bench-XXXXXX")
        build-bench/bench/kmbench workload --n 10000 --modes all --keep --dir "$dir" >"$log" 2>&1 </dev/null || rc=$?
        grep -E '^kmbench: (data generator|checksums)|MISMATCH|failed' "$log" || true
        if [ "$rc" -eq 0 ]; then
            add_counts "bench.workload_checksums" 1 0
        else
            echo "test.sh: kmbench workload --n 10000 failed (exit $rc); see $log"
            tail -n 30 "$log"
            add_counts "bench.workload_checksums" 0 1
        fi
        # The kept stores (one per file mode) reopen with kmbench reopen,
        # with their snapshot and by replaying the log.
        local store n=0 bad=0
        for store in "$dir"/kmbench-workload-*.km; do
            [ -e "$store" ] || continue
            n=$((n + 1))
            build-bench/bench/kmbench reopen "$store" --repeat 1 >>"$log" 2>&1 </dev/null || bad=$((bad + 1))
        done
        if [ "$n" -eq 3 ] && [ "$bad" -eq 0 ]; then
            add_counts "bench.reopen" 1 0
        else
            echo "test.sh: kmbench reopen: $n kept stores, $bad failed; see $log"
            add_counts "bench.reopen" 0 1
        fi
        rm -rf "$dir"
        # The memory floor probe runs (a smoke: its figures are not checked).
        if build-bench/bench/kmbench latency --n 10000 >>"$log" 2>&1 </dev/null; then
            add_counts "bench.latency" 1 0
        else
            echo "test.sh: kmbench latency failed; see $log"
            add_counts "bench.latency" 0 1
        fi
    fi
}

# ---------------------------------------------------------------------------
# Extra suites. This is where later work hooks in: valgrind over the unit
# tests, the Python and Ruby binding tests, starting and stopping a scratch
# PostgreSQL for the backend conformance suite, ABI comparison against the
# committed baseline... Count each with run_counted or add_counts. Anything
# started here must be stopped in cleanup_extra (it runs on every exit).
# ---------------------------------------------------------------------------
run_extra_suites() {
    banner "benchmark smoke (build-bench/, checksums only)"
    run_bench_smoke
}

cleanup_extra() {
    stop_postgres
}
trap cleanup_extra EXIT
# A signal ends the script through `exit`, so the EXIT trap still runs.
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------
# A throwaway PostgreSQL server for the PostgreSQL storage backend's tests
# (conformance.postgres, unit.storage_postgres; examples/storage_postgres.c).
# Both ctest runs (build/ and build-asan/) and valgrind use it, so it starts
# before the first and stops in cleanup_extra, on every exit. When it cannot
# start, the reason is printed and those tests skip themselves (exit 77);
# when it runs, KM_PG_REQUIRED=1 makes an unreachable server a failure.
# A developer's own server: set KM_PG_CONNINFO and nothing is started.
# ---------------------------------------------------------------------------
pg_port=54329
pg_dir=""
pg_bin=""

# as_pg_owner <shell command>: initdb refuses to run as root, so as root the
# cluster belongs to the postgres user; otherwise to whoever runs this.
as_pg_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -s /bin/sh -c "$1"
    else
        sh -c "$1"
    fi
}

start_postgres() {
    if [ -n "${KM_PG_CONNINFO:-}" ]; then
        echo "test.sh: PostgreSQL tests use KM_PG_CONNINFO=$KM_PG_CONNINFO (no scratch server started)"
        return 0
    fi
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
        echo "test.sh: no PostgreSQL server programs in /usr/lib/postgresql/*/bin: the PostgreSQL tests will skip"
        return 0
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "test.sh: running as root and there is no postgres user to own a cluster: the PostgreSQL tests will skip"
        return 0
    fi
    # Under /tmp (not $TMPDIR) so that the postgres user can reach it.
    if ! pg_dir=$(mktemp -d /tmp/km-pg-XXXXXX); then
        echo "test.sh: cannot create a directory for PostgreSQL: the PostgreSQL tests will skip"
        pg_dir=""
        return 0
    fi
    chmod 755 "$pg_dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pg_dir"; fi
    if ! as_pg_owner "'$pg_bin/initdb' -D '$pg_dir/data' -A trust -U postgres --no-sync" \
            >"$pg_dir/initdb.log" 2>&1 </dev/null; then
        echo "test.sh: initdb failed: the PostgreSQL tests will skip"
        tail -n 20 "$pg_dir/initdb.log"
        rm -rf "$pg_dir"
        pg_dir=""
        return 0
    fi
    # Loopback only; the socket in /tmp; -w waits until it accepts connections.
    if ! as_pg_owner "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/server.log' -w -t 60 \
            -o '-c listen_addresses=127.0.0.1 -p $pg_port -k /tmp' start" >/dev/null 2>&1 </dev/null; then
        echo "test.sh: PostgreSQL did not start on 127.0.0.1:$pg_port (port taken?): the PostgreSQL tests use what answers there, or skip"
        tail -n 20 "$pg_dir/server.log" 2>/dev/null || true
        stop_postgres
        return 0
    fi
    export KM_PG_CONNINFO="host=127.0.0.1 port=$pg_port user=postgres dbname=postgres"
    export KM_PG_REQUIRED=1
    echo "test.sh: scratch PostgreSQL ($("$pg_bin/postgres" --version 2>/dev/null || echo "$pg_bin")) on 127.0.0.1:$pg_port, data in $pg_dir"
}

stop_postgres() {
    [ -n "$pg_dir" ] || return 0
    if [ -f "$pg_dir/data/postmaster.pid" ]; then
        as_pg_owner "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast -w stop" >/dev/null 2>&1 </dev/null ||
            echo "test.sh: pg_ctl stop failed; see $pg_dir/server.log"
    fi
    rm -rf "$pg_dir"
    pg_dir=""
}

# ---------------------------------------------------------------------------
banner "dependencies"
if ! run_step "dependencies" scripts/deps.sh; then
    echo "test.sh: scripts/deps.sh failed; nothing can be built"
    echo "$total_passed passed, $total_failed failed"
    exit 1
fi

banner "PostgreSQL (for the PostgreSQL storage tests)"
start_postgres

docs=OFF
if command -v doxygen >/dev/null 2>&1; then docs=ON; fi

banner "build/ (KM_WERROR=ON, KM_BUILD_DOCS=$docs)"
if run_step "configure" configure build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DKM_WERROR=ON -DKM_BUILD_DOCS=$docs -DKM_SANITIZE=OFF &&
   run_step "compile" cmake --build build -j"$jobs"; then
    banner "ctest build/"
    ctest_tree ctest build
    if [ "$quick" -eq 0 ]; then
        banner "valgrind build/ unit tests"
        run_valgrind build
    fi
else
    echo "test.sh: build/ failed to configure or compile; its tests were not run"
fi

if [ "$quick" -eq 0 ]; then
    banner "build-asan/ (KM_SANITIZE=ON)"
    if run_step "configure-asan" configure build-asan -DCMAKE_BUILD_TYPE=Debug \
            -DKM_WERROR=ON -DKM_SANITIZE=ON -DKM_BUILD_DOCS=OFF &&
       run_step "compile-asan" cmake --build build-asan -j"$jobs"; then
        banner "ctest build-asan/"
        # Header, export and docs checks do not depend on instrumentation
        # and already ran in build/; the Python and Ruby interpreters cannot
        # load an ASan library, so the binding suites run in build/ only.
        ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
            ctest_tree ctest-asan build-asan -LE 'static|bindings'
    else
        echo "test.sh: build-asan/ failed to configure or compile; its tests were not run"
    fi
    banner "fuzz smoke (build-fuzz/)"
    run_fuzz_smoke
fi

run_extra_suites

banner "summary"
if [ "${#failures[@]}" -ne 0 ]; then
    printf 'failed: %s\n' "${failures[@]}"
fi
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
