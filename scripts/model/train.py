#!/usr/bin/env python3
"""Trains the sentence models (opinion, the child's voice) and writes their
weight files, quantised, with the thresholds the checker uses.

    python3 scripts/model/train.py ROWS.jsonl OUT_DIR

ROWS.jsonl comes from `cargo run --release --example model_rows`: the dev
split of the corpus (scored in cross validation) and the older per-note
labelled sets (extra training rows only; a row whose label is unknown, null,
is left out for that detector). For each detector this fits an L1-regularised logistic
regression (scikit-learn's liblinear: deterministic) over the sentences'
hashed features, choosing the regularisation by leave-one-writer-out cross
validation on note-level accuracy, so the choice rewards what carries over to
a writer the model has not seen (the strongest within C_TOLERANCE of the best). The thresholds come from the out-of-fold
predictions:

- a note shows it when its pooled log-odds (the log of the summed odds of
  its three strongest sentences) reach `present_at`, chosen for note
  accuracy;
- a note whose pooled log-odds are below `surely_absent_below` gets a "missing"
  warning; between the two it gets a question. `surely_absent_below` is the
  highest value that keeps false "missing" warnings (notes that have it but
  fall below) at or under MAX_FALSE_MISSING out of fold.

The category model reads ROWS-category.jsonl (written beside ROWS.jsonl):
each dev note's hashed features and labelled deadline category. It is a
multinomial logistic regression (L2, lbfgs, on one thread so that the same
rows give the same bytes), over the buckets that occur in at least
CATEGORY_MIN_NOTES notes; after quantising, weights of magnitude at most
CATEGORY_PRUNE are dropped, which keeps the file small at little cost. The
regularisation is chosen by leave-one-writer-out accuracy of the category as
the checker reports it: the stricter of the model's and the form's `event`.

Writes OUT_DIR/opinion.bin, OUT_DIR/voice.bin, OUT_DIR/category.bin (format:
src/facts/model.rs) and OUT_DIR/training.txt (the cross-validated figures).
The same rows give the same bytes: `make model-check` retrains and compares
with the shipped files.
"""
import json
import os
import struct
import sys

import numpy as np
from scipy.sparse import csr_matrix
import joblib
from joblib import Parallel, delayed
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

BITS = 14
# Cross-validation folds run in parallel, one process each with one thread:
# each fold's fit is the same computation wherever it runs, so the bytes do
# not depend on the number of processes (1 and 2 were compared: the same
# files). On two quiet cores `make model` took 13 min 52 s for 26 writers,
# against about 19 min in one process for 23; 18 min 26 s for 29 (with a
# build running beside it). MODEL_JOBS sets the number.
JOBS = int(os.environ.get("MODEL_JOBS", "0")) or joblib.cpu_count()
C_GRID = [0.5, 1.0, 2.0, 4.0]
# The strongest regularisation whose out-of-fold accuracy is within this of the
# best is chosen: differences this small are noise between writers, and the
# sparser model is smaller to ship and changes less when writers are added.
C_TOLERANCE = 0.005
MAX_FALSE_MISSING = 0.02
DETECTORS = [("opinion", 0), ("voice", 1)]
# A note's score pools its strongest sentences (facts::model::POOLED).
POOLED = 3
# Category::ALL, strictest first.
CATEGORIES = ["high_risk", "s47_strategy_significant", "statutory_visit", "other"]
CATEGORY_DETECTOR = 2
CATEGORY_C_GRID = [0.1, 0.25, 0.5, 1.0]
CATEGORY_MIN_NOTES = 3
# Quantised weights of at most this magnitude (of 127) are dropped. Measured
# on 15 writers, out of fold: 8 keeps 1,338 buckets (8.0 KB) at 0.946; 12
# keeps 537 (3.2 KB) at 0.946; 16 keeps 267 at 0.942.
CATEGORY_PRUNE = 12


def load(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    return rows


def matrix(rows, key):
    indptr, indices = [0], []
    for r in rows:
        indices.extend(sorted(set(r[key])))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(rows), 1 << BITS))


def fit(X, y, c):
    model = LogisticRegression(penalty="l1", C=c, solver="liblinear", max_iter=1000, random_state=0, tol=1e-6)
    model.fit(X, y)
    return model


def note_level(rows, logits, detector=None):
    """Each note's pooled log-odds, as the checker computes them
    (the log of `facts::model::note_odds`): the log of the summed odds of its POOLED
    strongest sentences. For the voice, a sentence the checker's guard rules
    out (`voice_allowed` false) cannot count."""
    per_note = {}
    for r, z in zip(rows, logits):
        if detector == "voice" and not r.get("voice_allowed", True):
            z = -np.inf
        per_note.setdefault(r["note"], []).append(float(z))
    return {note: pooled(zs) for note, zs in per_note.items()}


