"""The scikit-learn baseline: the original job's computation, timed.

Reads the parquet table with pyarrow, builds the scikit-learn Pipeline described by the spec
(pipeline.jsonc: steps keyed by name, each {SklearnClass: params}), fits the preprocessing on the data it
scores (Pipeline.fit_transform), predicts with the pickled model, and writes the predictions as CSV (row,
prediction, decision_function) when --predictions is given. Prints one JSON line with timings.

Usage: baseline.py --spec SPEC --data PARQUET [--model PKL] [--predictions OUT.csv]
"""
import argparse
import json
import pickle
import re
import sys
import time

import numpy as np
import pyarrow.parquet as pq
import sklearn
from sklearn import preprocessing, impute
from sklearn.pipeline import Pipeline

FEATURES = ["vibration_x", "vibration_y", "vibration_z"]


def load_spec(path):
    text = open(path).read()
    text = re.sub(r"^\s*//.*$", "", text, flags=re.M)
    return json.loads(text)


def build(spec):
    steps = []
    model = spec.get("model")
    for name, body in spec["steps"].items():
        if name == "model" and isinstance(body, str):
            model = body
            continue
        (cls, params), = body.items()
        klass = getattr(preprocessing, cls, None) or getattr(impute, cls)
        steps.append((name, klass(**(params or {}))))
    return Pipeline(steps), model, spec.get("features", FEATURES)


def write_predictions(path, labels, columns, scores):
    """Predictions as CSV for bench/compare.py: row, prediction, then one column per score (a row of ``scores``)."""
    with open(path, "w") as out:
        out.write(",".join(["row", "prediction"] + list(columns)) + "\n")
        for i, (p, s) in enumerate(zip(labels, scores)):
            out.write(f"{i},{int(p)}," + ",".join(repr(float(v)) for v in s) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--model")
    ap.add_argument("--predictions")
    a = ap.parse_args()

    t0 = time.perf_counter()
    pipeline, model_path, features = build(load_spec(a.spec))
    X = pq.read_table(a.data, columns=features).to_pandas().to_numpy(dtype=np.float64)
    t_read = time.perf_counter()
    with open(a.model or model_path, "rb") as f:
        model = pickle.load(f)
    Xt = pipeline.fit_transform(X)
    t_fit = time.perf_counter()
    decision = model.decision_function(Xt)
    labels = model.predict(Xt)
    t_score = time.perf_counter()
    if a.predictions:
        write_predictions(a.predictions, labels, ["decision_function"], decision.reshape(-1, 1))
    t_end = time.perf_counter()
    uniq, counts = np.unique(labels, return_counts=True)
    print(json.dumps({
        "sklearn": sklearn.__version__, "rows": int(X.shape[0]),
        "read_s": t_read - t0, "fit_transform_s": t_fit - t_read, "predict_s": t_score - t_fit,
        "write_s": t_end - t_score, "total_s": t_end - t0,
        "rows_per_s": X.shape[0] / (t_score - t0),
        "prediction_counts": {str(int(u)): int(c) for u, c in zip(uniq, counts)},
    }))


if __name__ == "__main__":
    sys.exit(main())
