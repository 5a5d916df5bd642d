#!/bin/bash
# test-install.sh: what `make install` puts in place is the whole product (every migration,
# the web page, the binaries, the nginx template), and every nightly job the README lists is
# in both the cron file and the systemd service.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
SRC=${STREAMIFY_TEST_SRCDIR:-${STREAMIFY_SRCDIR:-.}}
BUILD=${STREAMIFY_BUILDDIR:-$SRC}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/streamify-install.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

make -s -C "$BUILD" install DESTDIR="$TMP" >"$TMP/install.log" 2>&1
ok $? "make install DESTDIR=..." || tail -20 "$TMP/install.log" | sed 's/^/# /'

sqldir=$(find "$TMP" -type d -path '*/streamify/sql' | head -1)
missing=
for f in "$SRC"/sql/*.sql; do
	[[ -f $sqldir/$(basename "$f") ]] || missing+=" $(basename "$f")"
done
is "${missing# }" "" "every sql/*.sql is installed (streamify-migrate's default directory)"
web=$(find "$TMP" -type d -path '*/streamify/web' | head -1)
[[ -n $web && -f $web/index.html && -n $(find "$web/assets" -name app.js) ]]
ok $? "the web page is installed (index.html and the versioned assets)"
for b in streamify-fcgi streamify-batch streamify-import streamify-migrate streamify-admin; do
	[[ -x $(find "$TMP" -path "*/bin/$b" | head -1) ]]
	ok $? "$b is installed"
done
[[ -n $(find "$TMP" -name streamify.conf.in) && -n $(find "$TMP" -name streamify-alerts.yml) ]]
ok $? "the nginx template and the operator's examples are installed"

# The scheduled jobs: the README's list, the cron file, the systemd services.
listed=$(sed -n '/\*\*Nightly jobs\*\*/,/^- \*\*/p' "$SRC/README" | grep -o 'streamify-batch [a-z]*' |
	awk '{ print $2 }' | sort -u | tr '\n' ' ')
[[ -n $listed ]]
ok $? "the README lists nightly jobs ($listed)"
for job in $listed; do
	grep -q "streamify-batch .*$job\b" "$SRC/etc/streamify.cron"
	ok $? "$job is in etc/streamify.cron"
	grep -q "^ExecStart=.*streamify-batch .* $job\$" "$SRC/etc/streamify-batch.service" \
		"$SRC/etc/streamify-trending.service"
	ok $? "$job is in a systemd service (streamify-batch or streamify-trending)"
done
done_testing
