#!/usr/bin/env bash
# bench/library.sh: the library's load scenarios next to the hello-world reference:
# history-put (PUT /api/history/{id}, durable upserts) and movie-auth (GET /api/movies/{id} with
# a token: detail + user_state). bench/library-token.lua registers one user for the token (or
# takes BENCH_TOKEN). Without STREAMIFY_BENCH_URL, bench/run brings up a throwaway stack first.
# Knobs: those of bench/run, and BENCH_MOVIES (movie ids the reports rotate over, default 100).
set -euo pipefail
SRCDIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
exec "$SRCDIR/bench/run" history-put movie-auth "$@"
