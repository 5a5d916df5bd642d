#!/usr/bin/python3
"""recs-sklearn.py: content similarity of the batch against scikit-learn on the same features.

Builds each MovieLens movie's feature strings as batch/cmd_eval.c does (g:<genre>,
t:<tag lower-cased>, y:<decade>), weights them as the core does (group weight x
(1 + ln count) x smoothed IDF, then L2), takes the 10 most similar movies by cosine with
scikit-learn (CountVectorizer + TfidfTransformer + sparse dot product), and compares with
the lists that `streamify-batch eval --neighbours 10 --dump-content FILE` wrote.
A C neighbour agrees when sklearn's cosine for it is within 1e-5 of sklearn's 10th best
(ties may be broken either way). Also compares the time of the two computations.

usage: bench/recs-sklearn.py [DATA_DIR]   (run from the build tree; Debian python3-sklearn)
"""
import csv
import os
import subprocess
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

W = {"g": 1.0, "t": 1.0, "y": 0.3}   # w_genre, w_keyword, w_decade defaults


def features(d):
    ids, docs = [], {}
    with open(f"{d}/movies.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            m = int(r["movieId"])
            ids.append(m)
            toks = [f"g:{g}" for g in r["genres"].split("|") if g != "(no genres listed)"]
            t = r["title"].rstrip()
            if len(t) >= 6 and t[-1] == ")" and t[-6] == "(" and t[-5:-1].isdigit():
                year = int(t[-5:-1])
                if year > 0:
                    toks.append(f"y:{year // 10}")
            docs[m] = toks
    with open(f"{d}/tags.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            m = int(r["movieId"])
            tag = r["tag"].lower().lstrip()
            if m in docs and tag:
                docs[m].append(f"t:{tag}")
    return ids, [docs[m] for m in ids]


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "data/ml-latest-small"
    if not os.path.exists(f"{d}/ratings.csv"):
        d = "../shared/data/ml-latest-small"
    dump = "/tmp/recs-content10.txt"
    subprocess.run(["batch/streamify-batch", "--config", "/dev/null", "eval", "--data", d,
                    "--neighbours", "10", "--threads", "1", "--dump-content", dump],
                   check=True, stdout=subprocess.DEVNULL)
    c_lists, c_time = {}, None
    with open(dump) as f:
        for line in f:
            if line.startswith("#"):
                c_time = float(line.split(" in ")[1].split()[0])
                continue
            p = line.split()
            c_lists[int(p[0])] = [int(x.split(":")[0]) for x in p[1:]]
    ids, docs = features(d)
    t0 = time.time()
    cv = CountVectorizer(analyzer=lambda x: x)
    counts = cv.fit_transform(docs)
    tf = TfidfTransformer(norm=None, smooth_idf=True, sublinear_tf=True)
    X = tf.fit_transform(counts).tocsc()
    names = cv.get_feature_names_out()
    X = X.multiply(np.array([W[n[0]] for n in names])).tocsr()
    X = normalize(X)
    S = (X @ X.T).tocsr()
    S.setdiag(0)
    S.eliminate_zeros()
    sk_product = time.time() - t0
    sk = {}
    for i in range(S.shape[0]):
        row = S.getrow(i)
        order = np.lexsort((row.indices, -row.data))[:10]
        sk[ids[i]] = (row, [row.indices[j] for j in order], [row.data[j] for j in order])
    sk_time = time.time() - t0
    col = {m: i for i, m in enumerate(ids)}
    agree = total = 0
    for i, m in enumerate(ids):
        row, top, vals = sk[m]
        want = min(10, len(top))
        total += want
        if want == 0:
            continue
        tenth = vals[want - 1]
        cosine = dict(zip(row.indices, row.data))
        for n in c_lists.get(m, [])[:want]:
            if cosine.get(col[n], 0) >= tenth - 1e-5:
                agree += 1
    print(f"content top-10 agreement with scikit-learn: {agree / total * 100:.2f}% "
          f"({agree} of {total} neighbours, {len(ids)} movies)")
    print(f"time: streamify core {c_time:.3f} s (1 thread, top-50 kept), scikit-learn "
          f"{sk_time:.3f} s with the top-10 selection (x{sk_time / c_time:.1f}), "
          f"{sk_product:.3f} s for the similarity matrix alone (x{sk_product / c_time:.1f})")


if __name__ == "__main__":
    main()
