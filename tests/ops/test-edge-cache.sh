#!/bin/bash
# test-edge-cache.sh: nginx's edge cache (nginx/streamify.conf.in): anonymous catalog answers
# given by nginx itself for edge_cache_ttl seconds, never an answer made for a token, never a
# private one; ETags, 304, request ids and CORS variants right; a catalog change shows within
# the validity. On a pool and nginx of its own (the test stack runs with edge_cache_ttl = 0,
# so the other tests see the pool's own answers).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
tap_need_stack
SRC=${STREAMIFY_TEST_SRCDIR:-${STREAMIFY_SRCDIR:-.}}
VAR=$STREAMIFY_TEST_VAR
URL=$STREAMIFY_TEST_URL
TTL=2
TMP=$(mktemp -d "$VAR/edge-test.XXXXXX")

cleanup() {
	local rc=$?
	set +e
	bash "$SRC/tests/lib/second-stack.sh" stop "$TMP/second"
	rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bash "$SRC/tests/lib/second-stack.sh" start "$TMP/second" "$port" "edge_cache_ttl=$TTL" 2>"$TMP/second.err"
ok $? "a pool and nginx of their own with edge_cache_ttl = $TTL start"
E="http://127.0.0.1:$port"

hdr() {	# hdr NAME [CURL ARGS...]: one response header of a GET
	local name=$1
	shift
	curl -s -D - -o /dev/null "$@" | tr -d '\r' | sed -n "s/^$name: //Ip" | head -1
}

path=/api/movies/5
is "$(hdr X-Cache "$E$path")" MISS "an anonymous detail: the first is a miss"
is "$(hdr X-Cache "$E$path")" HIT "the next one nginx answers itself"
a=$(curl -s "$E$path")
b=$(curl -s -H 'X-Edge-Cache: bypass' "$E$path")
[[ -n $a && $a == "$b" ]]
ok $? "the cached body is the pool's answer"
is "$(hdr X-Cache -H 'X-Edge-Cache: bypass' "$E$path")" BYPASS "X-Edge-Cache: bypass asks the pool"
r1=$(hdr X-Request-Id "$E$path")
r2=$(hdr X-Request-Id "$E$path")
[[ -n $r1 && $r1 != "$r2" ]]
ok $? "each answer from the cache has a request id of its own"
is "$(hdr X-Request-Id -H 'X-Request-Id: edge-test.1' "$E$path")" edge-test.1 \
	"a sane X-Request-Id of the client is echoed from the cache too"
etag=$(hdr ETag "$E$path")
is "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$E$path")" 304 \
	"If-None-Match with its ETag: 304 from the cache"
# A 304 made by the pool for one client's If-None-Match is never kept for others.
p2=/api/movies/9
e2=$(curl -s -D - -o /dev/null -H 'X-Edge-Cache: bypass' "$E$p2" | tr -d '\r' | sed -n 's/^ETag: //Ip')
is "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $e2" "$E$p2")" 304 \
	"a conditional first request: the pool's 304"
is "$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: "other"' "$E$p2")" 200 \
	"another ETag after it: 200, not the kept 304"
[[ $(curl -s "$E$p2") == *'"success":true'* ]]
ok $? "an unconditional request after it: the whole answer"
[[ $(hdr Cache-Control "$E$path") == public* && -z $(hdr X-Accel-Expires "$E$path") ]]
ok $? "clients see the API's Cache-Control, not nginx's X-Accel-Expires"

# Tokens: never answered from the cache, never stored.
name="edge$RANDOM$$"
tok=$(curl -s -H 'Content-Type: application/json' -d "{\"username\":\"$name\",\"email\":\"$name@example.com\",\"password\":\"correct horse 1\"}" "$URL/api/register" |
	python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["access_token"])')
is "$(hdr X-Cache -H "Authorization: Bearer $tok" "$E$path")" BYPASS "with a token: the pool answers"
body=$(curl -s -H "Authorization: Bearer $tok" "$E/api/movies/6")
[[ $body == *'"user_state"'* ]]
ok $? "with a token: the caller's user_state"
curl -s -o /dev/null "$E/api/movies/6"
body=$(curl -s "$E/api/movies/6")
[[ $body != *'"user_state"'* && $(hdr X-Cache "$E/api/movies/6") == HIT ]]
ok $? "an anonymous reader after it gets the anonymous answer, from the cache"
for _ in 1 2; do c=$(hdr X-Cache "$E/api/profile"); done
[[ $c != HIT ]]
ok $? "a private answer (401 of /profile) is never kept ($c)"
is "$(hdr X-Cache -X POST "$E/api/watchlist/1")" "" "writes do not touch the cache"

# CORS: one variant per Origin.
origin="http://127.0.0.1:$STREAMIFY_TEST_WEB_ORIGIN_PORT"
curl -s -o /dev/null -H "Origin: $origin" "$E/api/movies/7"
is "$(hdr Access-Control-Allow-Origin -H "Origin: $origin" "$E/api/movies/7")" "$origin" \
	"the allowed origin's variant carries Access-Control-Allow-Origin"
is "$(hdr X-Cache -H "Origin: $origin" "$E/api/movies/7")" HIT "and comes from the cache"
is "$(hdr Access-Control-Allow-Origin "$E/api/movies/7")" "" \
	"a request without Origin never gets another origin's variant"

# A catalog change shows within the validity (TTL s, plus a refresh in the background).
curl -s -o /dev/null "$E/api/movies/8"
old=$(curl -s "$E/api/movies/8" | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["title"])')
q "UPDATE movies SET title = CONCAT(title, ' (edge test)') WHERE id = 8"
t0=$(date +%s%N)
new=$old
for _ in $(seq 60); do
	new=$(curl -s "$E/api/movies/8" | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["title"])')
	[[ $new != "$old" ]] && break
	sleep 0.1
done
ms=$((($(date +%s%N) - t0) / 1000000))
is "$new" "$old (edge test)" "a catalog change reaches anonymous readers"
[[ $ms -le $((TTL * 1000 + 1500)) ]]
ok $? "within edge_cache_ttl ($TTL s) and a refresh ($ms ms)"
q "UPDATE movies SET title = '$(sed "s/'/''/g" <<<"$old")' WHERE id = 8"
done_testing
