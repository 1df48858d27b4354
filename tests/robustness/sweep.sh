#!/bin/bash
# robust.snapshot_sweep and robust.log_sweep: builds the demo network with
# the command-line tool, snapshots it, and runs the sweep program given
# (tests/robustness/snapshot_sweep.c or log_sweep.c) over damaged copies
# of its snapshot or of its log records.
# usage: sweep.sh KEMITRAAN SWEEP_PROGRAM [TRIES]
set -eu
tool=$1
sweep=$2
tries=${3:-20000}
dir=$(mktemp -d "${KM_TEST_TMPDIR:-${TMPDIR:-/tmp}}/km-sweep.XXXXXX")
trap 'rm -rf "$dir"' EXIT
"$tool" demo "$dir/demo.km" --lang en >/dev/null
"$tool" snapshot --store "$dir/demo.km" >/dev/null
"$sweep" "$dir/demo.km" "$tries" 1
