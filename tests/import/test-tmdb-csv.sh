#!/usr/bin/env bash
# test-tmdb-csv.sh: streamify-import tmdb-csv: enrichment of MovieLens rows, new movies, bad rows.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

TM="$FIX/tmdb"
tm() { q "SELECT $1 FROM movies WHERE tmdb_id = $2"; }

# The MovieLens fixture links movieId 10000001 to tmdb 10000101: the CSV enriches that row.
run movielens "$FIX/movielens/ok"
run tmdb-csv "$TM/tmdb_small_changed.csv"
run tmdb-csv "$TM/tmdb_small.csv"
is "$RC" 0 "exit status 0"
like "$OUT" "^streamify-import: tmdb-csv: read 3, inserted [0-9]+, updated [0-9]+, unchanged [0-9]+, skipped 0, failed 0, bad rows 0 in " \
	"one summary line"
is "$(tm 'movielens_id, title, release_year, genres, rating, vote_count' 10000101)" \
	"10000001	The Test Matrix	1999	Action|Sci-Fi|Thriller	9.0	3" \
	"a MovieLens movie keeps its title, year, genres and rating"
is "$(tm 'duration, language' 10000101)" "136	en" "and gains runtime and language"
is "$(tm description 10000101)" 'A hacker learns, in a "fixture",\nwhat the world is.' \
	"and the overview, with its quotes and newline"
is "$(q "SELECT GROUP_CONCAT(LOWER(k.name) ORDER BY k.name) FROM movie_keywords mk JOIN keywords k
	ON k.id = mk.keyword_id JOIN movies m ON m.id = mk.movie_id WHERE m.tmdb_id = 10000101")" \
	"cyberpunk,hacker,mind bending,simulated reality" \
	"TMDB keywords join the MovieLens tags"
is "$(tm 'movielens_id IS NULL, title, release_year, genres, rating, vote_count, popularity, language' 10000102)" \
	"1	Only In TMDB	2011	Drama	6.4	12	3.25	fr" "a TMDB-only movie is inserted with its own fields"
is "$(tm 'duration IS NULL' 10000102)" 1 "runtime 0 means unknown: NULL"
is "$(tm 'duration IS NULL, description IS NULL, release_year IS NULL, rating IS NULL' 10000105)" \
	"1	1	1	1" "empty runtime, overview, date and no votes: NULL"
is "$(tm title 10000105)" "Léon: The Fixture" "UTF-8 title"

before=$(snapshot)
run tmdb-csv "$TM/tmdb_small.csv"
is "$(count inserted tmdb-csv) $(count updated tmdb-csv) $(count unchanged tmdb-csv)" "0 0 3" \
	"second run: 0 inserted, 0 updated"
is "$(snapshot)" "$before" "second run: nothing in the database changed"

id=$(tm id 10000102)
run tmdb-csv "$TM/tmdb_small_changed.csv"
is "$(count inserted tmdb-csv) $(count updated tmdb-csv)" "0 1" "a changed row: 1 updated"
is "$(tm 'id, duration, description' 10000102)" \
	"$id	101	A movie MovieLens never saw, now with more words." "updated in place"

run tmdb-csv "$TM/tmdb_bad.csv"
is "$RC" 1 "bad rows: exit status 1"
like "$OUT" "read 10, inserted [0-9]+, updated [0-9]+, unchanged [0-9]+, skipped 0, failed 0, bad rows 9 \\(tmdb_bad.csv:3," \
	"bad rows counted with their lines"
like "$ERR" "tmdb_bad.csv:3: genres is not JSON" "broken JSON in genres"
like "$ERR" "tmdb_bad.csv:4: release_date \"3020-01-01\" is not a plausible" "absurd year"
like "$ERR" "tmdb_bad.csv:5: vote_average is not 0..10" "vote_average out of range"
like "$ERR" "tmdb_bad.csv:6: id \"x115\" is not a positive integer" "bad id"
like "$ERR" "tmdb_bad.csv:7: keywords is not a JSON list" "keywords of the wrong JSON type"
like "$ERR" "tmdb_bad.csv:8: id 10000111 again \\(first on line 2\\)" "duplicate id"
like "$ERR" "tmdb_bad.csv:9: original_language \"English\"" "bad language code"
like "$ERR" "tmdb_bad.csv:10: invalid UTF-8" "invalid UTF-8"
like "$ERR" "tmdb_bad.csv:11: 3 fields, expected 20" "wrong column count"
is "$(q "SELECT GROUP_CONCAT(tmdb_id) FROM movies WHERE tmdb_id BETWEEN 10000111 AND 10000119")" \
	"10000111" "only the good row is there"
is "$(tm title 10000111)" "Good TMDB Row" "a duplicate id does not overwrite the first"

run tmdb-csv "$TMP/none.csv"
is "$RC" 1 "a missing file: exit status 1"
like "$ERR" "none.csv: No such file or directory" "a missing file is named"
printf 'id,title\n1,x\n' >"$TMP/short.csv"
run tmdb-csv "$TMP/short.csv"
is "$RC" 1 "a header without the needed columns: exit status 1"
like "$ERR" "short.csv:1: no column \"overview\"" "the missing column is named"

# The real TMDB 5000 table, when it is on this machine (it is never part of the project). It
# goes into a database of its own, so that the shared test catalog stays as it is.
T5K=$SRC/../shared/data/tmdb-5000/tmdb_5000_movies.csv
if [[ -f $T5K ]]; then
	t5k=${STREAMIFY_TEST_DB_NAME}_t5k_$$
	q "CREATE DATABASE \`$t5k\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
	DROP_DB=$t5k
	QDB=$t5k
	export STREAMIFY_DB_NAME=$QDB
	"$BUILD/batch/streamify-migrate" --config "$STREAMIFY_TEST_CONFIG" --dir "$SRC/sql" >/dev/null
	run tmdb-csv "$T5K"
	is "$RC" 0 "TMDB 5000: exit status 0"
	is "$(count read tmdb-csv) $(count inserted tmdb-csv) $(count "bad rows" tmdb-csv)" "4803 4803 0" \
		"TMDB 5000: 4803 read, 4803 inserted, no bad rows"
	diag "TMDB 5000 first run: $(grep -o 'in [0-9.]*s' <<<"$OUT")"
	is "$(q "SELECT COUNT(*) FROM movies WHERE duration IS NULL")" 37 \
		"TMDB 5000: the 37 empty or 0 runtimes are NULL"
	is "$(q "SELECT MIN(release_year), MAX(release_year) FROM movies")" "1916	2017" \
		"TMDB 5000: years 1916..2017"
	is "$(q "SELECT title, genres, duration, language FROM movies WHERE tmdb_id = 19995")" \
		"Avatar	Action|Adventure|Fantasy|Sci-Fi	162	en" "TMDB 5000: Avatar (Science Fiction is called Sci-Fi, as in MovieLens)"
	run tmdb-csv "$T5K"
	is "$(count inserted tmdb-csv) $(count updated tmdb-csv) $(count unchanged tmdb-csv)" "0 0 4803" \
		"TMDB 5000: a second run changes nothing"
	diag "TMDB 5000 second run: $(grep -o 'in [0-9.]*s' <<<"$OUT")"
	unset STREAMIFY_DB_NAME
	QDB=
else
	skip "no ../shared/data/tmdb-5000/tmdb_5000_movies.csv"
fi

done_testing
