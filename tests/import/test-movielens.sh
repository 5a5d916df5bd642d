#!/usr/bin/env bash
# test-movielens.sh: streamify-import movielens: fixtures, idempotency, updates in place, bad input.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ML="$FIX/movielens"
ml() { q "SELECT $1 FROM movies WHERE movielens_id = $2"; }

# Start from a known state: a changed row first, so that ok/ always has something to write.
run movielens "$ML/changed"
run movielens "$ML/ok"
is "$RC" 0 "ok/: exit status 0"
like "$OUT" "^streamify-import: movielens: read 6, inserted [0-9]+, updated [0-9]+, unchanged [0-9]+, skipped 0, failed 0, bad rows 0 in " \
	"ok/: one summary line"
like "$ERR" "links.csv:6: tmdbId 10000103 also belongs to movieId 10000003" \
	"a tmdbId given twice is kept by the first movie only, with a warning"

is "$(ml title 10000001)" "The Test Matrix" "\"Test Matrix, The (1999)\" becomes \"The Test Matrix\""
is "$(ml release_year 10000001)" 1999 "the year goes to release_year"
is "$(ml title 10000003)" "The City of Fixtures" \
	"the other title in parentheses is not part of the title"
is "$(ml original_title 10000003)" "La Cité des tests" \
	"it is the original title, its article in front too; UTF-8 kept"
is "$(ml 'original_title IS NULL AND alt_titles IS NULL' 10000001)" "1" \
	"a title without others has neither"
is "$(ml release_year 10000005)" 2006 "a (2006–2007) range gives its first year"
is "$(ml title 10000006)" 'Quoted "Nickname" Fixture' "doubled quotes and trailing space"
is "$(ml 'title, release_year IS NULL' 10000004)" "No Year Fixture	1" "no year: NULL"
is "$(ml genres 10000001)" "Action|Sci-Fi|Thriller" "genres in order"
is "$(q "SELECT GROUP_CONCAT(g.name ORDER BY mg.position) FROM movie_genres mg JOIN genres g
	ON g.id = mg.genre_id JOIN movies m ON m.id = mg.movie_id WHERE m.movielens_id = 10000001")" \
	"Action,Sci-Fi,Thriller" "movie_genres positions from 0 in order"
is "$(ml "genres = '' AND NOT EXISTS (SELECT 1 FROM movie_genres WHERE movie_id = movies.id)" \
	10000004)" 1 "(no genres listed) means none"
is "$(ml genres 10000005)" "Comedy|Drama" "a genre named twice is kept once"
is "$(ml 'imdb_id, tmdb_id' 10000001)" "tt90000001	10000101" "links: imdb tt-padded, tmdb"
is "$(ml imdb_id 10000002)" "tt0090002" "imdbId padded to 7 digits"
is "$(ml 'tmdb_id IS NULL' 10000002)" 1 "an empty tmdbId is NULL"
is "$(ml 'rating, vote_count' 10000001)" "9.0	3" "rating = mean stars * 2 (4.5 -> 9.0), vote_count"
is "$(ml 'rating IS NULL, vote_count, popularity' 10000006)" "1	0	0" "no ratings: rating NULL"
# (Other sources may add keywords of their own: look at what MovieLens gave.)
is "$(q "SELECT k.name, mk.weight FROM movie_keyword_sources mk JOIN keywords k ON k.id = mk.keyword_id
	JOIN movies m ON m.id = mk.movie_id WHERE m.movielens_id = 10000001 AND mk.source = 'movielens'
	ORDER BY k.name" | tr '\n\t' ';,')" "cyberpunk,2;mind bending,1;" \
	"tags lowercased and trimmed, weight = times applied"
is "$(q "SELECT COUNT(*) FROM movie_keywords mk JOIN movies m ON m.id = mk.movie_id
	JOIN movie_keyword_sources s ON s.movie_id = mk.movie_id AND s.keyword_id = mk.keyword_id
	AND s.source = 'movielens' WHERE m.movielens_id = 10000001 AND mk.weight >= s.weight")" 2 \
	"movie_keywords carries them"
is "$(q "SELECT COUNT(*) FROM movielens_ratings r JOIN movies m ON m.id = r.movie_id
	WHERE m.movielens_id >= 10000000 AND m.movielens_id < 10000010")" 6 "ratings kept in movielens_ratings"
is "$(q "SELECT DATE_FORMAT(rated_at, '%Y-%m-%dT%H:%i:%s') FROM movielens_ratings r JOIN movies m
	ON m.id = r.movie_id WHERE m.movielens_id = 10000001 AND ml_user_id = 10000001")" \
	"2017-07-14T02:40:00" "rated_at is the UTC time of the timestamp"

# Idempotency: a second run writes nothing.
before=$(snapshot)
run movielens "$ML/ok"
is "$(count inserted movielens) $(count updated movielens) $(count unchanged movielens)" "0 0 6" \
	"second run: 0 inserted, 0 updated, 6 unchanged"
is "$(snapshot)" "$before" "second run: rows, ratings, keywords and updated_at unchanged"

# A changed source updates in place.
id1=$(ml id 10000001)
run movielens "$ML/changed"
is "$RC" 0 "changed/: exit status 0"
is "$(count inserted movielens) $(count updated movielens) $(count unchanged movielens)" "0 3 3" \
	"changed/: 3 updated, 3 unchanged"
