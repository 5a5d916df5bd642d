#!/bin/bash
# test-cluster.sh: the service past one machine, on a cluster of its own (./dev cluster-up): a
# primary MariaDB and its GTID replica, pool A (unix socket) and pool B (TCP), nginx over both.
# Each pool is also reached alone, through an nginx of its own, to write through one and read
# through the other. Checks: read-your-writes across pools, catalog changes reaching
# replica-served reads no earlier than the replica has them, a replica stopped or lagging
# (reads move to the primary and back), a pool's master killed under load (GETs go on, no
# write is sent twice), the nightly batch's switch seen by both pools, the TCP allow-list.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
tap_need_stack
SRC=${STREAMIFY_TEST_SRCDIR:-${STREAMIFY_SRCDIR:-.}}
BUILD=${STREAMIFY_BUILDDIR:-$SRC}
FIX="$SRC/tests/fixtures/movielens"
CVAR="$STREAMIFY_TEST_VAR/cluster"
MAX_LAG_MS=3000
CHECK_MS=${STREAMIFY_TEST_VERSION_CHECK_MS:-100}
PINNED=()	# nginx pids of the one-pool servers

cleanup() {
	local rc=$? p
	set +e
	for p in "${PINNED[@]}"; do
		kill -QUIT "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	"$SRC/dev" cluster-down "$CVAR" >>"$STREAMIFY_TEST_VAR/log/cluster-down.log" 2>&1
	# The logs stay for a look (the test stack's log/); the databases go.
	mkdir -p "$STREAMIFY_TEST_VAR/log/cluster"
	cp "$CVAR"/log/*.log "$STREAMIFY_TEST_VAR/log/cluster/" 2>/dev/null
	rm -rf "$CVAR"
	exit "$rc"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# An nginx of its own for one pool: the cluster's configuration with the other pool left out.
# pinned NAME DROP_REGEX: starts it, prints its URL.
pinned() {
	local name=$1 drop=$2 port n
	port=$(free_port)
	mkdir -p "$CVAR/nginx-$name"
	sed -e "\\#$drop#d" -e "s|listen 127.0.0.1:[0-9]*;|listen 127.0.0.1:$port;|" \
		-e "s|^pid .*|pid $CVAR/run/nginx-$name.pid;|" \
		-e "s|$CVAR/log/nginx-|$CVAR/log/nginx-$name-|g" \
		"$CVAR/nginx/nginx.conf" >"$CVAR/nginx-$name/nginx.conf"
	nginx -p "$CVAR/nginx-$name/" -c "$CVAR/nginx-$name/nginx.conf" \
		-e "$CVAR/log/nginx-$name-error.log" -g 'daemon off;' </dev/null >/dev/null 2>&1 &
	PINNED+=($!)
	for ((n = 0; n < 100; n++)); do
		curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && break
		sleep 0.1
	done
	printf 'http://127.0.0.1:%s\n' "$port"
}

# jq-less JSON: py EXPR reads JSON on stdin as d and prints EXPR.
py() {
	python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"
}

rq() {	# rq METHOD URL [TOKEN [BODY]]: the body of one request
	curl -s -X "$1" ${3:+-H "Authorization: Bearer $3"} \
		${4:+-H 'Content-Type: application/json' -d "$4"} "$2"
}

rcode() {	# rcode METHOD URL [TOKEN [BODY]]: its status
	curl -s -o /dev/null -w '%{http_code}' -X "$1" ${3:+-H "Authorization: Bearer $3"} \
		${4:+-H 'Content-Type: application/json' -d "$4"} "$2"
}

cq() {	# cq INSTANCE SQL: trusted SQL as root on the cluster's primary (mysqld) or replica
	mariadb --no-defaults --protocol=socket --socket="$CVAR/run/$1.sock" -uroot -N -B \
		"$STREAMIFY_TEST_DB_NAME" -e "$2"
}

metric() {	# metric URL SERIES: a value from that host's /metrics
	curl -s "$1/metrics" | awk -v s="$2" '$1 == s { print $2 }'
}

# ---- up ----
# One worker per pool: what a pool remembers is then what its one worker remembers, so a
# check that a memory was dropped cannot pass by landing on another worker. No edge cache:
# the checks of when a change reaches anonymous readers are about the pools and the replica
# (nginx's edge cache adds its edge_cache_ttl on top, docs/scaling.md).
CPORT=$(free_port)
rm -rf "$CVAR"
WORKERS=1 EDGE_CACHE_TTL=0 CLUSTER_REPLICA_MAX_LAG_MS=$MAX_LAG_MS "$SRC/dev" cluster-up "$CVAR" "$CPORT" \
	"$FIX/ok" >"$STREAMIFY_TEST_VAR/log/cluster-up.log" 2>&1
ok $? "./dev cluster-up: primary, replica, pool A (unix), pool B (TCP), nginx"
URL="http://127.0.0.1:$CPORT"
POOL_B=$(sed -n 's/^CLUSTER_POOL_B=//p' "$CVAR/cluster.env")
A=$(pinned a "server 127.0.0.1:")
B=$(pinned b "server unix:")
is "$(rcode GET "$A/api/health")" 200 "pool A alone answers"
is "$(rcode GET "$B/api/health")" 200 "pool B alone answers (FastCGI over TCP)"
is "$(cq replica 'SELECT COUNT(*) FROM movies')" 6 "the replica has the catalog"
health_state() { rq GET "$1/api/health" | py 'd["data"]["replica"]["state"]'; }
wait_state() {	# wait_state URL STATE SECONDS: health's replica state reaches STATE
	local i
	for ((i = 0; i < $3 * 10; i++)); do
		[[ $(health_state "$1") == "$2" ]] && return 0
		sleep 0.1
	done
	return 1
}
wait_state "$A" ok 3
ok $? "health through pool A: its replica is ok"

# ---- read-your-writes across pools ----
name="cl$RANDOM$$"
reply=$(rq POST "$A/api/register" "" "{\"username\":\"$name\",\"email\":\"$name@example.com\",\"password\":\"correct horse 1\"}")
tok=$(py 'd["data"]["access_token"]' <<<"$reply")
[[ -n $tok ]]
ok $? "a user registered through pool A"
is "$(rq GET "$B/api/profile" "$tok" | py 'd["data"]["user"]["username"]')" "$name" \
	"its token works at once through pool B"
rq GET "$A/api/movies/2" "$tok" >/dev/null	# pool A now remembers the user's library
is "$(rcode POST "$B/api/watchlist/2" "$tok")" 201 "a watchlist add through pool B"
is "$(rq GET "$A/api/movies/2" "$tok" | py 'd["data"]["user_state"]["in_watchlist"]')" True \
	"pool A sees it at once in the movie's user_state (it remembered the old library)"
is "$(rq GET "$A/api/watchlist" "$tok" | py 'len(d["results"])')" 1 "and in the watchlist through pool A"
is "$(rq GET "$B/api/movies/2" "$tok" | py 'd["data"]["user_state"]["in_watchlist"]')" True \
	"pool B remembers it in the watchlist"
is "$(rcode DELETE "$A/api/watchlist/2" "$tok")" 204 "removed through pool A"
is "$(rq GET "$B/api/movies/2" "$tok" | py 'd["data"]["user_state"]["in_watchlist"]')" False \
	"pool B sees the removal at once"

# An administrator's catalog edit through one pool, read back through the other.
"$BUILD/batch/streamify-admin" --config "$CVAR/streamify.conf" promote "$name" >/dev/null 2>&1
tok=$(rq POST "$A/api/login" "" "{\"username\":\"$name\",\"password\":\"correct horse 1\"}" | py 'd["data"]["access_token"]')
rq GET "$B/api/movies/3" "$tok" >/dev/null	# pool B remembers movie 3 as it is
is "$(rcode PATCH "$A/api/admin/movies/3" "$tok" '{"title": "Edited Through Pool A"}')" 200 \
	"an admin edit through pool A"
is "$(rq GET "$B/api/movies/3" "$tok" | py 'd["data"]["title"]')" "Edited Through Pool A" \
	"the administrator reads the edit at once through pool B"
sleep 0.3
is "$(rq GET "$A/api/movies/3" | py 'd["data"]["title"]')" "Edited Through Pool A" \
	"anonymous readers see it too (from the replica, once it has it)"

# ---- a catalog change reaches replica-served reads when the replica has it, not before ----
old=$(rq GET "$A/api/movies/1" | py 'd["data"]["title"]')
cq replica 'STOP SLAVE SQL_THREAD'
"$BUILD/batch/streamify-import" --config "$CVAR/streamify.conf" movielens "$FIX/changed" >/dev/null 2>&1
sleep 0.3
is "$(rq GET "$A/api/movies/1" | py 'd["data"]["title"]')" "$old" \
	"the replica has not applied the import: anonymous reads still show '$old'"
t0=$(date +%s%N)
cq replica 'START SLAVE SQL_THREAD'
new=
for ((i = 0; i < 60; i++)); do
	new=$(rq GET "$A/api/movies/1" | py 'd["data"]["title"]')
	[[ $new != "$old" ]] && break
	sleep 0.05
done
ms=$((($(date +%s%N) - t0) / 1000000))
is "$new" "The Test Matrix Reloaded" "once it has: the new title"
[[ $ms -le $((MAX_LAG_MS + CHECK_MS)) ]]
ok $? "within the lag limit plus version_check_ms ($ms ms)"

# ---- replica stopped: the primary answers; back: reads return to it ----
before=$(metric "$A" 'streamify_db_catalog_reads_total{server="primary"}')
"$SRC/dev" db-stop "$CVAR" replica >/dev/null 2>&1
bad=0
for path in /api/movies/4 "/api/movies?per_page=3" /api/genres "/api/search?q=fixture" \
	/api/movies/5/similar /api/plans /api/movies/popular /api/movies/6/credits; do
	c=$(rcode GET "$A$path")
	[[ $c == 200 ]] || { bad=$((bad + 1)); diag "GET $path: $c"; }
done
is "$bad" 0 "replica stopped: catalog reads answer 200"
wait_state "$A" down 3
ok $? "health says the replica is down"
after=$(metric "$A" 'streamify_db_catalog_reads_total{server="primary"}')
[[ ${after:-0} -gt ${before:-0} ]]
ok $? "the reads went to the primary (streamify_db_catalog_reads_total)"
grep -q "replica .*: down: reads go to the primary" "$CVAR/log/fcgi.log"
ok $? "one log line says so"
"$SRC/dev" db-start "$CVAR" replica >/dev/null 2>&1
wait_state "$A" ok 10
ok $? "replica back: health says ok"
before=$(metric "$A" 'streamify_db_catalog_reads_total{server="replica"}')
rq GET "$A/api/movies?per_page=4&page=2" >/dev/null
rq GET "$A/api/movies?per_page=5&page=2" >/dev/null
after=$(metric "$A" 'streamify_db_catalog_reads_total{server="replica"}')
[[ ${after:-0} -gt ${before:-0} ]]
ok $? "reads return to the replica"
grep -q "replica .*: reads go to it again" "$CVAR/log/fcgi.log"
ok $? "one log line says so"

# ---- replication paused past the lag limit: reads move to the primary ----
cq replica 'STOP SLAVE SQL_THREAD'
tok2=$tok
is "$(rcode PATCH "$A/api/admin/movies/4" "$tok2" '{"title": "Written While The Replica Waits"}')" 200 \
	"a catalog write on the primary while the replica waits"
wait_state "$A" lagging $((MAX_LAG_MS / 1000 + 3))
ok $? "past ${MAX_LAG_MS} ms behind: health says lagging"
is "$(rq GET "$A/api/movies/4" | py 'd["data"]["title"]')" "Written While The Replica Waits" \
	"anonymous reads come from the primary meanwhile"
cq replica 'START SLAVE SQL_THREAD'
wait_state "$A" ok 5
ok $? "caught up: back to ok"

# ---- a pool's master killed under load: GETs go on, no write is sent twice ----
cat >"$CVAR/load.py" <<'EOF'
import sys, threading, urllib.request
url, n, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
paths = ["/api/movies/1", "/api/movies?per_page=2", "/api/genres", "/api/movies/2/similar",
	"/api/search?q=matrix", "/api/health", "/api/movies/popular"]
errors = []
def run(k):
	for i in range(n):
		try:
			with urllib.request.urlopen(url + paths[(i + k) % len(paths)], timeout=10) as r:
				r.read()
		except Exception as e:
			errors.append(str(e))
ts = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
[t.start() for t in ts]
[t.join() for t in ts]
print(len(errors), n * threads)
for e in errors[:5]:
	print(e, file=sys.stderr)
EOF
python3 "$CVAR/load.py" "$URL" 300 6 >"$CVAR/load.out" 2>"$CVAR/load.err" &
load=$!
sleep 1
users_before=$(cq mysqld 'SELECT COUNT(*) FROM users')
kill -KILL "$(cat "$CVAR/run/fcgi.pid")"
posted=0 created=0 conflicts=0
for ((i = 0; i < 8; i++)); do
	u="kill$RANDOM$i"
	c=$(rcode POST "$URL/api/register" "" "{\"username\":\"$u\",\"email\":\"$u@example.com\",\"password\":\"correct horse 1\"}")
	posted=$((posted + 1))
	[[ $c == 201 ]] && created=$((created + 1))
	[[ $c == 409 ]] && conflicts=$((conflicts + 1))
	sleep 0.15
done
wait "$load"
read -r errors total <"$CVAR/load.out"
diag "load: $errors errors in $total GETs; $(head -3 "$CVAR/load.err" | tr '\n' ' ')"
[[ $total -gt 0 && $((errors * 1000)) -lt $total ]]
ok $? "pool A's master SIGKILLed under load: under 0.1% of $total GETs failed ($errors)"
rows=$(($(cq mysqld 'SELECT COUNT(*) FROM users') - users_before))
is "$conflicts" 0 "no registration answered 409: none was sent twice"
[[ $rows -ge $created && $rows -le $posted ]]
ok $? "rows made ($rows) between the 201s ($created) and the POSTs ($posted)"
is "$(rcode GET "$URL/api/health")" 200 "the service answers through pool B"

# ---- the nightly batch while both pools serve ----
gen=$(cq mysqld 'SELECT MAX(id) FROM rec_generation WHERE active = 1')
"$BUILD/batch/streamify-batch" --config "$CVAR/streamify.conf" similar >/dev/null 2>&1
ok $? "streamify-batch similar"
newgen=$(cq mysqld 'SELECT MAX(id) FROM rec_generation WHERE active = 1')
[[ $newgen -gt $gen ]]
ok $? "a new generation is active ($gen -> $newgen)"
seen=0
for ((i = 0; i < 30; i++)); do
	sleep 0.1
	[[ $(rq GET "$B/api/health" | py 'd["data"]["recommendations"]["generation"]') == "$newgen" ]] &&
		{ seen=1; break; }
done
is "$seen" 1 "pool B's health shows the new generation"

# ---- the TCP pool takes FastCGI only from its allow-list ----
out=$(python3 "$SRC/tests/cluster/fcgi-get.py" "$POOL_B" /api/health 127.0.0.1)
[[ $out == Status:\ 200* ]]
ok $? "pool B answers FastCGI from 127.0.0.1 (in socket_allow)"
out=$(python3 "$SRC/tests/cluster/fcgi-get.py" "$POOL_B" /api/health 127.0.0.2)
is "$out" "" "pool B closes a connection from 127.0.0.2 unanswered"
done_testing
