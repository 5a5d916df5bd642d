#!/usr/bin/python3
"""recs-sklearn.py: content similarity of the batch against scikit-learn on the same features.

Two ways to get the batch's features and lists:

  bench/recs-sklearn.py [--repeat N] --config CONF [--threads N] [--keep FILE]
      any catalog in the database of CONF: runs `streamify-batch --config CONF similar
      --threads N --dump-content FILE` (content only; nothing is written to the database),
      which writes every movie's feature tokens exactly as the batch built them (g genre,
      k keyword repeated by its count, c top cast, d director, l language, y decade), the
      group weights, its content top list and the time rec_content took.
  bench/recs-sklearn.py --dump FILE
      the same from a dump written earlier.
  bench/recs-sklearn.py [DATA_DIR]
      MovieLens CSV files (default data/ml-latest-small): the features are re-derived here
      as batch/cmd_eval.c builds them (g:<genre>, t:<tag lower-cased>, y:<decade>) and the
      lists come from `streamify-batch eval --neighbours 10 --dump-content FILE`.

scikit-learn then does the original method on those tokens: CountVectorizer (counts),
tf 1 + ln(count) for keywords/tags and count for the other groups (as the batch), smoothed
IDF (TfidfTransformer, smooth_idf), times the group weight, L2 (normalize), cosine as a
sparse product X X^T, and the 10 most similar movies of each (vectorised: argpartition over
blocks of 1,000 dense rows of the product, the movie itself left out). Times: scikit-learn's
from the token lists to the product, then with the top-10; the batch's is rec_content alone
(TF-IDF, index, products, its top lists), from the dump. A batch neighbour agrees when sklearn's cosine
for it is within 1e-5 of sklearn's 10th best (ties may be broken either way).
Every computation runs --repeat times (default 3) and the best time of each is compared.
Run from the build tree; Debian python3-sklearn (/usr/bin/python3).
"""
import csv
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

K = 10
BLOCK = 1000
SUBLINEAR = {"k", "t"}      # counted groups: tf = 1 + ln(count), as load_pairs does


def csv_features(d):
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


def read_lists(field):
    return [int(x.split(":")[0]) for x in field.split()]


def read_dump(path):
    """The similar --dump-content file: weights, time, threads, ids, token lists, C lists."""
    weights, c_time, threads, kept, ids, docs, c_lists = {}, None, None, None, [], [], {}
    with open(path) as f:
        for line in f:
            if line.startswith("# weights"):
                for kv in line.split()[2:]:
                    k, v = kv.split("=")
                    weights[k] = float(v)
            elif line.startswith("#"):
                c_time = float(line.rsplit(" in ", 1)[1].split()[0])
                threads = int(line.split(" threads")[0].rsplit(None, 1)[1])
                kept = int(line.split("top ")[1].split()[0])
            else:
                m, toks, lst = line.rstrip("\n").split("\t")
                ids.append(int(m))
                docs.append(toks.split())
                c_lists[int(m)] = read_lists(lst)
    return weights, c_time, threads, kept, ids, docs, c_lists


def sklearn_top(docs, weights):
    """Returns (S, top indices, top values, times: counting, the matrix, with the top-10).

    The matrix is the sparse product X X^T as it comes (its diagonal, each movie with
    itself, is left in: taking it out of a CSR matrix costs as much as the product); the
    top-10 takes blocks of BLOCK rows dense, puts -1 on the diagonal and argpartitions.
    """
    t0 = time.time()
    cv = CountVectorizer(analyzer=lambda x: x)
    counts = cv.fit_transform(docs).astype(np.float64).tocsr()
    t_count = time.time() - t0
    names = cv.get_feature_names_out()
    group = np.array([n.split(":", 1)[0] for n in names])
    sub = np.isin(group, list(SUBLINEAR))[counts.indices]
    counts.data[sub] = 1 + np.log(counts.data[sub])
    X = TfidfTransformer(norm=None, smooth_idf=True, sublinear_tf=False).fit_transform(counts)
    X = normalize(X @ sp.diags(np.array([weights[g] for g in group])))
    S = (X @ X.T).tocsr()
    t_matrix = time.time() - t0
    n = S.shape[0]
    top = np.zeros((n, K), dtype=np.int64)
    val = np.zeros((n, K))
    for a in range(0, n, BLOCK):
        D = S[a:a + BLOCK].toarray()
        D[np.arange(D.shape[0]), np.arange(a, a + D.shape[0])] = -1
        p = np.argpartition(D, D.shape[1] - K, axis=1)[:, D.shape[1] - K:]
        v = np.take_along_axis(D, p, axis=1)
        o = np.argsort(-v, axis=1, kind="stable")
        top[a:a + BLOCK] = np.take_along_axis(p, o, axis=1)
        val[a:a + BLOCK] = np.take_along_axis(v, o, axis=1)
    return S, top, val, t_count, t_matrix, time.time() - t0


