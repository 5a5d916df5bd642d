#!/usr/bin/env bash
# bench/import.sh: times streamify-import movielens data/ml-latest-small twice (first run into an
# empty database, then a second run that finds nothing changed) on a throwaway MariaDB under
# var/bench-import.XXXXXX, and optionally the TMDB 5000 CSV (when ../shared/data has it).
# Usage: bench/import.sh [RUNS]   (RUNS: how many first/second pairs, default 1). Build first.
set -euo pipefail

SRCDIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
RUNS=${1:-1}
IMPORT="$SRCDIR/batch/streamify-import"
MIGRATE="$SRCDIR/batch/streamify-migrate"
ML="$SRCDIR/data/ml-latest-small"
T5K="$SRCDIR/../shared/data/tmdb-5000/tmdb_5000_movies.csv"
[[ -x $IMPORT && -x $MIGRATE ]] || { echo "bench/import.sh: build first (./dev build)" >&2; exit 1; }

mkdir -p "$SRCDIR/var"
VAR=$(mktemp -d "$SRCDIR/var/bench-import.XXXXXX")
SOCK="$VAR/mysqld.sock"
DBPID=
cleanup() {
	if [[ -n $DBPID ]]; then
		mariadb --no-defaults --protocol=socket --socket="$SOCK" -uroot -e SHUTDOWN 2>/dev/null ||
			kill "$DBPID" 2>/dev/null || true
		wait "$DBPID" 2>/dev/null || true
	fi
	rm -rf "$VAR"
}
trap cleanup EXIT

user=()
[[ $EUID -ne 0 ]] || user=(--user=root)
mariadb-install-db --no-defaults --datadir="$VAR/db" --auth-root-authentication-method=normal \
	--skip-test-db "${user[@]}" >"$VAR/install.log" 2>&1 ||
	{ tail -20 "$VAR/install.log" >&2; echo "bench/import.sh: mariadb-install-db failed" >&2; exit 1; }
# The same server settings as ./dev (durable commits).
mariadbd --no-defaults --datadir="$VAR/db" --socket="$SOCK" --skip-networking \
	--log-error="$VAR/mariadb.log" --innodb-flush-log-at-trx-commit=1 \
	--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci "${user[@]}" \
	</dev/null >>"$VAR/mariadb.log" 2>&1 &
DBPID=$!
for ((i = 0; i < 300; i++)); do
	mariadb --no-defaults --protocol=socket --socket="$SOCK" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
	sleep 0.1
done
db() { mariadb --no-defaults --protocol=socket --socket="$SOCK" -uroot "$@"; }
cat >"$VAR/streamify.conf" <<CONF
db_socket = $SOCK
db_user = root
db_password =
db_name = bench
CONF

# secs COMMAND...: run it, print the wall time in seconds.
secs() {
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >>"$VAR/import.log" 2>&1 || { tail -5 "$VAR/import.log" >&2; exit 1; }
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}

printf 'host: %s, %s CPUs, load %s\n' "$(uname -n)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= RUNS; r++)); do
	db -e 'DROP DATABASE IF EXISTS bench; CREATE DATABASE bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
	"$MIGRATE" --config "$VAR/streamify.conf" --dir "$SRCDIR/sql" >/dev/null
	first=$(secs "$IMPORT" --config "$VAR/streamify.conf" movielens "$ML")
	second=$(secs "$IMPORT" --config "$VAR/streamify.conf" movielens "$ML")
	printf 'movielens ml-latest-small: first %ss, second %ss, ratio %.1fx\n' "$first" "$second" \
		"$(awk -v a="$first" -v b="$second" 'BEGIN { print a / b }')"
	if [[ -f $T5K ]]; then
		first=$(secs "$IMPORT" --config "$VAR/streamify.conf" tmdb-csv "$T5K")
		second=$(secs "$IMPORT" --config "$VAR/streamify.conf" tmdb-csv "$T5K")
		printf 'tmdb-csv tmdb_5000_movies (after MovieLens): first %ss, second %ss, ratio %.1fx\n' \
			"$first" "$second" "$(awk -v a="$first" -v b="$second" 'BEGIN { print a / b }')"
	fi
done
grep '^streamify-import: .*: read' "$VAR/import.log" | sed 's/^/  /'
