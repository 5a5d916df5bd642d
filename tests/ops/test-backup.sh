#!/bin/bash
# test-backup.sh: the backup of docs/operations.md works: a dump of the live database, taken
# while it serves, restored into a fresh database, behind a second worker pool and nginx,
# answers every read exactly as the original does, a signed-in user's own data included.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
tap_need_stack
SRC=${STREAMIFY_TEST_SRCDIR:-${STREAMIFY_SRCDIR:-.}}
VAR=$STREAMIFY_TEST_VAR
URL=$STREAMIFY_TEST_URL
TMP=$(mktemp -d "$VAR/backup-test.XXXXXX")
RESTORE_DB="${STREAMIFY_TEST_DB_NAME}_restore$$"

cleanup() {
	local rc=$?
	set +e
	bash "$SRC/tests/lib/second-stack.sh" stop "$TMP/second"
	QDB= q "DROP DATABASE IF EXISTS \`$RESTORE_DB\`" 2>/dev/null
	rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT

# api URL PATH [TOKEN]: the body of a GET.
api() {
	curl -s ${3:+-H "Authorization: Bearer $3"} "$1$2"
}

# A user with data of their own, so the comparison covers more than the catalog.
name="bk$RANDOM$$"
reply=$(curl -s -H 'Content-Type: application/json' -d "{\"username\":\"$name\",\"email\":\"$name@example.com\",\"password\":\"correct horse 1\"}" "$URL/api/register")
token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["access_token"])' <<<"$reply")
[[ -n $token ]]
ok $? "a user to back up"
curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" "$URL/api/watchlist/1"
curl -s -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
	-d '{"score": 4.5}' "$URL/api/ratings/2"

# The backup, as docs/operations.md says: a consistent snapshot while the service runs.
MYSQL_PWD=$STREAMIFY_TEST_DB_PASSWORD mariadb-dump --no-defaults --protocol=socket \
	--socket="$STREAMIFY_TEST_DB_SOCKET" -u"$STREAMIFY_TEST_DB_USER" --single-transaction \
	--routines --triggers --events --hex-blob "$STREAMIFY_TEST_DB_NAME" >"$TMP/dump.sql" 2>"$TMP/dump.err"
ok $? "mariadb-dump --single-transaction of the live database"
[[ -s $TMP/dump.sql ]] && grep -q 'CREATE TABLE `movies`' "$TMP/dump.sql" && grep -q 'TRIGGER' "$TMP/dump.sql"
ok $? "the dump holds the tables and the triggers"

QDB= q "CREATE DATABASE \`$RESTORE_DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
MYSQL_PWD=$STREAMIFY_TEST_DB_PASSWORD mariadb --no-defaults --protocol=socket \
	--socket="$STREAMIFY_TEST_DB_SOCKET" -u"$STREAMIFY_TEST_DB_USER" "$RESTORE_DB" <"$TMP/dump.sql"
ok $? "restored into a fresh database"
is "$(QDB=$RESTORE_DB q 'SELECT COUNT(*) FROM movies')" "$(q 'SELECT COUNT(*) FROM movies')" \
	"the restored database has every movie"

# A second pool on the restored database, behind a second nginx made from the first one's
# configuration (same secrets: the user's token is good on both).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bash "$SRC/tests/lib/second-stack.sh" start "$TMP/second" "$port" "db_name=$RESTORE_DB" 2>"$TMP/second.err"
ok $? "a second pool and nginx on the restored database start"
R="http://127.0.0.1:$port"
is "$(curl -s -o /dev/null -w '%{http_code}' "$R/api/health")" 200 "the restored stack answers"

for path in /api/movies/1 "/api/movies?genre=Comedy&sort=popularity_desc&per_page=50" \
	"/api/search?q=godfather" /api/genres /api/movies/1/similar /api/movies/popular /api/plans; do
	a=$(api "$URL" "$path")
	b=$(api "$R" "$path")
	[[ -n $a && $a == "$b" ]]
	ok $? "GET $path: the same answer from the restored database"
done
for path in /api/profile /api/watchlist /api/ratings /api/movies/1; do
	a=$(api "$URL" "$path" "$token")
	b=$(api "$R" "$path" "$token")
	[[ $a == *'"success":true'* && $a == "$b" ]]
	ok $? "GET $path with the user's token: the same answer"
done
done_testing
