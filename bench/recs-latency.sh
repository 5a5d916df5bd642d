#!/usr/bin/env bash
# recs-latency.sh: p50/p90/p99 of GET /api/recommendations for a user with N rated movies,
# against a running stack (`PORT=... ./dev run`, which imports MovieLens and runs the batch).
# usage: bench/recs-latency.sh [BASE_URL] [N_RATED] [REQUESTS]; VAR= the stack's var directory.
# RECOMPUTE=1: before each timed GET, the user's score of one of the N movies changes (5.0 and
# 4.0 in turn, through PUT /api/ratings), so every answer is computed again (the ranking lists
# stay in the worker's memory); otherwise the worker's kept answer is timed.
set -euo pipefail
BASE=${1:-http://127.0.0.1:8080}
N=${2:-200}
REQ=${3:-500}
VAR=${VAR:-var}
db() { mariadb --no-defaults --protocol=socket --socket="$VAR/run/mysqld.sock" -uroot -N streamify "$@"; }

name="lat$RANDOM$RANDOM"
curl -sf -o /dev/null -H 'Content-Type: application/json' \
	-d "{\"username\":\"$name\",\"email\":\"$name@example.com\",\"password\":\"correct horse 1\"}" \
	"$BASE/api/register"
login=$(curl -sf -H 'Content-Type: application/json' \
	-d "{\"username\":\"$name\",\"password\":\"correct horse 1\"}" "$BASE/api/login")
tok=$(printf '%s' "$login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["access_token"])')
uid=$(printf '%s' "$login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["user"]["id"])')
# The N movies with the most MovieLens ratings, rated 4.5 by this user.
db -e "INSERT INTO ratings (user_id, movie_id, score) SELECT $uid, movie_id, 4.5 FROM
	(SELECT movie_id FROM movielens_ratings GROUP BY movie_id ORDER BY COUNT(*) DESC, movie_id
	LIMIT $N) t"
echo "user $uid with $(db -e "SELECT COUNT(*) FROM ratings WHERE user_id = $uid") rated movies"
movie=$(db -e "SELECT movie_id FROM ratings WHERE user_id = $uid ORDER BY movie_id LIMIT 1")
out=$(mktemp)
for ((i = 0; i < REQ; i++)); do
	if [[ ${RECOMPUTE:-0} == 1 ]]; then
		curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $tok" \
			-H 'Content-Type: application/json' -d "{\"score\": $((i % 2 ? 4 : 5)).0}" \
			"$BASE/api/ratings/$movie"
	fi
	curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $tok" \
		"$BASE/api/recommendations" >>"$out"
done
awk '$1 != 200 { bad++ } { print $2 }' "$out" | sort -n | awk -v n="$REQ" '
	{ t[NR] = $1 } END { printf "%d requests: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
	n, t[int(n * 0.50)] * 1000, t[int(n * 0.90)] * 1000, t[int(n * 0.99)] * 1000, t[n] * 1000 }'
awk '$1 != 200 { bad++ } END { if (bad) print bad " responses were not 200" }' "$out"
rm -f "$out"
