#!/usr/bin/env python
"""Generates the cross-version fixtures (issue 21): fitted Pipelines pickled by other scikit-learn releases.

shape reads pickles written by scikit-learn 1.2 to 1.7. This script, run with the python of one pinned venv
(``reference/setup-venv.sh 1.2`` makes ``reference/.venv-1.2`` from ``requirements-1.2.txt``), fits a
representative set of the cases shape supports with THAT venv's scikit-learn, pickles them, and writes what
THAT scikit-learn predicts; nothing is re-implemented here. Writes, under ``reference/fixtures``:

- ``versions/<sklearn version>/<case>/model.pkl``      the fitted Pipeline, pickled (protocol 4)
- ``versions/<sklearn version>/<case>/data.parquet``   the table to score (2,000 rows): more columns than the
                                                       model reads, in another order, NaN and unseen categories
- ``versions/<sklearn version>/<case>/expected.csv``   ``row``, ``prediction``, ``decision_function`` (1-D) or
                                                       ``decision_function_<class>``, ``probability_<class>``
- ``versions/<sklearn version>/<case>/meta.json``      the case, its steps, ``features``, the library versions
- ``versions-refused/<sklearn version>/<case>/``       pickles of a release shape does not read (outside
                                                       1.2-1.7, requirements-1.1.txt / -1.8.txt): ``model.pkl``
                                                       and ``meta.json`` with the ``message`` shape must give

The expectations are computed on ``table[feature_names_in_]`` (scikit-learn refuses other columns or orders):
the selection by name shape makes for the user.

Usage (``reference/versions.sh`` does it for every ``requirements-<version>.txt``)::

    reference/.venv-1.2/bin/python reference/versions.py           # regenerate versions/1.2.2 in place
    reference/.venv-1.2/bin/python reference/versions.py --check   # regenerate to a temp dir and compare
"""
import os

# OpenBLAS picks its kernels per processor, and they round differently in the last bits, which moves the fits of
# SVC, LogisticRegression and the like beyond rounding: the fixtures are made with its Haswell (AVX2) kernels,
# which every machine here runs, so a --check refits them with the same ones. Set before numpy loads.
os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")
import argparse
import glob
import json
import pickle
import re
import shutil
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd
import pyarrow
import scipy
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (MaxAbsScaler, MinMaxScaler, OneHotEncoder, OrdinalEncoder, PolynomialFeatures,
                                   QuantileTransformer, RobustScaler, StandardScaler)
from sklearn.svm import SVC, OneClassSVM

import estimators  # fmt and diff_trees, the same under every release
import pipelines  # expectations and the fitted-pipeline fixtures' rounding rule

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
ROWS = 2_000
TRAIN = 1_000
PROTOCOL = 4
COLORS = ["red", "green", "blue", "black", "white", "teal"]
SIZES = ["S", "M", "L", "XL"]
# The releases shape reads (SklearnVersion in the domain says the same); others only make refused fixtures.
READ = re.compile(r"1\.[2-7]\.")


def table(seed, rows, scoring):
    """Sensor numbers with NaN, text with None (object), a pandas categorical with NaN, ints, bools and a text id
    no model reads. A scoring table also holds categories fitting never saw ('purple', k = 5)."""
    rng = np.random.RandomState(seed)
    colors = COLORS + (["purple"] if scoring else [])
    weights = np.array([30, 25, 20, 10, 10, 1] + ([4] if scoring else []), dtype=float)
    color = rng.choice(colors, size=rows, p=weights / weights.sum()).astype(object)
    color[rng.rand(rows) < 0.04] = None
    size = pd.Categorical(rng.choice(SIZES, size=rows), categories=SIZES)
    size[rng.rand(rows) < 0.03] = np.nan
    df = pd.DataFrame({
        "time": np.arange(rows, dtype=np.float64),
        "temp": np.round(rng.normal(20.0, 4.0, size=rows), 3),
        "pressure": np.round(rng.normal(3.0, 1.5, size=rows), 3),
        "vibration": np.round(rng.normal(-1.0, 0.5, size=rows), 3),
        "humidity": np.round(rng.normal(50.0, 10.0, size=rows), 3),
        "color": color,
        "size": size,
        "k": rng.randint(0, 6 if scoring else 5, size=rows).astype(np.int64),
        "flag": rng.rand(rows) < 0.3,
        "id": np.array([f"id-{seed}-{i}" for i in range(rows)], dtype=object),
    })
    for c in ("temp", "pressure"):
        df.loc[rng.rand(rows) < 0.04, c] = np.nan
    return df


