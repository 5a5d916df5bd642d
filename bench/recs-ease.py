#!/usr/bin/python3
"""recs-ease.py: the EASE bar (Steck 2019) on the same splits as `streamify-batch eval`.

Protocol (the same as batch/cmd_eval.c): per user, ratings sorted by (timestamp, movieId);
--split says which are held out: temporal (default) the last ceil(20%), random the ceil(20%)
with the smallest mix64(userId << 32 | movieId) (ties: the smaller movieId), last the very
last one. Positives are held-out ratings >= 4.0; the model trains on the rest (every training
rating is an interaction, or only those >= 4 with --positive-only; X binary) and recommends 10
unseen movies (training items excluded). Prints precision, recall, NDCG, hit rate @10, catalog
coverage (distinct recommended movies / movies in movies.csv) and the share of top-10 slots
filled by movies with fewer than 5 training ratings, averaged over users with a positive.
--holdout-users leaves the users with mix64(userId) % 5 == 0 out of the fit and judges only
them, as `streamify-batch eval --holdout-users` does.

The regularisation: --lambda L fixes it; otherwise it is chosen on a validation split made
from the training ratings by the same rule (the training part split again), from the grid
25, 50, 100, 200, 400, 800, and the model is then refitted on all the training ratings.

usage: bench/recs-ease.py [DATA_DIR] [--split temporal|random|last] [--lambda L]
                          [--positive-only] [--holdout-users]
Needs numpy (Debian python3-numpy). Not used by ./dev test.
"""
import csv
import math
import sys
import time

import numpy as np

M64 = (1 << 64) - 1
GRID = [25.0, 50.0, 100.0, 200.0, 400.0, 800.0]
RARE = 5


def mix64(x):
    """splitmix64's finalizer, as batch/cmd_eval.c."""
    x = (x + 0x9e3779b97f4a7c15) & M64
    x = ((x ^ (x >> 30)) * 0xbf58476d1ce4e5b9) & M64
    x = ((x ^ (x >> 27)) * 0x94d049bb133111eb) & M64
    return x ^ (x >> 31)


def load(d):
    with open(f"{d}/movies.csv", newline="", encoding="utf-8") as f:
        nmovies = sum(1 for _ in csv.DictReader(f))
    per_user = {}
    with open(f"{d}/ratings.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            per_user.setdefault(int(r["userId"]), []).append(
                (int(r["timestamp"]), int(r["movieId"]), float(r["rating"])))
    for rs in per_user.values():
        rs.sort()
    return nmovies, per_user


def split_one(u, rs, kind):
    """(training ratings in time order, held-out ratings) of one user's sorted ratings."""
    n = len(rs)
    ntest = (n * 2 + 9) // 10
    if kind == "temporal":
        return rs[:n - ntest], rs[n - ntest:]
    if kind == "last":
        return rs[:n - 1], rs[n - 1:]
    order = sorted(rs, key=lambda t: (mix64((u << 32) | t[1]), t[1]))
    test = {m for (_, m, _) in order[:ntest]}
    return [t for t in rs if t[1] not in test], [t for t in rs if t[1] in test]


def split(per_user, kind):
    train, test = {}, {}
    for u, rs in per_user.items():
        tr, te = split_one(u, rs, kind)
        train[u] = tr
        test[u] = [m for (_, m, s) in te if s >= 4.0]
    return train, test


def fit_recommend(train, fitted, judged, lam, positive_only):
    """Fit EASE on the fitted users' train ratings; top-10 for the judged users."""
    items = sorted({m for u in fitted for (_, m, s) in train[u]
                    if not positive_only or s >= 4.0})
    col = {m: i for i, m in enumerate(items)}
    X = np.zeros((len(fitted), len(items)), dtype=np.float64)
    for ui, u in enumerate(fitted):
        for (_, m, s) in train[u]:
            if not positive_only or s >= 4.0:
                X[ui, col[m]] = 1.0
    t0 = time.time()
    G = X.T @ X
    G[np.diag_indices_from(G)] += lam
    P = np.linalg.inv(G)
    B = -P / np.diag(P)
    B[np.diag_indices_from(B)] = 0
    Xj = np.zeros((len(judged), len(items)), dtype=np.float64)
    for ui, u in enumerate(judged):
        for (_, m, s) in train[u]:
            if m in col and (not positive_only or s >= 4.0):
                Xj[ui, col[m]] = 1.0
    S = Xj @ B
    fit = time.time() - t0
    recs = {}
    for ui, u in enumerate(judged):
        s = S[ui]
        for (_, m, _) in train[u]:
            if m in col:
                s[col[m]] = -np.inf
        top = np.argsort(-s, kind="stable")[:10]
        recs[u] = [items[i] for i in top]
    return recs, len(items), fit