is "$(ml 'id, title, release_year' 10000001)" "$id1	The Test Matrix Reloaded	2003" \
	"the changed title updates the same row"
is "$(ml 'vote_count, rating' 10000002)" "2	6.0" "a new rating updates the aggregates"
is "$(q "SELECT GROUP_CONCAT(k.name) FROM movie_keyword_sources mk JOIN keywords k
	ON k.id = mk.keyword_id JOIN movies m ON m.id = mk.movie_id WHERE m.movielens_id = 10000003
	AND mk.source = 'movielens'")" "replaced" \
	"removed tags are gone, new ones there"
is "$(q "SELECT COUNT(*) FROM movies WHERE movielens_id BETWEEN 10000001 AND 10000006")" 6 \
	"no duplicate movies after an update"
run movielens "$ML/ok"
is "$(count updated movielens)" 3 "and back"

# Bad input: clear messages with file and line, counted, never a partial movie.
run movielens "$ML/bad"
is "$RC" 1 "bad/: exit status 1"
like "$OUT" "read 12, inserted [0-9]+, updated [0-9]+, unchanged [0-9]+, skipped 5, failed 0, bad rows 12 \\(movies.csv:3," \
	"bad/: the summary counts bad rows and names them"
like "$ERR" "bad/movies.csv:3: movieId \"abc\" is not a positive integer" "bad movieId"
like "$ERR" "movies.csv:4: the year 3020 is not plausible" "absurd year (future)"
like "$ERR" "movies.csv:5: the year 1200 is not plausible" "absurd year (past)"
like "$ERR" "movies.csv:6: 5 fields, expected 3" "wrong column count"
like "$ERR" "movies.csv:7: invalid UTF-8" "invalid UTF-8"
like "$ERR" "movies.csv:9: movieId 10000011 again \\(first on line 2\\)" "duplicate movieId"
like "$ERR" "movies.csv:12: text after the closing quote" "broken quoting"
like "$ERR" "movies.csv:13: unterminated quoted field" "unterminated quote"
like "$ERR" "links.csv:3: imdbId or tmdbId is not a positive integer \\(movieId 10000019" "bad link"
like "$ERR" "tags.csv:3: 2 fields, expected 4" "short tags row"
like "$ERR" "ratings.csv:3: the rating is not 0.5 .. 5.0" "rating out of range"
like "$ERR" "ratings.csv:4: movieId 10009999 is not in movies.csv" "rating of an unknown movie"
is "$(q "SELECT GROUP_CONCAT(movielens_id ORDER BY movielens_id) FROM movies
	WHERE movielens_id BETWEEN 10000011 AND 10000029")" "10000011,10000017" \
	"only the good movies are there"
is "$(ml title 10000011)" "Good Fixture" "a duplicate row does not overwrite the first"
is "$(q "SELECT COUNT(*) FROM movielens_ratings r JOIN movies m ON m.id = r.movie_id
	WHERE m.movielens_id = 10000018")" 0 "nothing half-written: no ratings of a skipped movie"
is "$(q "SELECT COUNT(*) FROM import_rows WHERE source = 'movielens' AND source_key IN
	(10000013, 10000014, 10000016, 10000018, 10000019, 10000020, 10000021)")" 0 \
	"nothing half-written: no import record of a skipped movie"

# Missing files and headers: nothing at all is written.
run movielens "$ML/missing"
is "$RC" 1 "missing files: exit status 1"
like "$ERR" "missing/links.csv: No such file or directory" "missing file named"
is "$(ml 'COUNT(*)' 10000031)" 0 "missing files: nothing imported"
run movielens "$ML/badheader"
is "$RC" 1 "wrong header: exit status 1"
like "$ERR" "badheader/movies.csv:1: the header is \"movieId,name,genres\"" "wrong header named"
is "$(ml 'COUNT(*)' 10000041)" 0 "wrong header: nothing imported"
run movielens "$TMP/nonexistent"
is "$RC" 1 "a missing directory: exit status 1"
run movielens
is "$RC" 2 "no directory: usage error"
run nosuchsource x
is "$RC" 2 "unknown source: usage error"

# The bundled MovieLens set (./dev test imported it already): a second run changes nothing.
if [[ -f $SRC/data/ml-latest-small/movies.csv ]]; then
	n=$(q "SELECT COUNT(*) FROM movies WHERE movielens_id < 10000000")
	is "$n" 9742 "the bundled MovieLens movies are all there"
	is "$(q "SELECT COUNT(*) FROM movielens_ratings WHERE ml_user_id < 10000000")" 100836 \
		"all 100,836 ratings kept"
	is "$(q "SELECT COUNT(*) FROM movies WHERE movielens_id IS NOT NULL AND movielens_id < 10000000
		AND tmdb_id IS NULL")" 9 "8 movies without tmdbId, and one whose tmdbId another took"
	start=$(date +%s.%N)
	run movielens "$SRC/data/ml-latest-small"
	is "$RC" 0 "second import of ml-latest-small: exit 0"
	is "$(count inserted movielens) $(count updated movielens)" "0 0" \
		"second import of ml-latest-small: 0 inserted, 0 updated"
	diag "second run: $(grep -o 'in [0-9.]*s' <<<"$OUT")"
else
	skip "no data/ml-latest-small"
fi

done_testing