def target(df, kind, seed):
    """Labels explained by the numbers and the categories together, so that fits are not trivial."""
    rng = np.random.RandomState(seed + 1)
    effect = {c: e for c, e in zip(COLORS + ["purple"], rng.normal(size=len(COLORS) + 1))}
    score = ((df["temp"].fillna(20.0) - 20.0) / 4.0 * rng.normal() + df["pressure"].fillna(3.0) - 3.0
             + (df["vibration"] + 1.0) * rng.normal() + (df["humidity"] - 50.0) / 10.0 * rng.normal()
             + df["color"].map(lambda c: effect.get(c, 0.0)).astype(float)
             + df["size"].cat.codes.clip(lower=0) * 0.3 + df["flag"] * 0.5 + 0.4 * rng.normal(size=len(df)))
    score = score.to_numpy()
    score = (score - score.mean()) / score.std()  # classes of comparable sizes
    if kind == "binary":
        return (score > 0).astype(np.int64)
    if kind == "multi":
        return np.digitize(score, [-0.7, 0.7]).astype(np.int64)
    return np.asarray(["low", "mid", "high"], dtype=object)[np.digitize(score, [-0.7, 0.7])]


def cases():
    """(name, columns, make pipeline, target kind (None: unsupervised), about)."""
    sensors = ["vibration", "humidity"]  # never missing
    num, cat = ["temp", "pressure"], ["color", "size"]
    return [
        ("standard_svc_multi_strings", sensors + ["temp"], lambda: Pipeline([
            ("impute", SimpleImputer()), ("scale", StandardScaler()), ("svc", SVC())]),
         "multi_strings", "SimpleImputer(mean), StandardScaler, 3-class rbf SVC with string labels (a decision "
                          "function per class)"),
        ("quantile_ocsvm", sensors, lambda: Pipeline([
            ("quantile", QuantileTransformer(n_quantiles=200, output_distribution="normal")),
            ("detect", OneClassSVM(nu=0.1))]),
         None, "QuantileTransformer(200, normal), OneClassSVM"),
        ("poly_logreg_multinomial", sensors, lambda: Pipeline([
            ("poly", PolynomialFeatures(2)), ("scale", StandardScaler()),
            ("logreg", LogisticRegression(max_iter=1000))]),
         "multi", "PolynomialFeatures(2), StandardScaler, LogisticRegression with its default multi_class (the "
                  "multinomial softmax for 3 classes; 'auto' before 1.5, 'deprecated' after)"),
        ("imputer_minmax_logreg_ovr", num + sensors, lambda: Pipeline([
            ("impute", SimpleImputer(strategy="median")), ("minmax", MinMaxScaler()),
            ("logreg", LogisticRegression(multi_class="ovr", max_iter=1000))]),
         "multi", "SimpleImputer(median), MinMaxScaler, LogisticRegression(multi_class='ovr') (deprecated in 1.5+)"),
        ("ct_onehot_drop_min_frequency_ordinal_logreg", num + cat + ["k", "flag", "id"], lambda: Pipeline([
            ("pre", ColumnTransformer([
                ("num", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]), num),
                ("color", OneHotEncoder(handle_unknown="ignore", drop="first", min_frequency=0.05), ["color"]),
                ("size", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1,
                                        encoded_missing_value=-2), ["size"]),
                ("id", "drop", ["id"])],
                remainder="passthrough")),
            ("logreg", LogisticRegression(max_iter=1000))]),
         "binary", "ColumnTransformer by names: an imputer and scaler Pipeline; OneHotEncoder(ignore, drop='first', "
                   "min_frequency=0.05) over text with None and an unseen 'purple'; OrdinalEncoder(use_encoded_value, "
                   "encoded_missing_value) over a categorical with NaN; 'drop'; int and bool columns passed through "
                   "as the remainder"),
        ("ct_onehot_infrequent_robust_svc", num + cat + ["k"], lambda: Pipeline([
            ("pre", ColumnTransformer([
                ("cat", OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=4), [2, 4]),
                ("size", OneHotEncoder(handle_unknown="ignore"), [3]),
                ("num", "passthrough", [0, 1])],
                remainder="drop", verbose_feature_names_out=False)),
            ("impute", SimpleImputer(strategy="constant", fill_value=0.0)),
            ("robust", RobustScaler()),
            ("svc", SVC(kernel="poly", degree=2))]),
         "binary", "ColumnTransformer by index: OneHotEncoder(infrequent_if_exist, max_categories=4) over text and "
                   "ints (unseen k = 5), OneHotEncoder(ignore) over a categorical, numbers as 'passthrough' then "
                   "imputed; RobustScaler; a poly SVC"),
    ]


def libraries():
    return {"sklearn": sklearn.__version__, "numpy": np.__version__,
            "scipy": scipy.__version__, "pandas": pd.__version__, "pyarrow": pyarrow.__version__}


