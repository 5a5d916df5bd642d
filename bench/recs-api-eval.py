#!/usr/bin/python3
"""recs-api-eval.py: the held-out-users evaluation of `streamify-batch eval`, through the API.

Against a running stack (`PORT=... ./dev run`, which imports data/ml-latest-small), on the
split --split (temporal, random or last, as `streamify-batch eval --split S --holdout-users`):

1. movielens_ratings is replaced by the training ratings of the fitted users (those with
   splitmix64(userId) % 5 != 0), so the batch learns from exactly what the evaluation's
   models learn from, and `streamify-batch similar` runs;
2. every held-out user (the other 143) is registered through POST /api/register, and their
   training ratings are sent with PUT /api/ratings/{id}, oldest first, after the batch ran:
   users the batch never saw, as a user who joined after the nightly run;
3. GET /api/recommendations?limit=10 for each of them, and P@10, R@10, NDCG@10 and hit rate
   against their held-out ratings >= 4, as the evaluation computes them.

Compare with the "service" row of `streamify-batch eval --split S --holdout-users`. The stack's
own MovieLens ratings are gone afterwards (run `streamify-import movielens` again, or use a
throwaway stack). Standard library only.

usage: bench/recs-api-eval.py --var VAR [--base URL] [--split S] [--data DIR]
"""
import csv
import http.client
import importlib.util
import json
import math
import os
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("recs_ease", os.path.join(HERE, "recs-ease.py"))
ease = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ease)


def arg(name, default):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


def sql(var, text):
    """Run trusted SQL as root on the stack's database; returns the output rows."""
    out = subprocess.run(["mariadb", "--no-defaults", "--protocol=socket",
                          f"--socket={var}/run/mysqld.sock", "-uroot", "-N", "streamify"],
                         input=text, capture_output=True, text=True, check=True)
    return [line.split("\t") for line in out.stdout.splitlines()]


class Api:
    def __init__(self, base):
        u = urllib.parse.urlparse(base)
        self.host, self.port = u.hostname, u.port or 80
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def call(self, method, path, token=None, body=None):
        headers = {}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                r = self.conn.getresponse()
                text = r.read()
                return r.status, (json.loads(text) if text else None)
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                if attempt:
                    raise
        return 0, None


def main():
    var = arg("--var", "var")
    base = arg("--base", "http://127.0.0.1:8080")
    kind = arg("--split", "temporal")
    data = arg("--data", "data/ml-latest-small")
    conf = os.path.join(var, "streamify.conf")
    _, per_user = ease.load(data)
    train, test = ease.split(per_user, kind)
    ids = {int(k): int(v) for k, v in sql(var, "SELECT source_key, movie_id FROM import_rows "
                                               "WHERE source = 'movielens'")}
    back = {v: k for k, v in ids.items()}
    fitted = [u for u in sorted(train) if ease.mix64(u) % 5 != 0]
    judged = [u for u in sorted(train) if ease.mix64(u) % 5 == 0]

    t0 = time.time()
    rows = [f"({u},{ids[m]},{s:.1f},FROM_UNIXTIME({ts}))"
            for u in fitted for (ts, m, s) in train[u] if m in ids]
    stmts = ["SET time_zone = '+00:00';", "DELETE FROM movielens_ratings;"]
    for i in range(0, len(rows), 5000):
        stmts.append("INSERT INTO movielens_ratings (ml_user_id, movie_id, score, rated_at) "
                     "VALUES " + ",".join(rows[i:i + 5000]) + ";")
    sql(var, "\n".join(stmts))
    subprocess.run([os.path.join(HERE, "..", "batch", "streamify-batch"), "--config", conf,
                    "similar", "--quiet"], check=True)
    print(f"{len(rows)} training ratings of {len(fitted)} fitted users loaded, batch run, "
          f"{time.time() - t0:.0f} s", flush=True)

    api = Api(base)
    tag = f"ev{os.getpid()}"
    tokens = {}
    for u in judged:
        name = f"{tag}u{u}"
        body = {"username": name, "email": f"{name}@example.com", "password": "correct horse 1"}
        while True:
            st, js = api.call("POST", "/api/register", body=body)
            if st != 429:
                break
            time.sleep(1)
        if st != 201:
            sys.exit(f"register {name}: {st} {js}")
        tokens[u] = js["data"]["access_token"]
    puts = 0
    for u in judged:
        for (_, m, s) in train[u]:
            if m not in ids:
                continue
            st, js = api.call("PUT", f"/api/ratings/{ids[m]}", tokens[u], {"score": s})
            if st not in (200, 201):
                sys.exit(f"PUT rating of user {u}: {st} {js}")
            puts += 1
    print(f"{len(judged)} held-out users registered, {puts} ratings PUT, "
          f"{time.time() - t0:.0f} s", flush=True)

    recs, nrated = {}, {}
    for u in fitted:
        for (_, m, _) in train[u]:
            nrated[m] = nrated.get(m, 0) + 1
    for u in judged:
        st, js = api.call("GET", "/api/recommendations?limit=10", tokens[u])
        if st != 200:
            sys.exit(f"GET recommendations of user {u}: {st} {js}")
        recs[u] = [back.get(r["id"], -1) for r in js["results"]]
    p, r, n, h, cnt, rare = ease.metrics(recs, test, nrated)
    print(f"API, {kind} split, held-out users: {time.time() - t0:.0f} s")
    print(f"{'model':<14} {'P@10':>7} {'R@10':>7} {'NDCG@10':>8} {'HR@10':>7} {'rare<5':>7}  users")
    print(f"{'api':<14} {p:7.4f} {r:7.4f} {n:8.4f} {h:7.4f} {rare:7.4f}  {cnt}")


if __name__ == "__main__":
    main()
