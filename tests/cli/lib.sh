# lib.sh: the harness every tests/cli/run*.sh script sources.
#
#   . "$(dirname "$0")/lib.sh" "$@"
#
# Checks the one argument (path to the kemitraan binary), makes a scratch
# directory (under $KM_TEST_TMPDIR when set) removed on exit, cd's into it,
# cleans the environment and defines: km, kme (run and check the exit code),
# out_has, out_lacks, out_is, err_has, err_empty, json_ok, json_eq, and
# finish (prints "N passed, N failed" and sets the exit status).
#
# KM_CLI_VALGRIND=1 runs every invocation under valgrind (exit 87 on an
# error or a definite leak).
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 path/to/kemitraan" >&2
    exit 2
fi
KM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PY=${PYTHON:-python3}
base=${KM_TEST_TMPDIR:-${TMPDIR:-/tmp}}
mkdir -p "$base"
T=$(mktemp -d "$base/cli.XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 2

# A clean, English, non-terminal environment unless a test says otherwise.
unset LANG LC_ALL LC_MESSAGES KEMITRAAN_STORE KEMITRAAN_ACTOR KEMITRAAN_PROGRESS KEMITRAAN_TEST_CLOCK
export KEMITRAAN_ACTOR=cli-test
# Sanitizer reports must not pass for an expected exit code.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86:print_stacktrace=1"
WRAP=()
if [ -n "${KM_CLI_VALGRIND:-}" ]; then
    WRAP=(valgrind -q --error-exitcode=87 --leak-check=full --errors-for-leak-kinds=definite)
fi

passed=0
failed=0
last=""

ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL: $last: $*"
    if [ -s err ]; then sed 's/^/    stderr: /' err | head -n 5; fi
    if [ -s out ]; then sed 's/^/    stdout: /' out | head -n 5; fi
}

# km WANT ARGS...: runs the tool with stdout in ./out and stderr in ./err
# and checks the exit code. A failure (other than 6, which also prints a
# report) must print exactly one line "kemitraan: ..." on stderr and nothing
# on stdout.
km() {
    local want=$1 rc
    shift
    last="kemitraan $*"
    env ${ENVV[@]+"${ENVV[@]}"} "${WRAP[@]}" "$KM" "$@" >out 2>err </dev/null
    rc=$?
    if grep -q -E 'AddressSanitizer|LeakSanitizer|runtime error:|definitely lost' err; then
        bad "sanitizer or valgrind report"
        return 1
    fi
    if [ "$rc" -ne "$want" ]; then
        bad "exit $rc, expected $want"
        return 1
    fi
    if [ "$want" -ne 0 ] && [ "$want" -ne 6 ]; then
        if [ "$(wc -l <err)" -ne 1 ] || ! grep -q '^kemitraan: ' err || [ -s out ]; then
            bad "an error must be one line 'kemitraan: ...' on stderr and nothing on stdout"
            return 1
        fi
    fi
    ok
}

# kme "VAR=value ..." WANT ARGS...: km with those variables in the tool's
# environment only (the shell itself never sees the locale names).
ENVV=()
kme() {
    local r
    read -r -a ENVV <<<"$1"
    shift
    km "$@"
    r=$?
    ENVV=()
    return $r
}

# Checks on the last run.
out_has() { if grep -q -F -- "$1" out; then ok; else bad "stdout lacks '$1'"; fi; }
out_lacks() { if grep -q -F -- "$1" out; then bad "stdout has '$1'"; else ok; fi; }
out_is() { if [ "$(cat out)" = "$1" ]; then ok; else bad "stdout is '$(head -c 200 out)', expected '$1'"; fi; }
err_has() { if grep -q -F -- "$1" err; then ok; else bad "stderr lacks '$1'"; fi; }
err_empty() { if [ -s err ]; then bad "stderr is not empty"; else ok; fi; }
json_ok() {
    if "$PY" -c 'import json,sys; json.load(sys.stdin)' <out 2>/dev/null; then ok; else bad "stdout is not one JSON document"; fi
}
# json_eq EXPR VALUE: the Python expression EXPR over the document d,
# printed with repr() for strings/lists and str() otherwise, equals VALUE.
json_eq() {
    local got
    got=$("$PY" -c '
import json, sys
d = json.load(open("out"))
v = eval(sys.argv[1])
print(v if isinstance(v, (bool, int)) or v is None else json.dumps(v, ensure_ascii=False))
' "$1" 2>&1)
    if [ "$got" = "$2" ]; then ok; else bad "json $1 = $got, expected $2"; fi
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