def write_meta(folder, meta):
    with open(os.path.join(folder, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")


def fitted(make, train, columns, kind, seed):
    model = make()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence and deprecation (multi_class) warnings
        if kind is None:
            model.fit(train[columns])
        else:
            model.fit(train[columns], target(train, kind, seed))
    return model


def generate(root):
    """The fixtures of this venv's scikit-learn under ``root``/versions/<version>."""
    for seed, (name, columns, make, kind, about) in enumerate(cases()):
        folder = os.path.join(root, "versions", sklearn.__version__, name)
        os.makedirs(folder)
        model = fitted(make, table(700 + seed, TRAIN, False), columns, kind, seed)
        with open(os.path.join(folder, "model.pkl"), "wb") as f:
            pickle.dump(model, f, protocol=PROTOCOL)
        data = table(300 + seed, ROWS, True)
        extra = [c for c in data.columns if c not in columns and c != "time"]
        data[extra + list(reversed(columns)) + ["time"]].to_parquet(os.path.join(folder, "data.parquet"),
                                                                    index=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the unseen categories' warning (drop with handle_unknown='ignore')
            expected = pipelines.expectations(model, data[columns])
        with open(os.path.join(folder, "expected.csv"), "w") as f:
            keys = list(expected)
            f.write(",".join(["row"] + keys) + "\n")
            for i in range(len(data)):
                f.write(",".join([str(i)] + [estimators.fmt(expected[k][i]) for k in keys]) + "\n")
        write_meta(folder, {"about": about, "estimator": type(model.steps[-1][1]).__name__,
                            "steps": [f"{n}:{type(s).__name__}" for n, s in model.steps[:-1]],
                            "features": list(columns), "feature_names_in": [str(c) for c in model.feature_names_in_],
                            "pickle_protocol": PROTOCOL, "rows": ROWS, "libraries": libraries()})


def run_refused(root):
    """Pickles of a release outside 1.2-1.7, each with the message shape must give: the release, named by the first
    object shape reads (the Pipeline, or a bare estimator), before any step."""
    version = sklearn.__version__
    train = table(900, TRAIN, False)
    unsupported = f"saved by scikit-learn {version}, an unsupported version (shape reads 1.2 to 1.7"
    refused = [
        ("pipeline_standard_svc", ["vibration", "humidity"],
         lambda: Pipeline([("scale", StandardScaler()), ("svc", SVC())]), "binary", "the Pipeline was " + unsupported),
        ("bare_logreg", ["vibration", "humidity"], lambda: LogisticRegression(), "binary",
         "LogisticRegression was " + unsupported),
        # what the release keeps differently: OneHotEncoder's dropped category (1.1), MaxAbsScaler's clip (1.8)
        ("ct_onehot_drop_maxabs_logreg", ["temp", "color"], lambda: Pipeline([
            ("pre", ColumnTransformer([("num", SimpleImputer(), ["temp"]),
                                       ("cat", OneHotEncoder(handle_unknown="ignore", drop="first"), ["color"])])),
            ("maxabs", MaxAbsScaler()), ("logreg", LogisticRegression())]),
         "binary", "the Pipeline was " + unsupported),
    ]
    for name, columns, make, kind, message in refused:
        folder = os.path.join(root, "versions-refused", version, name)
        os.makedirs(folder)
        with open(os.path.join(folder, "model.pkl"), "wb") as f:
            pickle.dump(fitted(make, train, columns, kind, 0), f, protocol=PROTOCOL)
        write_meta(folder, {"why": f"scikit-learn {version} is outside the releases shape reads (1.2-1.7)",
                            "message": message, "libraries": libraries()})


def make(root):
    (generate if READ.match(sklearn.__version__) else run_refused)(root)


def subfolder():
    return os.path.join("versions" if READ.match(sklearn.__version__) else "versions-refused", sklearn.__version__)


def pinned():
    """The scikit-learn releases pinned by reference/requirements-<version>.txt."""
    out = []
    for path in glob.glob(os.path.join(HERE, "requirements-*.txt")):
        with open(path) as f:
            out += [line.split("==")[1].strip() for line in f if line.startswith("scikit-learn==")]
    return out


def rounding_only(fresh, committed):
    """The fitted-pipeline fixtures' rule (pickles by layout then attributes, CSV values to rounding); tables equal."""
    if fresh.endswith(".parquet"):
        x, y = pd.read_parquet(fresh), pd.read_parquet(committed)
        return None if x.equals(y) and list(x.dtypes) == list(y.dtypes) else "table differs"
    return pipelines.rounding_only(fresh, committed)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="regenerate to a temp dir and compare")
    args = parser.parse_args()
    if sklearn.__version__ not in pinned():
        sys.exit(f"scikit-learn {sklearn.__version__} is not pinned by reference/requirements-<version>.txt "
                 f"({', '.join(sorted(pinned()))}): run with a venv of reference/setup-venv.sh <version>")
    sub = subfolder()
    if not args.check:
        shutil.rmtree(os.path.join(FIXTURES, sub), ignore_errors=True)
        make(FIXTURES)
        return
    with tempfile.TemporaryDirectory() as tmp:
        make(tmp)
        if not os.path.isdir(os.path.join(FIXTURES, sub)):
            sys.exit(f"{sub}: no committed fixtures to compare with")
        differences = estimators.diff_trees(os.path.join(tmp, sub), os.path.join(FIXTURES, sub), sub, rounding_only)
        if differences:
            print(f"{sub} fixtures differ from a fresh generation:\n  " + "\n  ".join(differences))
            sys.exit(1)
        print(f"{sub} fixtures match a fresh generation")


if __name__ == "__main__":
    main()