def pooled(logits):
    top = sorted((np.float32(z) for z in logits if np.isfinite(z)), reverse=True)[:POOLED]
    if not top:
        return -np.inf
    m = float(top[0])
    return float(np.float32(m + np.log(sum(np.exp(float(z) - m) for z in top))))


def accuracy_at(best, labels, t):
    return np.mean([(best[n] >= t) == labels[n] for n in best])


def choose_threshold(best, labels):
    """The note-level (pooled) log-odds threshold with the best note accuracy (ties: lowest)."""
    candidates = sorted(set(np.round([v for v in best.values() if np.isfinite(v)], 4)))
    scored = [(accuracy_at(best, labels, t), -t) for t in candidates]
    acc, neg_t = max(scored)
    return float(-neg_t), float(acc)


def choose_absent(best, labels, present_at):
    """The highest threshold below which at most MAX_FALSE_MISSING of the
    notes that have it fall."""
    present = sorted(best[n] for n in best if labels[n])
    present = [p for p in present if np.isfinite(p)] or [present_at]
    allowed = int(np.floor(MAX_FALSE_MISSING * len(present)))
    t = present[allowed] if allowed < len(present) else present_at
    return float(min(t, present_at))


def sentence_fold(X, y, test, c):
    with threadpool_limits(limits=1):
        return fit(X[~test], y[~test], c).decision_function(X[test])


def cross_validate(rows, X, y, grid):
    """Out-of-fold log-odds for the scored rows, one corpus writer held out at
    a time, for each regularisation in `grid`; the unscored rows always train."""
    writers = sorted({r["writer"] for r in rows if r["scored"]})
    tests = [np.array([r["writer"] == w for r in rows]) for w in writers]
    folds = Parallel(n_jobs=JOBS)(delayed(sentence_fold)(X, y, test, c) for c in grid for test in tests)
    out = []
    for i, _ in enumerate(grid):
        logits = np.zeros(len(rows))
        for test, fold in zip(tests, folds[i * len(tests) : (i + 1) * len(tests)]):
            logits[test] = fold
        out.append(logits)
    return out


def quantise(weights):
    scale = float(np.max(np.abs(weights))) / 127.0 if np.any(weights) else 1.0
    q = np.round(weights / scale).astype(np.int64)
    return scale, q


def write_model(path, detector_id, bias, scale, q, present_at, absent_below):
    nonzero = [(i, int(v)) for i, v in enumerate(q) if v != 0]
    out = bytearray(b"CNCM")
    out += bytes([1, BITS, detector_id, 0])
    out += struct.pack("<ffff", bias, scale, present_at, absent_below)
    out += struct.pack("<I", len(nonzero))
    for i, v in nonzero:
        out += struct.pack("<Hb", i, v)
    with open(path, "wb") as f:
        f.write(bytes(out))
    return len(nonzero)


def quantised_logits(X, bias, scale, q):
    # As the checker computes them: f32 bias plus f32 scale times the integer sum.
    sums = X @ q.astype(np.float64)
    return np.float32(bias) + np.float32(scale) * sums.astype(np.float32)


