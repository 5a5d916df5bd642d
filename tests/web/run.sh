#!/bin/sh
# run.sh: the browser tests as one TAP program for `make check` (see run.mjs). Skipped, like
# every API test, when no test stack is up (STREAMIFY_TEST_URL unset); ./dev test sets it up
# with Chromium, Node.js and the npm packages, so there they always run.
dir=$(cd "$(dirname "$0")" && pwd)
if [ -z "${STREAMIFY_TEST_URL:-}" ]; then
	echo "1..0 # SKIP no test stack (run ./dev test)"
	exit 0
fi
exec node "$dir/run.mjs" "$@"
