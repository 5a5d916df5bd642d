#!/bin/bash
# test-durability.sh: no acknowledged write is lost when MariaDB dies. One client sends
# playback progress reports (PUT /api/history/{id}, the service's most frequent write) as fast
# as they are answered; MariaDB is SIGKILLed in the middle of them and started again (crash
# recovery). Every report answered 200 must be in watch_history with its position; the ones
# sent while the database was down are answered 503, never 200; the service answers again.
# Runs just before test-failover (it restarts the test stack's database).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
tap_need_stack
URL=$STREAMIFY_TEST_URL
VAR=$STREAMIFY_TEST_VAR
TMP=$(mktemp -d "$VAR/durability.XXXXXX")
WRITER=
cleanup() {
	local rc=$?
	[[ -z $WRITER ]] || kill "$WRITER" 2>/dev/null
	rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT

health() { curl -s -o /dev/null -w '%{http_code}' "$URL/api/health"; }

name="dur$RANDOM$$"
reply=$(curl -s -H 'Content-Type: application/json' -d "{\"username\":\"$name\",\"email\":\"$name@example.com\",\"password\":\"correct horse 1\"}" "$URL/api/register")
token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["access_token"])' <<<"$reply")
[[ -n $token ]]
ok $? "a user to write progress for"

# The writer: movie 1, 2, 3, ... each once, position 30 + id % 40; "id status" per answer.
python3 - "$URL" "$token" "$TMP" <<'EOF' &
import http.client, os, sys, time
base, token, tmp = sys.argv[1], sys.argv[2], sys.argv[3]
host, port = base.split("//")[1].split(":")
out = open(os.path.join(tmp, "acks"), "w", buffering=1)
for mid in range(1, 9000):
    if os.path.exists(os.path.join(tmp, "stop")):
        break
    try:
        c = http.client.HTTPConnection(host, int(port), timeout=10)
        c.request("PUT", "/api/history/%d" % mid, body='{"progress": %d}' % (30 + mid % 40),
                  headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        status = r.status
        c.close()
    except OSError:
        status = 0
    out.write("%d %d\n" % (mid, status))
    if status != 200:
        time.sleep(0.02)
EOF
WRITER=$!

for _ in $(seq 100); do
	[[ -s $TMP/acks && $(wc -l <"$TMP/acks") -ge 150 ]] && break
	sleep 0.1
done
before=$(wc -l <"$TMP/acks")
[[ $before -ge 150 ]]
ok $? "writes flow before the kill ($before answered)"

pid=$(<"$VAR/run/mysqld.pid")
kill -KILL "$pid"
ok $? "MariaDB SIGKILLed in the middle of the writes"
while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
sleep 1	# the writer meets the dead database for a while
$STREAMIFY_TEST_DB_START >"$TMP/db-start.log" 2>&1
ok $? "MariaDB starts again (crash recovery)" || tail -5 "$TMP/db-start.log" | sed 's/^/# /'
for _ in $(seq 100); do
	[[ $(health) == 200 ]] && break
	sleep 0.1
done
if ! is "$(health)" 200 "the service answers again"; then
	# What the pool and the database said meanwhile, to tell why.
	curl -s "$URL/api/health" | sed 's/^/# health: /'
	grep -hE 'level=(warn|error)' "$VAR"/log/fcgi*.log | tail -n 12 | cut -c1-300 | sed 's/^/# /'
	tail -n 12 "$VAR/log/mariadb.log" | sed 's/^/# mariadb: /'
	grep -h 'uri="/api/health"' "$VAR/log/nginx-access.log" | tail -n 4 | sed 's/^/# nginx: /'
	grep -h '/health' "$VAR"/log/fcgi*.log | tail -n 4 | cut -c1-300 | sed 's/^/# pool: /'
fi
sleep 1	# and the writer's reports are answered again
touch "$TMP/stop"
wait "$WRITER"
WRITER=

read -r acked refused other < <(awk '$2 == 200 { a++ } $2 == 503 { r++ } $2 != 200 && $2 != 503 { o++ }
	END { print a + 0, r + 0, o + 0 }' "$TMP/acks")
diag "answered 200: $acked, 503: $refused, other: $other"
[[ $refused -gt 0 ]]
ok $? "reports sent while the database was down were refused with 503 ($refused)"
is "$other" 0 "no answer other than 200 and 503"
last=$(awk '{ l = $1 } END { print l }' "$TMP/acks")
[[ $(awk -v l="$last" '$1 == l { print $2 }' "$TMP/acks") == 200 ]]
ok $? "after the restart reports are answered 200 again"

# Every acknowledged report is stored, with its position.
q "SELECT h.movie_id, h.position FROM watch_history h JOIN users u ON u.id = h.user_id
	WHERE u.username = '$name'" >"$TMP/stored"
missing=$(awk 'NR == FNR { pos[$1] = $2; next } $2 == 200 && pos[$1] != 30 + $1 % 40 { m++ }
	END { print m + 0 }' "$TMP/stored" "$TMP/acks")
is "$missing" 0 "every one of the $acked reports answered 200 is in watch_history with its position"
done_testing
