#!/bin/bash
# test-ops-files.sh: the operator's files hold: the Prometheus configuration and alert rules
# pass promtool (syntax, and the rules' unit tests), the Grafana dashboard is JSON, and
# every metric the rules and the dashboard use is one the running pool exposes.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
tap_need_stack
SRC=${STREAMIFY_TEST_SRCDIR:-${STREAMIFY_SRCDIR:-.}}
ETC="$SRC/etc"

command -v promtool >/dev/null
ok $? "promtool is installed (Debian's prometheus; ./dev test installs it)"
out=$(promtool check config "$ETC/prometheus/prometheus.yml" 2>&1)
ok $? "promtool check config etc/prometheus/prometheus.yml"
out=$(promtool check rules "$ETC/prometheus/streamify-alerts.yml" 2>&1)
ok $? "promtool check rules etc/prometheus/streamify-alerts.yml"
out=$(cd "$ETC/prometheus" && promtool test rules streamify-alerts.test.yml 2>&1)
rc=$?
ok $rc "promtool test rules: each alert fires when it should and not otherwise"
((rc == 0)) || diag "$out"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["panels"]' \
	"$ETC/grafana/streamify-dashboard.json"
ok $? "etc/grafana/streamify-dashboard.json is a dashboard in JSON"

# Every metric named in the rules and the dashboard, against a scrape of the pool.
scrape=$(curl -sf "$STREAMIFY_TEST_URL/metrics")
ok $? "a scrape of /metrics"
have=$(sed -n 's/^\([a-z_]*\)[{ ].*/\1/p' <<<"$scrape" | sort -u)
used=$(grep -ohE '\b(streamify|process)_[a-z_]+' "$ETC/prometheus/streamify-alerts.yml" \
	"$ETC/grafana/streamify-dashboard.json" | sort -u)
missing=
for m in $used; do
	grep -qx "$m" <<<"$have" || missing+=" $m"
done
is "${missing# }" "" "every streamify_* and process_* metric of the rules and the dashboard is exposed"
n=$(wc -w <<<"$used")
[[ $n -ge 20 ]]
ok $? "the rules and the dashboard cover 20 or more metrics ($n)"
done_testing
