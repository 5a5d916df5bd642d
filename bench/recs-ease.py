#!/usr/bin/python3
"""recs-ease.py: the EASE bar (Steck 2019) on the same split as `streamify-batch eval`.

Protocol (the same as batch/cmd_eval.c): per user, ratings sorted by (timestamp, movieId);
the last ceil(20%) are the test set; positives are test ratings >= 4.0; the model trains on
the rest (every training rating is an interaction, X binary); 10 unseen movies per user
(training items excluded); precision, recall, NDCG, hit rate @10 and catalog coverage
(distinct recommended movies / movies in movies.csv), averaged over users with a positive.

usage: bench/recs-ease.py [DATA_DIR] [--lambda 500] [--positive-only]
Needs numpy (Debian python3-numpy). Not used by ./dev test.
"""
import csv
import math
import sys
import time

import numpy as np


def load(d):
    with open(f"{d}/movies.csv", newline="", encoding="utf-8") as f:
        nmovies = sum(1 for _ in csv.DictReader(f))
    per_user = {}
    with open(f"{d}/ratings.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            per_user.setdefault(int(r["userId"]), []).append(
                (int(r["timestamp"]), int(r["movieId"]), float(r["rating"])))
    return nmovies, per_user


def split(per_user):
    train, test = {}, {}
    for u, rs in per_user.items():
        rs.sort()
        ntest = (len(rs) * 2 + 9) // 10          # ceil(20%)
        train[u] = rs[:len(rs) - ntest]
        test[u] = [m for (_, m, s) in rs[len(rs) - ntest:] if s >= 4.0]
    return train, test


def metrics(recs, test, k=10):
    p = r = n = h = 0.0
    users = 0
    for u, rel in test.items():
        if not rel:
            continue
        rel = set(rel)
        ranked = recs[u][:k]
        hits = [i for i, m in enumerate(ranked) if m in rel]
        dcg = sum(1 / math.log2(i + 2) for i in hits)
        idcg = sum(1 / math.log2(i + 2) for i in range(min(k, len(rel))))
        p += len(hits) / k
        r += len(hits) / len(rel)
        n += dcg / idcg
        h += 1 if hits else 0
        users += 1
    return p / users, r / users, n / users, h / users, users


def main():
    argv = sys.argv[1:]
    lam = 500.0
    if "--lambda" in argv:
        i = argv.index("--lambda")
        lam = float(argv[i + 1])
        del argv[i:i + 2]
    positive_only = "--positive-only" in argv
    args = [a for a in argv if not a.startswith("--")]
    d = args[0] if args else "/work/shared/data/ml-latest-small"
    nmovies, per_user = load(d)
    train, test = split(per_user)
    items = sorted({m for rs in train.values() for (_, m, s) in rs
                    if not positive_only or s >= 4.0})
    col = {m: i for i, m in enumerate(items)}
    users = sorted(train)
    X = np.zeros((len(users), len(items)), dtype=np.float64)
    for ui, u in enumerate(users):
        for (_, m, s) in train[u]:
            if m in col and (not positive_only or s >= 4.0):
                X[ui, col[m]] = 1.0
    t0 = time.time()
    G = X.T @ X
    G[np.diag_indices_from(G)] += lam
    P = np.linalg.inv(G)
    B = -P / np.diag(P)
    B[np.diag_indices_from(B)] = 0
    S = X @ B
    fit = time.time() - t0
    recs = {}
    for ui, u in enumerate(users):
        s = S[ui].copy()
        for (_, m, _) in train[u]:
            if m in col:
                s[col[m]] = -np.inf
        top = np.argsort(-s, kind="stable")[:10]
        recs[u] = [items[i] for i in top]
    p, r, n, h, cnt = metrics(recs, test)
    cov = len({m for v in recs.values() for m in v}) / nmovies
    print(f"EASE lambda={lam:g}{' positive-only' if positive_only else ''}: "
          f"{len(items)} items, {len(users)} users, fit {fit:.1f} s")
    print(f"{'model':<14} {'P@10':>7} {'R@10':>7} {'NDCG@10':>8} {'HR@10':>7} {'cover':>7} users")
    print(f"{'ease':<14} {p:7.4f} {r:7.4f} {n:8.4f} {h:7.4f} {cov:7.4f} {cnt}")


if __name__ == "__main__":
    main()
