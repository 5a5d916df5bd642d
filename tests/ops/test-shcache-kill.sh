#!/bin/bash
# test-shcache-kill.sh: the host's shared answer memory (lib/shcache.c) under workers killed at
# random points of their work: anonymous details of 2,000 movies are asked for by 4 clients
# while a worker is SIGKILLed every 0.3 s; no answer is ever torn or another movie's, at most
# the requests in flight fail, and afterwards the memory serves the catalog from itself again
# (no slot a killed writer held stays lost).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
tap_need_stack
URL=$STREAMIFY_TEST_URL
PIDFILE=$STREAMIFY_TEST_FCGI_PIDFILE
TMP=$(mktemp -d "$STREAMIFY_TEST_VAR/shcache-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
N=2000

q "SELECT id, title FROM movies WHERE id <= $N ORDER BY id" >"$TMP/titles"
cat >"$TMP/load.py" <<'PY'
import json, sys, threading, time, urllib.request, urllib.error
url, n, seconds, titles = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
want = {}
for line in open(titles, encoding="utf-8"):
	i, t = line.rstrip("\n").split("\t", 1)
	want[int(i)] = t
lock = threading.Lock()
counts = {"ok": 0, "failed": 0, "wrong": 0}
def run(k):
	i, end = k * 997, time.time() + seconds
	while time.time() < end:
		i = i % n + 1
		try:
			with urllib.request.urlopen("%s/api/movies/%d" % (url, i), timeout=10) as r:
				d = json.loads(r.read())["data"]
				good = d["id"] == i and d["title"] == want.get(i)
				with lock:
					counts["ok" if good else "wrong"] += 1
		except (urllib.error.URLError, OSError, ValueError, KeyError):
			with lock:
				counts["failed"] += 1
ts = [threading.Thread(target=run, args=(k,)) for k in range(4)]
[t.start() for t in ts]
[t.join() for t in ts]
print(counts["ok"], counts["failed"], counts["wrong"])
PY

workers() {	# the pids of the master's children
	local master p
	read -r master <"$PIDFILE"
	for p in /proc/[0-9]*; do
		[[ $(awk '{ print $4 }' "$p/stat" 2>/dev/null) == "$master" ]] && printf '%s\n' "${p#/proc/}"
	done
}
metric() { curl -s "$URL/metrics" | awk -v s="$1" '$1 == s { print $2 }'; }

python3 "$TMP/load.py" "$URL" "$N" 7 "$TMP/titles" >"$TMP/out" &
load=$!
kills=0
for _ in $(seq 20); do
	sleep 0.3
	pid=$(workers | shuf -n 1)
	[[ -n $pid ]] && kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
done
wait "$load"
read -r good failed wrong <"$TMP/out"
diag "$good answers right, $failed failed, $wrong wrong; $kills workers killed"
[[ $good -gt 1000 ]]
ok $? "the load went on through $kills kills ($good answers)"
is "$wrong" 0 "no answer was torn or another movie's"
[[ $failed -le $kills ]]
ok $? "at most the requests in flight failed ($failed for $kills kills)"

# Afterwards: the memory answers the catalog from itself again.
sleep 1.5	# a slot a killed writer held is taken back after a second
python3 "$TMP/load.py" "$URL" "$N" 3 "$TMP/titles" >/dev/null
l0=$(metric 'streamify_memory_lookups_total{memory="catalog"}')
h0=$(metric 'streamify_memory_hits_total{memory="catalog"}')
python3 "$TMP/load.py" "$URL" "$N" 3 "$TMP/titles" >"$TMP/out2"
read -r good failed wrong <"$TMP/out2"
l1=$(metric 'streamify_memory_lookups_total{memory="catalog"}')
h1=$(metric 'streamify_memory_hits_total{memory="catalog"}')
is "$failed $wrong" "0 0" "after the kills: every answer right"
ratio=$(( (h1 - h0) * 100 / (l1 - l0 > 0 ? l1 - l0 : 1) ))
[[ $ratio -ge 95 ]]
ok $? "after the kills: $ratio% of lookups hit the shared memory"
done_testing