def metrics(recs, test, nrated, k=10):
    p = r = n = h = 0.0
    users = slots = rare = 0
    for u, ranked in recs.items():
        rel = test.get(u)
        if not rel:
            continue
        rel = set(rel)
        ranked = ranked[:k]
        hits = [i for i, m in enumerate(ranked) if m in rel]
        dcg = sum(1 / math.log2(i + 2) for i in hits)
        idcg = sum(1 / math.log2(i + 2) for i in range(min(k, len(rel))))
        p += len(hits) / k
        r += len(hits) / len(rel)
        n += dcg / idcg
        h += 1 if hits else 0
        users += 1
        slots += len(ranked)
        rare += sum(1 for m in ranked if nrated.get(m, 0) < RARE)
    return p / users, r / users, n / users, h / users, users, rare / max(slots, 1)


def main():
    argv = sys.argv[1:]
    lam = None
    kind = "temporal"
    for opt in ("--lambda", "--split"):
        if opt in argv:
            i = argv.index(opt)
            if opt == "--lambda":
                lam = float(argv[i + 1])
            else:
                kind = argv[i + 1]
            del argv[i:i + 2]
    if kind not in ("temporal", "random", "last"):
        sys.exit("recs-ease.py: --split takes temporal, random or last")
    positive_only = "--positive-only" in argv
    holdout = "--holdout-users" in argv
    args = [a for a in argv if not a.startswith("--")]
    d = args[0] if args else "data/ml-latest-small"
    nmovies, per_user = load(d)
    train, test = split(per_user, kind)
    users = sorted(train)
    fitted = [u for u in users if not holdout or mix64(u) % 5 != 0]
    judged = [u for u in users if not holdout or mix64(u) % 5 == 0]
    chosen = ""
    if lam is None:
        # Validation: the training part split again by the same rule.
        vtrain, vtest = {}, {}
        for u in users:
            tr, te = split_one(u, train[u], kind)
            vtrain[u] = tr
            vtest[u] = [m for (_, m, s) in te if s >= 4.0]
        vrated = {}
        for u in fitted:
            for (_, m, _) in vtrain[u]:
                vrated[m] = vrated.get(m, 0) + 1
        best = None
        for g in GRID:
            recs, _, _ = fit_recommend(vtrain, fitted, judged, g, positive_only)
            ndcg = metrics(recs, vtest, vrated)[2]
            print(f"validation lambda={g:g}: NDCG@10 {ndcg:.4f}", flush=True)
            if best is None or ndcg > best[0]:
                best = (ndcg, g)
        lam = best[1]
        chosen = " (chosen on validation)"
    nrated = {}
    for u in fitted:
        for (_, m, _) in train[u]:
            nrated[m] = nrated.get(m, 0) + 1
    recs, nitems, fit = fit_recommend(train, fitted, judged, lam, positive_only)
    p, r, n, h, cnt, rare = metrics(recs, test, nrated)
    cov = len({m for u, v in recs.items() if test.get(u) for m in v}) / nmovies
    print(f"EASE lambda={lam:g}{chosen}{' positive-only' if positive_only else ''}, "
          f"{kind} split{', held-out users' if holdout else ''}: {nitems} items, "
          f"{len(fitted)} users fitted, {len(judged)} judged, fit {fit:.1f} s")
    print(f"{'model':<14} {'P@10':>7} {'R@10':>7} {'NDCG@10':>8} {'HR@10':>7} {'cover':>7} "
          f"{'rare<5':>7}  users")
    print(f"{'ease':<14} {p:7.4f} {r:7.4f} {n:8.4f} {h:7.4f} {cov:7.4f} {rare:7.4f}  {cnt}")


if __name__ == "__main__":
    main()
