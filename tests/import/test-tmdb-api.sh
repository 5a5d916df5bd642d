#!/usr/bin/env bash
# test-tmdb-api.sh: streamify-import tmdb against a fake TMDB API v3 on loopback (429, 500, bad bodies).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

python3 "$SRC/tests/fake-tmdb" --port-file "$TMP/port" &
FAKE_PID=$!
for ((i = 0; i < 100; i++)); do
	[[ -s $TMP/port ]] && break
	sleep 0.1
done
[[ -s $TMP/port ]] || { echo "Bail out! fake-tmdb did not start"; exit 1; }
PORT=$(cat "$TMP/port")
export STREAMIFY_TMDB_BASE_URL="http://127.0.0.1:$PORT/3" TMDB_API_KEY=testkey STREAMIFY_TMDB_API_KEY=
stats() { curl -s "http://127.0.0.1:$PORT/__stats"; }
hits() { python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1], 0))' "$1" < <(stats); }
tm() { q "SELECT $1 FROM movies WHERE tmdb_id = $2"; }

run tmdb --id 10000201
is "$RC" 0 "one movie: exit status 0"
like "$OUT" "^streamify-import: tmdb: read 1, inserted [01], updated [01], unchanged [01], skipped 0, failed 0, bad rows 0 in " \
	"one summary line"
is "$(tm 'title, release_year, genres, rating, vote_count, duration, language, imdb_id' 10000201)" \
	"The Fixture Strikes Back	1980	Action|Sci-Fi	8.4	15000	124	en	tt90000201" \
	"details: title, year, genres (TMDB Science Fiction = Sci-Fi), rating, votes, runtime, language, imdb id"
is "$(tm description 10000201)" 'A fixture, from the fake TMDB, with élèves and "quotes".' "overview"
is "$(tm 'poster_url, banner_url' 10000201)" \
	"https://image.tmdb.org/t/p/w500/fixture201.jpg	https://image.tmdb.org/t/p/w1280/fixture201-backdrop.jpg" \
	"poster w500 and backdrop w1280 URLs"
is "$(q "SELECT COUNT(*), MIN(c.cast_order), MAX(c.cast_order) FROM movie_cast c JOIN movies m
	ON m.id = c.movie_id WHERE m.tmdb_id = 10000201")" "10	0	9" "the top 10 of 12 cast members"
is "$(q "SELECT CONCAT(p.name, '/', c.character_name, '/', COALESCE(p.profile_path, '-')) FROM movie_cast c
	JOIN people p ON p.id = c.person_id JOIN movies m ON m.id = c.movie_id
	WHERE m.tmdb_id = 10000201 AND c.cast_order = 2")" "Actor 2/Role 2//actor2.jpg" \
	"cast: name, character, profile path"
is "$(q "SELECT GROUP_CONCAT(p.name ORDER BY p.name) FROM movie_crew c JOIN people p ON p.id = c.person_id
	JOIN movies m ON m.id = c.movie_id WHERE m.tmdb_id = 10000201 AND c.job = 'Director'")" \
	"First Director,Second Director" "directors from crew job Director only"
is "$(q "SELECT COUNT(*) FROM movie_crew c JOIN movies m ON m.id = c.movie_id
	WHERE m.tmdb_id = 10000201 AND c.job <> 'Director'")" 0 "no other crew"
is "$(q "SELECT GROUP_CONCAT(LOWER(k.name) ORDER BY k.name) FROM movie_keywords mk
	JOIN keywords k ON k.id = mk.keyword_id JOIN movies m ON m.id = mk.movie_id
	WHERE m.tmdb_id = 10000201")" "sequel,space opera" "keywords"

before=$(snapshot)
run tmdb --id 10000201
is "$(count inserted tmdb) $(count updated tmdb) $(count unchanged tmdb)" "0 0 1" "second run: unchanged"
is "$(snapshot)" "$before" "second run: nothing in the database changed"