def compare(ids, docs, weights, c_lists, c_times, threads, kept, what, repeat):
    runs = [sklearn_top(docs, weights) for _ in range(repeat)]
    S, top, val = runs[-1][:3]
    t_count = min(r[3] for r in runs)
    t_matrix = min(r[4] for r in runs)
    t_top = min(r[5] for r in runs)
    c_time = min(c_times)
    col = {m: i for i, m in enumerate(ids)}
    nnz = np.diff(S.indptr) - (S.diagonal() != 0)   # movies with a cosine > 0, self left out
    rows, cols, tenth = [], [], []
    total = 0
    for i, m in enumerate(ids):
        want = int(min(K, nnz[i]))
        total += want
        for n in c_lists.get(m, [])[:want]:
            rows.append(i)
            cols.append(col[n])
            tenth.append(val[i, want - 1])
    got = np.asarray(S[np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)]).ravel()
    agree = int(np.sum(got >= np.array(tenth) - 1e-5))
    print(f"{what}: content top-{K} agreement with scikit-learn: {agree / total * 100:.2f}% "
          f"({agree} of {total} neighbours, {len(ids)} movies, {S.shape[0]} rows)")
    print(f"time: streamify core {c_time:.3f} s ({threads} thread{'s' if threads != 1 else ''}, "
          f"top-{kept} kept); scikit-learn {t_matrix:.3f} s for the similarity matrix alone "
          f"(x{t_matrix / c_time:.1f}), {t_top:.3f} s with the vectorised top-{K} "
          f"(x{t_top / c_time:.1f}); of them CountVectorizer {t_count:.3f} s")
    print(f"best of {repeat} runs each; streamify " + ", ".join(f"{t:.3f}" for t in c_times)
          + "; scikit-learn matrix " + ", ".join(f"{r[4]:.3f}" for r in runs)
          + "; with top-10 " + ", ".join(f"{r[5]:.3f}" for r in runs))


def main():
    args = sys.argv[1:]
    repeat = 3
    if len(args) >= 2 and args[0] == "--repeat":
        repeat = int(args[1])
        args = args[2:]
    if args and args[0] in ("--config", "--dump"):
        opt = dict(zip(args[0::2], args[1::2]))
        path = opt.get("--dump") or opt.get("--keep")
        c_times = []
        if "--config" in opt:
            if path is None:
                path = tempfile.mkstemp(prefix="recs-content-", suffix=".txt")[1]
            for _ in range(repeat):
                subprocess.run(["batch/streamify-batch", "--config", opt["--config"],
                                "similar", "--quiet", "--threads", opt.get("--threads", "1"),
                                "--dump-content", path], check=True, stdout=subprocess.DEVNULL)
                c_times.append(read_dump(path)[1])
        weights, c_time, threads, kept, ids, docs, c_lists = read_dump(path)
        compare(ids, docs, weights, c_lists, c_times or [c_time], threads, kept,
                f"database ({len(ids)} movies)", repeat)
        if "--config" in opt and "--keep" not in opt:
            os.unlink(path)
        return
    d = args[0] if args else "data/ml-latest-small"
    dump = "/tmp/recs-content10.txt"
    c_times = []
    for _ in range(repeat):
        subprocess.run(["batch/streamify-batch", "--config", "/dev/null", "eval", "--data", d,
                        "--neighbours", "10", "--threads", "1", "--dump-content", dump],
                       check=True, stdout=subprocess.DEVNULL)
        c_lists = {}
        with open(dump) as f:
            for line in f:
                if line.startswith("#"):
                    c_times.append(float(line.rsplit(" in ", 1)[1].split()[0]))
                    continue
                p = line.split(None, 1)
                c_lists[int(p[0])] = read_lists(p[1] if len(p) > 1 else "")
    ids, docs = csv_features(d)
    compare(ids, docs, {"g": 1.0, "t": 1.0, "y": 0.3}, c_lists, c_times, 1, K,
            f"MovieLens CSV {d}", repeat)


if __name__ == "__main__":
    main()
