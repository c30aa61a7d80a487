"""The tree-model benchmark's scikit-learn side (issue 22).

make:  fits StandardScaler → IsolationForest(n_estimators=100, random_state=0) (--kind iforest) or
       StandardScaler → RandomForestClassifier(n_estimators=100, max_depth=12, random_state=0) (--kind forest)
       as one Pipeline on a training table read with pyarrow into pandas (so the pipeline keeps
       feature_names_in_), and pickles the fitted Pipeline (protocol 4) — what a team ships.
       The forest's binary label is a deterministic nonlinear rule of the three features (see label()) with 10%
       of the labels flipped by numpy's default_rng(0): a curved boundary plus noise, so the trees grow to
       max_depth rather than stopping after a few splits.
score: scikit-learn's own scoring of that pickle on a table, i.e. what `shape score --model` writes: read the
       model's columns with pyarrow into pandas, then IsolationForest → Pipeline.decision_function and predict,
       forest → Pipeline.predict_proba and predict. Prints one JSON line with timings. With --predictions, also
       writes them as CSV (row, prediction, then decision_function or probability_<class> — shape's column
       names) for bench/compare.py; that write is outside the timed part (write_s).

Usage: tree_pipelines.py make --kind iforest|forest --data TRAIN.parquet --out MODEL.pkl
       tree_pipelines.py score --model MODEL.pkl --data PARQUET [--predictions OUT.csv]
"""
import argparse
import json
import pickle
import time

import numpy as np
import pyarrow.parquet as pq
import sklearn

import baseline
import fitted_pipeline
from sklearn.ensemble import IsolationForest, RandomForestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

FEATURES = ["vibration_x", "vibration_y", "vibration_z"]
# The seed table's means and standard deviations (data/dataset.parquet), fixed here so the rule does not
# depend on the training table.
CENTER = np.array([52.72, 85.96, 10.78])
SCALE = np.array([6.60, 4.82, 2.51])
NOISE = 0.10


def label(X):
    """1 where sin(3·zx) + cos(2·zy)·zz > 0.3 on the features standardized by the seed's statistics, else 0;
    then NOISE of the rows flipped at random (numpy default_rng(0))."""
    z = (np.asarray(X, dtype=np.float64) - CENTER) / SCALE
    y = (np.sin(3 * z[:, 0]) + np.cos(2 * z[:, 1]) * z[:, 2] > 0.3).astype(np.int64)
    flip = np.random.default_rng(0).random(len(y)) < NOISE
    return np.where(flip, 1 - y, y)


def make(a):
    X = pq.read_table(a.data, columns=FEATURES).to_pandas()
    if a.kind == "iforest":
        pipe = Pipeline([("scaler", StandardScaler()),
                         ("model", IsolationForest(n_estimators=100, random_state=0))])
        pipe.fit(X)
        info = {}
    else:
        pipe = Pipeline([("scaler", StandardScaler()),
                         ("model", RandomForestClassifier(n_estimators=100, max_depth=12, random_state=0))])
        y = label(X.to_numpy())
        pipe.fit(X, y)
        trees = pipe.named_steps["model"].estimators_
        info = {"positive_share": float(y.mean()),
                "mean_depth": float(np.mean([t.get_depth() for t in trees])),
                "mean_leaves": float(np.mean([t.get_n_leaves() for t in trees]))}
    with open(a.out, "wb") as f:
        pickle.dump(pipe, f, protocol=4)
    print(json.dumps({"kind": a.kind, "sklearn": sklearn.__version__, "train_rows": int(len(X)), **info}))


def score(a):
    pipe, X, t0, t_read = fitted_pipeline.load_and_read(a.model, a.data)
    if hasattr(pipe, "predict_proba"):
        scores = pipe.predict_proba(X)
        columns = [f"probability_{c}" for c in pipe.classes_]
    else:
        scores = pipe.decision_function(X).reshape(-1, 1)
        columns = ["decision_function"]
    labels = pipe.predict(X)
    t_score = time.perf_counter()
    if a.predictions:
        baseline.write_predictions(a.predictions, labels, columns, scores)
    t_end = time.perf_counter()
    uniq, counts = np.unique(labels, return_counts=True)
    print(json.dumps({
        "sklearn": sklearn.__version__, "rows": int(len(X)), "read_s": t_read - t0, "predict_s": t_score - t_read,
        "write_s": t_end - t_score, "total_s": t_score - t0, "rows_per_s": len(X) / (t_score - t0),
        "score_sums": {c: float(v) for c, v in zip(columns, np.sum(scores, axis=0))},
        "prediction_counts": {str(int(u)): int(c) for u, c in zip(uniq, counts)},
    }))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("--kind", required=True, choices=["iforest", "forest"])
    m.add_argument("--data", required=True)
    m.add_argument("--out", required=True)
    s = sub.add_parser("score")
    s.add_argument("--model", required=True)
    s.add_argument("--data", required=True)
    s.add_argument("--predictions")
    a = ap.parse_args()
    make(a) if a.command == "make" else score(a)


if __name__ == "__main__":
    main()