id=$(tm id 10000201)
curl -s "http://127.0.0.1:$PORT/__bump/10000201" >/dev/null
run tmdb --id 10000201
is "$(count updated tmdb)" 1 "a changed movie on TMDB: updated"
like "$(tm 'id, description' 10000201)" "^$id	.*\\(bumped 1\\)$" "in place"
is "$(q "SELECT COUNT(*) FROM movie_cast c JOIN movies m ON m.id = c.movie_id WHERE m.tmdb_id = 10000201")" \
	10 "the cast is replaced, not doubled"

start=$(date +%s)
run tmdb --id 10000429
is "$RC" 0 "429 with Retry-After: imported after waiting"
is "$(hits /3/movie/10000429)" 2 "429: the request was made again"
ok $(( $(date +%s) - start >= 1 ? 0 : 1 )) "429: Retry-After was honoured (at least 1 s)"
is "$(tm 'COUNT(*)' 10000429)" 1 "429: the movie is there"

run tmdb --id 10000500
is "$RC" 0 "500 twice: imported on the third attempt"
is "$(hits /3/movie/10000500)" 3 "500: retried with back-off"

run tmdb --id 10000202 10000599 10000404 10000666 10000667 10000203
is "$RC" 1 "some movies failed: exit status 1"
like "$OUT" "read 6, inserted [0-9]+, updated [0-9]+, unchanged [0-9]+, skipped 0, failed 4," \
	"4 failed, the others imported"
is "$(hits /3/movie/10000599)" 4 "a 500 that stays is retried a bounded number of times (4 attempts)"
like "$ERR" "tmdb 10000599: GET /movie/10000599: HTTP 500" "persistent 500 reported"
like "$ERR" "tmdb 10000404: GET /movie/10000404: 404 not found" "404 reported"
like "$ERR" "tmdb 10000666: .*not a JSON object" "a body that is not JSON is rejected"
like "$ERR" "tmdb 10000667: malformed response" "a title of the wrong type is rejected"
is "$(q "SELECT GROUP_CONCAT(tmdb_id ORDER BY tmdb_id) FROM movies WHERE tmdb_id IN
	(10000202, 10000203, 10000404, 10000599, 10000666, 10000667)")" "10000202,10000203" \
	"the good movies went in, the failed ones left nothing"
is "$(q "SELECT COUNT(*) FROM import_rows WHERE source = 'tmdb' AND source_key IN
	(10000404, 10000599, 10000666, 10000667)")" 0 "nothing half-written for the failed ones"

STREAMIFY_TMDB_MAX_RESPONSE=65536 run tmdb --id 10000777
is "$RC" 1 "a response over tmdb_max_response: exit status 1"
like "$ERR" "tmdb 10000777: .*over 65536 bytes" "the size cap is reported"
is "$(tm 'COUNT(*)' 10000777)" 0 "nothing written for it"

run tmdb --popular 2
is "$RC" 0 "--popular 2: exit status 0"
is "$(count read tmdb)" 4 "--popular 2: the ids of two pages"
is "$(tm 'COUNT(*)' 10000204)" 1 "a movie of page 2 is there"

TMDB_API_KEY=wrong run tmdb --id 10000201
is "$RC" 1 "a refused key: exit status 1"
like "$ERR" "401: the API key was refused" "a refused key is reported"
ok $([[ $ERR$OUT != *wrong* && $ERR$OUT != *testkey* ]] && echo 0 || echo 1) "the key never appears in the output"
TMDB_API_KEY= run tmdb --id 10000201
is "$RC" 1 "no key: exit status 1"
like "$ERR" "no TMDB API key" "no key: a clear message"
run tmdb --id
is "$RC" 2 "--id without ids: usage error"
run tmdb --popular 0
is "$RC" 2 "--popular 0: usage error"

# A base URL where nothing listens: a network error, retried, then reported.
STREAMIFY_TMDB_BASE_URL="http://127.0.0.1:1/3" run tmdb --id 10000201
is "$RC" 1 "nothing listening: exit status 1"
like "$ERR" "tmdb 10000201: GET /movie/10000201: " "nothing listening: reported"

done_testing