def main(rows_path, out_dir):
    rows = load(rows_path)
    scored_notes = len({r["note"] for r in rows if r["scored"]})
    extra_notes = len({r["note"] for r in rows if not r["scored"]})
    report = [
        f"{len(rows)} sentences of {scored_notes} corpus notes and {extra_notes} per-note labelled notes; "
        f"{1 << BITS} buckets; cross-validated leaving one corpus writer out"
    ]
    for name, detector_id in DETECTORS:
        usable = [r for r in rows if r["y_" + name] is not None]
        scored = np.array([r["scored"] for r in usable])
        X = matrix(usable, "features")
        y = np.array([bool(r["y_" + name]) for r in usable])
        labels = {r["note"]: bool(r["note_" + name]) for r in usable if r["scored"]}
        scored_rows = [r for r in usable if r["scored"]]
        results = []
        for c, logits in zip(C_GRID, cross_validate(usable, X, y, C_GRID)):
            logits = logits[scored]
            best = note_level(scored_rows, logits, name)
            t, acc = choose_threshold(best, labels)
            results.append((acc, -c, c, t, logits))
            report.append(f"{name}: C={c}: out-of-fold note accuracy {acc:.3f} at log-odds {t:.3f}")
        best_acc = max(r[0] for r in results)
        acc, _, c, _, logits = min((r for r in results if r[0] >= best_acc - C_TOLERANCE), key=lambda r: r[2])
        best = note_level(scored_rows, logits, name)
        present_at, _ = choose_threshold(best, labels)
        absent_below = choose_absent(best, labels, present_at)
        have = [n for n in best if labels[n]]
        lack = [n for n in best if not labels[n]]
        recall = np.mean([best[n] >= present_at for n in have])
        false_missing = np.mean([best[n] < absent_below for n in have])
        false_present = np.mean([best[n] >= present_at for n in lack])
        report.append(
            f"{name}: chose C={c}: out of fold, accuracy {acc:.3f}, recall {recall:.3f}, "
            f"false \"missing\" warnings {false_missing:.3f}, false present {false_present:.3f}; "
            f"present at log-odds {present_at:.3f}, surely absent below {absent_below:.3f}"
        )
        model = fit(X, y, c)
        bias = float(model.intercept_[0])
        scale, q = quantise(model.coef_[0])
        kept = write_model(f"{out_dir}/{name}.bin", detector_id, bias, scale, q, present_at, absent_below)
        final = note_level(scored_rows, quantised_logits(X[scored], bias, scale, q), name)
        train_acc = accuracy_at(final, labels, present_at)
        report.append(f"{name}: {kept} non-zero weights; accuracy on the training notes after quantising {train_acc:.3f}")
    with threadpool_limits(limits=1):
        train_category(rows_path.removesuffix(".jsonl") + "-category.jsonl", out_dir, report)
    with open(f"{out_dir}/training.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(report) + "\n")
    print("\n".join(report))


def category_weights(X, y, keep, c):
    """The quantised, pruned weights (categories × buckets), biases and scale."""
    model = LogisticRegression(C=c, max_iter=10000, tol=1e-8)
    model.fit(X[:, keep], y)
    weights = np.zeros((len(CATEGORIES), X.shape[1]))
    weights[:, keep] = model.coef_
    scale, q = quantise(weights)
    q[np.abs(q) <= CATEGORY_PRUNE] = 0
    return q, model.intercept_.astype(np.float32), np.float32(scale)


def category_fold(X, y, keep, test, c):
    with threadpool_limits(limits=1):
        q, biases, scale = category_weights(X[~test], y[~test], keep, c)
        return category_of(X[test], q, biases, scale)


def category_of(X, q, biases, scale):
    # As the checker computes it: f32 biases plus f32 scale times integer sums;
    # the first (strictest) of equal log-odds wins.
    sums = (X @ q.T.astype(np.float64)).astype(np.float32)
    return np.argmax(biases + scale * sums, axis=1)


def reported(predicted, forms):
    """The category the checker reports: the stricter of the text's and the form's."""
    return np.array([min(p, CATEGORIES.index(f)) if f is not None else p for p, f in zip(predicted, forms)])


def train_category(path, out_dir, report):
    rows = load(path)
    X = matrix(rows, "features").tocsc()
    y = np.array([CATEGORIES.index(r["category"]) for r in rows])
    forms = [r["form"] for r in rows]
    notes_with = np.asarray((X > 0).sum(axis=0)).ravel()
    keep = notes_with >= CATEGORY_MIN_NOTES
    writers = sorted({r["writer"] for r in rows if r["scored"]})
    scored = np.array([r["scored"] for r in rows])
    report.append(f"category: {int(scored.sum())} corpus notes and {int((~scored).sum())} per-note labelled notes; {int(keep.sum())} buckets in at least {CATEGORY_MIN_NOTES} notes; cross-validated leaving one writer out")
    results = []
    tests = [np.array([r["writer"] == w for r in rows]) for w in writers]
    folds = Parallel(n_jobs=JOBS)(delayed(category_fold)(X, y, keep, test, c) for c in CATEGORY_C_GRID for test in tests)
    for i, c in enumerate(CATEGORY_C_GRID):
        predicted = np.zeros(len(rows), dtype=np.int64)
        for test, fold in zip(tests, folds[i * len(tests) : (i + 1) * len(tests)]):
            predicted[test] = fold
        acc = float(np.mean((reported(predicted, forms) == y)[scored]))
        report.append(f"category: C={c}: out-of-fold accuracy {acc:.3f}")
        results.append((acc, -c, c))
    best_acc = max(r[0] for r in results)
    acc, _, c = min((r for r in results if r[0] >= best_acc - C_TOLERANCE), key=lambda r: r[2])
    q, biases, scale = category_weights(X, y, keep, c)
    buckets = [b for b in range(q.shape[1]) if np.any(q[:, b] != 0)]
    out = bytearray(b"CNCM")
    out += bytes([1, BITS, CATEGORY_DETECTOR, 0])
    out += struct.pack("<fffff", *[float(b) for b in biases], float(scale))
    out += struct.pack("<I", len(buckets))
    for b in buckets:
        out += struct.pack("<H", b) + struct.pack("<4b", *[int(v) for v in q[:, b]])
    with open(f"{out_dir}/category.bin", "wb") as f:
        f.write(bytes(out))
    train_acc = float(np.mean((reported(category_of(X, q, biases, scale), forms) == y)[scored]))
    report.append(
        f"category: chose C={c}: out-of-fold accuracy {acc:.3f}; {len(buckets)} buckets with a weight; "
        f"accuracy on the training notes after quantising {train_acc:.3f}"
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
