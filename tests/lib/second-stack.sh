#!/bin/bash
# second-stack.sh: a second worker pool and nginx beside the test stack, on the same database,
# with settings of its own, for the behaviours a setting switches (the test stack keeps the
# defaults, edge_cache_ttl = 0 among them), or on another database (test-backup.sh restores one).
# Made from the test stack's configuration and nginx.conf; the same secrets, so tokens are good on
# both. Used by tests/api/test-recovery.c, tests/ops/test-backup.sh, tests/ops/test-edge-cache.sh.
#
#   second-stack.sh start DIR PORT [NAME=VALUE...]   pool + nginx on 127.0.0.1:PORT, logs in DIR;
#                                                     each NAME=VALUE replaces or adds a setting
#   second-stack.sh stop DIR                          stops both
#
# Needs the variables ./dev test exports (STREAMIFY_TEST_CONFIG, STREAMIFY_TEST_VAR) and
# STREAMIFY_BUILDDIR.
set -u
cmd=${1:-} dir=${2:-}
[[ -n $cmd && -n $dir ]] || { echo "usage: second-stack.sh start DIR PORT [NAME=VALUE...] | stop DIR" >&2; exit 2; }
VAR=${STREAMIFY_TEST_VAR:?}
BUILD=${STREAMIFY_BUILDDIR:-.}

stop_pid() {
	local f=$1 p n
	[[ -s $f ]] || return 0
	p=$(<"$f")
	kill -TERM "$p" 2>/dev/null || return 0
	for ((n = 0; n < 100; n++)); do
		kill -0 "$p" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -KILL "$p" 2>/dev/null || true
}

case $cmd in
start)
	port=${3:?}
	shift 3
	mkdir -p "$dir/nginx/tmp"
	sed -e "s|^socket = .*|socket = $dir/fcgi.sock|" "$STREAMIFY_TEST_CONFIG" >"$dir/streamify.conf"
	for kv in "$@"; do
		name=${kv%%=*} value=${kv#*=}
		if grep -q "^$name = " "$dir/streamify.conf"; then
			sed -i "s|^$name = .*|$name = $value|" "$dir/streamify.conf"
		else
			printf '%s = %s\n' "$name" "$value" >>"$dir/streamify.conf"
		fi
	done
	chmod 600 "$dir/streamify.conf"
	"$BUILD/cgi-bin/streamify-fcgi" --config "$dir/streamify.conf" --pidfile "$dir/fcgi.pid" \
		</dev/null >>"$dir/fcgi.log" 2>&1 &
	for ((n = 0; n < 300; n++)); do
		[[ -S $dir/fcgi.sock ]] && break
		sleep 0.1
	done
	[[ -S $dir/fcgi.sock ]] || { echo "second-stack: the pool did not start" >&2; tail "$dir/fcgi.log" >&2; exit 1; }
	sed -e "s|unix:$VAR/run/streamify.sock|unix:$dir/fcgi.sock|g" \
		-e "s|listen 127.0.0.1:[0-9]*;|listen 127.0.0.1:$port;|" \
		-e "s|^pid .*|pid $dir/nginx.pid;|" -e "s|$VAR/log/|$dir/|g" \
		-e "s|$VAR/nginx/tmp/|$dir/nginx/tmp/|g" -e "s|$VAR/nginx/cache|$dir/nginx/cache|" \
		"$VAR/nginx/nginx.conf" >"$dir/nginx/nginx.conf"
	nginx -p "$dir/nginx/" -c "$dir/nginx/nginx.conf" -e "$dir/nginx-error.log" -g 'daemon off;' \
		</dev/null >>"$dir/nginx.log" 2>&1 &
	for ((n = 0; n < 100; n++)); do
		[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/health") == 200 ]] && exit 0
		sleep 0.1
	done
	echo "second-stack: nginx does not answer on $port" >&2
	exit 1
	;;
stop)
	stop_pid "$dir/nginx.pid"
	stop_pid "$dir/fcgi.pid"
	;;
*)
	echo "second-stack.sh: unknown command $cmd" >&2
	exit 2
	;;
esac
