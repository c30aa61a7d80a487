"""The fitted-Pipeline benchmark's scikit-learn side (issue 21).

make:  fits the seed spec's preprocessing on the seed table (a pandas DataFrame, so the pipeline keeps
       feature_names_in_), appends the seed OneClassSVM, and pickles the whole fitted Pipeline — what a team
       ships.
score: scikit-learn's own scoring of that pickle on a table: read the model's columns with pyarrow into
       pandas, then Pipeline.decision_function and Pipeline.predict. Prints one JSON line with timings.

Usage: fitted_pipeline.py make --spec SPEC --data PARQUET --model PKL --out FITTED.pkl
       fitted_pipeline.py score --model FITTED.pkl --data PARQUET
"""
import argparse
import json
import pickle
import time
import warnings

import numpy as np
import pyarrow.parquet as pq
import sklearn
from sklearn.pipeline import Pipeline

import baseline


def make(a):
    pre, model_path, features = baseline.build(baseline.load_spec(a.spec))
    table = pq.read_table(a.data, columns=features).to_pandas()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # n_quantiles larger than the seed's 295 rows, as the original job
        pre.fit(table)
    with open(a.model or model_path, "rb") as f:
        model = pickle.load(f)
    with open(a.out, "wb") as f:
        pickle.dump(Pipeline(pre.steps + [("model", model)]), f, protocol=4)


def load_and_read(model, data):
    """The pickled Pipeline and its columns of the table (pyarrow into pandas), with the clock before and after."""
    t0 = time.perf_counter()
    with open(model, "rb") as f:
        pipe = pickle.load(f)
    X = pq.read_table(data, columns=list(pipe.feature_names_in_)).to_pandas()
    return pipe, X, t0, time.perf_counter()


def score(a):
    pipe, X, t0, t_read = load_and_read(a.model, a.data)
    decision = pipe.decision_function(X)
    labels = pipe.predict(X)
    t_score = time.perf_counter()
    uniq, counts = np.unique(labels, return_counts=True)
    print(json.dumps({
        "sklearn": sklearn.__version__, "rows": int(len(X)), "read_s": t_read - t0, "predict_s": t_score - t_read,
        "total_s": t_score - t0, "rows_per_s": len(X) / (t_score - t0), "decision_sum": float(np.sum(decision)),
        "prediction_counts": {str(int(u)): int(c) for u, c in zip(uniq, counts)},
    }))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("--spec", required=True)
    m.add_argument("--data", required=True)
    m.add_argument("--model")
    m.add_argument("--out", required=True)
    s = sub.add_parser("score")
    s.add_argument("--model", required=True)
    s.add_argument("--data", required=True)
    a = ap.parse_args()
    make(a) if a.command == "make" else score(a)


if __name__ == "__main__":
    main()
