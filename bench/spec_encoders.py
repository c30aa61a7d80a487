"""The text-encoder spec benchmark's scikit-learn side (issue 21): the challenge job with a OneHotEncoder in its spec,
fitted on the text, category and int columns of the table it scores.

make:  writes a table as the spec-encoder fixtures have it (reference/pipelines.py spec_table: texts with None, a
       pandas categorical with NaN, ints, bools, floats) of any size, in row groups, as pandas writes parquet.
score: scikit-learn's own job on it: read the spec's features with pyarrow into pandas, fit the spec's steps on
       them (fit_transform), then the spec's pickled model's predict_proba and predict. Prints one JSON line with
       timings; with --predictions, also writes its outputs as CSV for bench/compare.py.

Usage: spec_encoders.py make --rows N --seed S --out PARQUET
       spec_encoders.py score --spec SPEC.json --data PARQUET [--predictions OUT.csv]
"""
import argparse
import json
import os
import pickle
import sys
import time
import warnings

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import sklearn
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

import baseline

CHUNK = 1_000_000


def make(a):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
    import pipelines  # only here: its import pins OpenBLAS' kernels, which the timed side must not inherit

    writer = None
    for start in range(0, a.rows, CHUNK):
        part = pipelines.spec_table(a.seed * 1000 + start // CHUNK, rows=min(CHUNK, a.rows - start))
        part["time"] = np.arange(start, start + len(part), dtype=np.float64)
        table = pa.Table.from_pandas(part, preserve_index=False)
        if writer is None:
            writer = pq.ParquetWriter(a.out, table.schema)
        writer.write_table(table)
    writer.close()


def build(spec_path):
    """The spec's steps as scikit-learn objects and its model, as the challenge job builds them."""
    with open(spec_path) as f:
        spec = json.load(f)
    classes = {"OneHotEncoder": OneHotEncoder, "OrdinalEncoder": OrdinalEncoder, "StandardScaler": StandardScaler}
    steps = []
    for name, entry in spec["steps"].items():
        if name == "model":
            continue
        (cls, params), = entry.items()
        steps.append((name, classes[cls](**params)))
    with open(os.path.join(os.path.dirname(spec_path), spec["steps"]["model"]), "rb") as f:
        model = pickle.load(f)
    return Pipeline(steps), model, spec["features"]


def score(a):
    t0 = time.perf_counter()
    pre, model, features = build(a.spec)
    X = pq.read_table(a.data, columns=features).to_pandas()
    t_read = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        encoded = pre.fit_transform(X)
    t_fit = time.perf_counter()
    probabilities = model.predict_proba(encoded)
    labels = model.predict(encoded)
    t_score = time.perf_counter()
    if a.predictions:
        baseline.write_predictions(a.predictions, labels, [f"probability_{c}" for c in model.classes_], probabilities)
    uniq, counts = np.unique(labels, return_counts=True)
    print(json.dumps({
        "sklearn": sklearn.__version__, "rows": int(len(X)), "read_s": t_read - t0, "fit_s": t_fit - t_read,
        "predict_s": t_score - t_fit, "total_s": t_score - t0, "rows_per_s": len(X) / (t_score - t0),
        "encoded_width": int(encoded.shape[1]),
        "prediction_counts": {str(int(u)): int(c) for u, c in zip(uniq, counts)},
    }))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("--rows", type=int, required=True)
    m.add_argument("--seed", type=int, default=21)
    m.add_argument("--out", required=True)
    s = sub.add_parser("score")
    s.add_argument("--spec", required=True)
    s.add_argument("--data", required=True)
    s.add_argument("--predictions")
    a = ap.parse_args()
    make(a) if a.command == "make" else score(a)


if __name__ == "__main__":
    main()
