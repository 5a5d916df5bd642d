#!/usr/bin/env bash
# bench/library.sh: the library's load scenarios next to the hello-world reference:
# history-put (PUT /api/history/{id}, durable upserts) and movie-auth (GET /api/movies/{id} with
# a token: detail + user_state). bench/library-setup.lua registers one user for the token (or
# takes BENCH_TOKEN) and picks the movies (the catalog's, or fixtures in an empty stack).
# Without STREAMIFY_BENCH_URL, bench/run brings up a throwaway stack first.
# Knobs: those of bench/run, BENCH_MOVIES (how many movies the reports rotate over, default
# 100; 1 = one hot row) and BENCH_MOVIE_IDS ("1,2,3": exactly these).
set -euo pipefail
SRCDIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
exec "$SRCDIR/bench/run" history-put movie-auth "$@"
