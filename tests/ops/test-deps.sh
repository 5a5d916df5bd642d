#!/bin/bash
# test-deps.sh: which part may know which (docs/HACKING.md), held by the build: each outside
# library is included only where it belongs, and the workers' code holds no SQL text.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
SRC=${STREAMIFY_TEST_SRCDIR:-${STREAMIFY_SRCDIR:-.}}
cd "$SRC" || exit 1

# only HEADER_REGEX FILE...: the C files that include it are exactly these.
only() {
	local re=$1 got want
	shift
	got=$(grep -lE "#include <($re)" lib/*.[ch] cgi-bin/*.[ch] batch/*.[ch] | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	is "$got" "$want" "<${re%%|*}...> only in $*"
}
only 'fcgiapp\.h|fcgi_stdio\.h|fastcgi\.h' lib/http.c
only 'mysql\.h|errmsg\.h|mysqld_error\.h|mariadb/' lib/db.c
only 'curl/' lib/tmdb.c lib/payment.c $(grep -lE '#include <curl/' lib/mail*.c lib/smtp*.c 2>/dev/null)
only 'openssl/' lib/crypto.c lib/password.c
only 'lapacke\.h|cblas\.h' lib/recommend_ease.c
only 'crack\.h' lib/pwpolicy.c
sql=$(grep -nE '"(SELECT|INSERT|UPDATE|DELETE|REPLACE) ' cgi-bin/*.c | head -3)
is "$sql" "" "the workers' code (cgi-bin/) holds no SQL text: statements live in lib/stmt_*.def"
raw=$(grep -nE '\bdb_(query|scalar)\(' cgi-bin/*.c | head -3)
is "$raw" "" "the workers never run SQL text (db_query, db_scalar)"
done_testing
