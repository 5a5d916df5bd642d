# lib.sh: TAP helpers for the import tests (sourced): cases, database checks, the importer.
# The tests run against the stack ./dev test starts; without it they skip.

T_N=0
T_FAILED=0

if [[ -z ${STREAMIFY_TEST_CONFIG:-} || -z ${STREAMIFY_TEST_DB_SOCKET:-} ]]; then
	echo "1..0 # SKIP no test stack (run ./dev test)"
	exit 0
fi
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

# ok COND_STATUS NAME: one case from the exit status of the previous command.
ok() {
	T_N=$((T_N + 1))
	if [[ $1 == 0 ]]; then
		echo "ok $T_N - $2"
	else
		echo "not ok $T_N - $2"
		T_FAILED=$((T_FAILED + 1))
	fi
}

# is GOT EXPECTED NAME
is() {
	T_N=$((T_N + 1))
	if [[ $1 == "$2" ]]; then
		echo "ok $T_N - $3"
	else
		echo "not ok $T_N - $3"
		echo "#   got:      '$1'"
		echo "#   expected: '$2'"
		T_FAILED=$((T_FAILED + 1))
	fi
}

# like TEXT REGEX NAME
like() {
	T_N=$((T_N + 1))
	if [[ $1 =~ $2 ]]; then
		echo "ok $T_N - $3"
	else
		echo "not ok $T_N - $3"
		echo "#   '$1'"
		echo "#   does not match /$2/"
		T_FAILED=$((T_FAILED + 1))
	fi
}

skip() {
	T_N=$((T_N + 1))
	echo "ok $T_N # SKIP $1"
}

diag() { echo "# $*"; }

done_testing() {
	echo "1..$T_N"
	[[ $T_FAILED == 0 ]]
}

# q SQL: the result of trusted SQL (tab-separated, no header) on the test database.
q() {
	MYSQL_PWD=$STREAMIFY_TEST_DB_PASSWORD mariadb --no-defaults --protocol=socket \
		--socket="$STREAMIFY_TEST_DB_SOCKET" -u"$STREAMIFY_TEST_DB_USER" -N -B \
		"${QDB:-$STREAMIFY_TEST_DB_NAME}" -e "$1"
}

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
