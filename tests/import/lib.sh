# lib.sh: TAP helpers for the import tests (sourced): cases, database checks, the importer.
# The tests run against the stack ./dev test starts; without it they skip.

# The cases and database helpers every shell test shares.
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
tap_need_stack
SRC=${STREAMIFY_TEST_SRCDIR:-${STREAMIFY_SRCDIR:-.}}
BUILD=${STREAMIFY_BUILDDIR:-$SRC}
IMPORT="$BUILD/batch/streamify-import"
FIX="$SRC/tests/fixtures"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/streamify-import-test.XXXXXX")
FAKE_PID=	# a fake TMDB server the test started
DROP_DB=	# a database of its own the test made
# On exit: stop what the test started, remove its files, keep the exit status.
cleanup() {
	local rc=$?
	set +e
	if [[ -n $FAKE_PID ]]; then
		kill "$FAKE_PID" 2>/dev/null
		wait "$FAKE_PID" 2>/dev/null
	fi
	[[ -z $DROP_DB ]] || QDB= q "DROP DATABASE IF EXISTS \`$DROP_DB\`"
	rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT

# run ARGS...: run the importer; sets RC, OUT (stdout) and ERR (stderr).
run() {
	set +e
	"$IMPORT" --config "$STREAMIFY_TEST_CONFIG" "$@" >"$TMP/out" 2>"$TMP/err"
	RC=$?
	set -e
	OUT=$(cat "$TMP/out")
	ERR=$(cat "$TMP/err")
}

# count FIELD SOURCE: a number from the summary line of SOURCE in OUT ("inserted" ...).
count() {
	local line
	line=$(grep "^streamify-import: $2: read" <<<"$OUT" | tail -n 1)
	if [[ $1 == read ]]; then
		sed -E 's/.*: read ([0-9]+),.*/\1/' <<<"$line"
	else
		sed -E "s/.*[ ,]$1 ([0-9]+).*/\\1/" <<<"$line"
	fi
}

# The state of the fixture movies, to compare before and after.
snapshot() {
	q "SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT_WS('|', id, title, release_year, genres,
		rating, vote_count, popularity, description, duration, language, poster_url,
		banner_url, tmdb_id, imdb_id, movielens_id, updated_at))), 0) FROM movies
		WHERE movielens_id >= 10000000 OR tmdb_id >= 10000000;
		SELECT COUNT(*) FROM movielens_ratings WHERE ml_user_id >= 10000000;
		SELECT COUNT(*), COALESCE(SUM(weight), 0) FROM movie_keywords mk JOIN movies m
		ON m.id = mk.movie_id WHERE m.movielens_id >= 10000000 OR m.tmdb_id >= 10000000;
		SELECT COUNT(*) FROM movie_genres mg JOIN movies m ON m.id = mg.movie_id
		WHERE m.movielens_id >= 10000000 OR m.tmdb_id >= 10000000;
		SELECT COUNT(*) FROM movie_cast mc JOIN movies m ON m.id = mc.movie_id
		WHERE m.tmdb_id >= 10000000" | tr '\n\t' '  '
}
