#!/usr/bin/env python
"""Generates the fitted-Pipeline fixtures shape is tested against (issue 21).

A team ships ``pickle.dump(pipe)`` after ``pipe.fit(df, y)``: shape applies every fitted step as pickled
(nothing refit) and reads the table's columns by name from ``feature_names_in_``. Every expected value comes
from scikit-learn 1.6.1 itself (``predict``, ``decision_function`` when it gives one number per row,
``predict_proba``); nothing is re-implemented here.

Writes, under ``reference/fixtures``:

- ``pipelines/<case>/model.pkl``     the fitted Pipeline (or bare estimator), pickled
- ``pipelines/<case>/data.parquet``  the table to score (10,000 rows): more columns than the model uses, in
                                     another order, NaN where an imputer fills them
- ``pipelines/<case>/expected.csv``  ``row``, ``prediction``, ``decision_function`` (when 1-D) or
                                     ``decision_function_<class>`` (a matrix), ``probability_<class>`` (when
                                     the estimator has ``predict_proba``)
- ``pipelines/<case>/meta.json``     steps (path, class, params), estimator, ``feature_names_in`` (null when
                                     fitted on an array), ``features`` (the columns to score, in order)
- ``pipelines-refused/<case>/``      pickles shape must refuse (``model.pkl``, ``meta.json`` with ``why``)

scikit-learn itself refuses a DataFrame whose columns differ from ``feature_names_in_`` (extra ones, another
order), so the expectations are computed on ``table[feature_names_in_]``: the selection by name that shape
does for the user.

Usage::

    reference/.venv/bin/python reference/pipelines.py           # regenerate in place
    reference/.venv/bin/python reference/pipelines.py --check   # regenerate to a temp dir and compare
"""
import os

# OpenBLAS picks its kernels per processor, and they round differently in the last bits, which moves the fits of
# SVR, LinearSVC and the like beyond rounding: the fixtures are made with its Haswell (AVX2) kernels, which every
# machine here runs (with AVX-512 or without), so a --check refits them with the same ones. Set before numpy loads.
os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")
import decimal
import io
import json
import pickle
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import PCA
from sklearn.ensemble import GradientBoostingClassifier, IsolationForest, RandomForestClassifier
from sklearn.feature_selection import VarianceThreshold
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (FunctionTransformer, MaxAbsScaler, MinMaxScaler, OneHotEncoder, OrdinalEncoder,
                                   PolynomialFeatures,
                                   QuantileTransformer, RobustScaler, StandardScaler)
from sklearn.preprocessing import KBinsDiscretizer, Normalizer, PowerTransformer
from sklearn.svm import SVC, SVR, LinearSVC, LinearSVR, NuSVC, NuSVR, OneClassSVM

import estimators  # the same float formatting and rounding-only comparison as the estimator fixtures

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
SUBFOLDERS = ("pipelines", "pipelines-refused", "spec-encoders")
ROWS = 10_000
TRAIN = 1_500
SENSORS = ["temp", "pressure", "vibration", "humidity"]


def table(seed, columns, missing=0.0, rows=ROWS):
    """Seeded sensor-like columns (different scales and offsets), plus a time and an unused site column."""
    rng = np.random.RandomState(seed)
    data = {"time": np.arange(rows, dtype=np.float64)}
    for j, c in enumerate(columns):
        data[c] = np.round(rng.normal(loc=3.0 * j, scale=1.0 + j, size=rows), 3)
    data["site"] = rng.randint(0, 5, size=rows).astype(np.float64)
    df = pd.DataFrame(data)
    if missing:
        for c in columns:
            df.loc[rng.rand(rows) < missing, c] = np.nan
    return df


def target(df, columns, kind, seed):
    """Labels or values the features explain in part, so that fits are not trivial."""
    rng = np.random.RandomState(seed + 1)
    x = df[columns].fillna(0.0).to_numpy()
    score = (x - x.mean(axis=0)) / x.std(axis=0) @ rng.normal(size=len(columns)) + 0.5 * rng.normal(size=len(x))
    if kind == "binary":
        return (score > 0).astype(np.int64)
    if kind == "binary_strings":
        return np.where(score > 0, "fault", "ok").astype(object)
    if kind == "multi":
        return np.digitize(score, [-0.7, 0.7]).astype(np.int64)
    if kind == "multi_strings":
        return np.asarray(["low", "mid", "high"], dtype=object)[np.digitize(score, [-0.7, 0.7])]
    return score


def cases():
    """(name, columns, make pipeline, target kind, NaN share, pickle protocol, fit on numpy, about)."""
    three = SENSORS[:3]
    four = SENSORS
    return [
        ("standard_ocsvm", three, lambda: Pipeline([("scale", StandardScaler()), ("detect", OneClassSVM(nu=0.1))]),
         None, 0, 4, False, "StandardScaler then OneClassSVM (rbf)"),
        ("standard_no_mean_svc", four, lambda: Pipeline([("scale", StandardScaler(with_mean=False)), ("svc", SVC())]),
         "binary", 0, 5, False, "StandardScaler(with_mean=False), binary SVC; pickle protocol 5"),
        ("standard_no_std_svr", three, lambda: Pipeline([("scale", StandardScaler(with_std=False)), ("svr", SVR())]),
         "value", 0, 4, False, "StandardScaler(with_std=False), SVR"),
        ("minmax_clip_logreg_strings", four, lambda: Pipeline([
            ("minmax", MinMaxScaler(feature_range=(-1, 2), clip=True)), ("logreg", LogisticRegression())]),
         "binary_strings", 0, 4, False, "MinMaxScaler((-1, 2), clip) clips unseen extremes; string labels"),
        ("minmax_linearsvr", three, lambda: Pipeline([("minmax", MinMaxScaler()), ("svr", LinearSVR(random_state=0))]),
         "value", 0, 4, False, "MinMaxScaler, LinearSVR"),
        ("maxabs_linearsvc", four, lambda: Pipeline([("maxabs", MaxAbsScaler()), ("svc", LinearSVC(random_state=0))]),
         "binary", 0, 2, False, "MaxAbsScaler, LinearSVC; pickle protocol 2"),
        ("robust_ocsvm", three, lambda: Pipeline([("robust", RobustScaler()), ("detect", OneClassSVM(gamma=0.5))]),
         None, 0, 4, False, "RobustScaler defaults, OneClassSVM"),
        ("robust_range_unit_logreg_multi", four, lambda: Pipeline([
            ("robust", RobustScaler(quantile_range=(10.0, 90.0), unit_variance=True)),
            ("logreg", LogisticRegression())]),
         "multi_strings", 0, 4, False, "RobustScaler(10-90, unit_variance), multinomial LogisticRegression"),
        ("robust_no_centering_svc_multi", three, lambda: Pipeline([
            ("robust", RobustScaler(with_centering=False)), ("svc", SVC(kernel="poly", degree=2))]),
         "multi", 0, 4, False, "RobustScaler(with_centering=False), 3-class SVC (decision function is a matrix)"),
        ("quantile_normal_ocsvm", three, lambda: Pipeline([
            ("quantile", QuantileTransformer(n_quantiles=100, output_distribution="normal")),
            ("detect", OneClassSVM(nu=0.05))]),
         None, 0, 4, False, "QuantileTransformer(100, normal), OneClassSVM"),
        ("quantile_uniform_svr", four, lambda: Pipeline([
            ("quantile", QuantileTransformer(n_quantiles=200)), ("svr", SVR(C=3.0))]),
         "value", 0, 4, False, "QuantileTransformer(200, uniform), SVR"),
        ("poly3_standard_logreg", three, lambda: Pipeline([
            ("poly", PolynomialFeatures(3)), ("scale", StandardScaler()), ("logreg", LogisticRegression(max_iter=500))]),
         "binary", 0, 4, False, "PolynomialFeatures(3) (20 columns), StandardScaler, LogisticRegression"),
        ("poly_interaction_svc", four, lambda: Pipeline([
            ("poly", PolynomialFeatures(interaction_only=True, include_bias=False)), ("scale", StandardScaler()),
            ("svc", SVC(kernel="linear"))]),
         "binary", 0, 4, False, "PolynomialFeatures(interaction_only, no bias), StandardScaler, linear SVC"),
        ("imputer_mean_ocsvm", three, lambda: Pipeline([
            ("impute", SimpleImputer()), ("scale", StandardScaler()), ("detect", OneClassSVM(nu=0.1))]),
         None, 0.05, 4, False, "SimpleImputer(mean) fills NaN, StandardScaler, OneClassSVM"),
        ("imputer_median_svr", four, lambda: Pipeline([("impute", SimpleImputer(strategy="median")), ("svr", SVR())]),
         "value", 0.05, 4, False, "SimpleImputer(median), SVR"),
        ("imputer_most_frequent_svc", three, lambda: Pipeline([
            ("impute", SimpleImputer(strategy="most_frequent")), ("scale", MinMaxScaler()), ("svc", SVC())]),
         "binary", 0.05, 4, False, "SimpleImputer(most_frequent), MinMaxScaler, SVC"),
        ("imputer_constant_linearsvc", four, lambda: Pipeline([
            ("impute", SimpleImputer(strategy="constant", fill_value=-1.5)), ("svc", LinearSVC(random_state=0))]),
         "binary", 0.05, 4, False, "SimpleImputer(constant -1.5), LinearSVC"),
        ("robust_no_scaling_nusvc", four, lambda: Pipeline([
            ("robust", RobustScaler(with_scaling=False)), ("nusvc", NuSVC(nu=0.3))]),
         "binary", 0, 4, False, "RobustScaler(with_scaling=False), NuSVC"),
        ("quantile_default_nusvr", three, lambda: Pipeline([("quantile", QuantileTransformer()), ("nusvr", NuSVR())]),
         "value", 0, 4, False, "QuantileTransformer defaults (1000 quantiles), NuSVR"),
        ("poly_degree_range_linearsvc", three, lambda: Pipeline([
            ("poly", PolynomialFeatures(degree=(2, 3), include_bias=False)), ("scale", StandardScaler()),
            ("svc", LinearSVC(random_state=0))]),
         "binary", 0, 4, False, "PolynomialFeatures(degree=(2, 3)): only the degree-2 and -3 terms"),
        ("maxabs_linearsvc_multi_strings", four, lambda: Pipeline([
            ("maxabs", MaxAbsScaler()), ("svc", LinearSVC(random_state=0))]),
         "multi_strings", 0, 4, False, "MaxAbsScaler, 3-class LinearSVC with string labels"),
        ("seed_chain", ["vibration_x", "vibration_y", "vibration_z"], lambda: Pipeline([
            ("polynomialfeatures", PolynomialFeatures(2)),
            ("quantiletransformer", QuantileTransformer(n_quantiles=100, output_distribution="normal")),
            ("polynomialfeatures2", PolynomialFeatures(2)), ("standardscaler", StandardScaler()),
            ("model", OneClassSVM(nu=0.1, gamma="scale"))]),
         None, 0, 4, False, "the challenge's chain, fitted once and pickled whole"),
        ("nested_passthrough", four, lambda: Pipeline([
            ("pre", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())])),
            ("skip", "passthrough"), ("none", None),
            ("model", Pipeline([("minmax", MinMaxScaler()), ("svc", SVC(probability=False))]))]),
         "binary", 0.05, 4, False, "nested Pipelines (steps and the estimator), 'passthrough' and None steps"),
        ("bare_estimator_named", three, lambda: OneClassSVM(nu=0.1),
         None, 0, 4, False, "a bare OneClassSVM fitted on a DataFrame: feature_names_in_ without a Pipeline"),
        ("numpy_fitted", three, lambda: Pipeline([("scale", StandardScaler()), ("svc", SVC())]),
         "binary", 0, 4, True, "a Pipeline fitted on a numpy array: no feature_names_in_, columns given"),
    ]


COLORS = ["red", "green", "blue", "black", "white", "teal"]
SIZES = ["S", "M", "L", "XL"]


def categorical_table(seed, rows=ROWS, scoring=True, unseen=True, missing=0.0):
    """Numbers and categories as a DataFrame has them: text with None (object), a pandas categorical with NaN, ints,
    bools, a text id no model reads. A scoring table (``unseen``) also holds categories fitting never saw."""
    rng = np.random.RandomState(seed)
    colors = COLORS + (["purple"] if scoring and unseen else [])
    weights = np.array([30, 25, 20, 10, 10, 1] + ([4] if scoring and unseen else []), dtype=float)
    color = rng.choice(colors, size=rows, p=weights / weights.sum()).astype(object)
    color[rng.rand(rows) < 0.04] = None
    size = pd.Categorical(rng.choice(SIZES, size=rows), categories=SIZES)
    size[rng.rand(rows) < 0.03] = np.nan
    df = pd.DataFrame({
        "time": np.arange(rows, dtype=np.float64),
        "temp": np.round(rng.normal(20.0, 4.0, size=rows), 3),
        "pressure": np.round(rng.normal(3.0, 1.5, size=rows), 3),
        "color": color,
        "size": size,
        "k": rng.randint(0, 6 if scoring and unseen else 5, size=rows).astype(np.int64),
        "flag": rng.rand(rows) < 0.3,
        "id": np.array([f"id-{seed}-{i}" for i in range(rows)], dtype=object),
    })
    if missing:
        for c in ("temp", "pressure"):
            df.loc[rng.rand(rows) < missing, c] = np.nan
    return df


def typed_table(seed, rows=ROWS):
    """The numeric types pandas gives scikit-learn besides float64: a parquet decimal (Decimal objects, None for a
    null), float32 (widened exactly), int64, bool."""
    rng = np.random.RandomState(seed)
    cents = rng.randint(-500_000, 500_000, size=rows)
    price = np.array([decimal.Decimal(int(c)).scaleb(-4) for c in cents], dtype=object)
    price[rng.rand(rows) < 0.04] = None
    level = rng.normal(5.0, 2.0, size=rows).astype(np.float32)
    level[rng.rand(rows) < 0.04] = np.nan
    return pd.DataFrame({"time": np.arange(rows, dtype=np.float64), "price": price, "level": level,
                         "count": rng.randint(0, 1000, size=rows).astype(np.int64), "flag": rng.rand(rows) < 0.4})


def typed_target(df, seed):
    rng = np.random.RandomState(seed + 1)
    x = np.column_stack([df["price"].astype(float).fillna(0.0), df["level"].astype(float).fillna(5.0),
                         df["count"], df["flag"]])
    score = (x - x.mean(axis=0)) / x.std(axis=0) @ rng.normal(size=4) + 0.3 * rng.normal(size=len(x))
    return (score > 0).astype(np.int64)


def categorical_target(df, kind, seed):
    """Labels or values explained by the numbers and the categories together."""
    rng = np.random.RandomState(seed + 1)
    effect = {c: e for c, e in zip(COLORS + ["purple"], rng.normal(size=len(COLORS) + 1))}
    score = ((df["temp"].fillna(20.0) - 20.0) / 4.0 * rng.normal() + df["pressure"].fillna(3.0) - 3.0
             + df["color"].map(lambda c: effect.get(c, 0.0)).astype(float)
             + df["size"].cat.codes.clip(lower=0) * 0.3 + df["flag"] * 0.5 + 0.4 * rng.normal(size=len(df)))
    score = score.to_numpy()
    if kind == "binary":
        return (score > 0).astype(np.int64)
    if kind == "multi_strings":
        return np.asarray(["low", "mid", "high"], dtype=object)[np.digitize(score, [-0.7, 0.7])]
    return score


def categorical_cases():
    """(name, fit columns, make pipeline, target kind, numeric NaN share, unseen categories when scoring, about)."""
    num, cat = ["temp", "pressure"], ["color", "size"]
    return [
        ("ct_onehot_ignore_logreg", num + cat + ["id"], lambda: Pipeline([
            ("pre", ColumnTransformer([("num", StandardScaler(), num),
                                       ("cat", OneHotEncoder(handle_unknown="ignore"), cat)])),
            ("logreg", LogisticRegression(max_iter=500))]),
         "binary", 0, True, "ColumnTransformer by names: StandardScaler + OneHotEncoder(ignore; None and NaN "
                            "categories, unseen 'purple'); the text id column dropped (remainder='drop')"),
        ("ct_impute_infrequent_ordinal_svc", num + cat + ["k", "flag"], lambda: Pipeline([
            ("pre", ColumnTransformer([
                ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), num),
                ("color", OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=0.05,
                                        sparse_output=False), ["color"]),
                ("size", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1,
                                        encoded_missing_value=-2), ["size"])],
                remainder="passthrough")),
            ("svc", SVC())]),
         "binary", 0.05, True, "a Pipeline (imputer, scaler) inside a ColumnTransformer; OneHotEncoder "
                               "infrequent_if_exist with min_frequency; OrdinalEncoder with encoded values; "
                               "int and bool columns passed through"),
        ("ct_drop_first_max_categories_svc_multi", num + cat, lambda: Pipeline([
            ("pre", ColumnTransformer([("num", MinMaxScaler(), [0, 1]),
                                       ("cat", OneHotEncoder(drop="first", max_categories=4,
                                                             handle_unknown="ignore"), [2, 3])],
                                      verbose_feature_names_out=False)),
            ("svc", SVC(kernel="poly", degree=2))]),
         "multi_strings", 0, True, "columns by index; OneHotEncoder(drop='first', max_categories=4); a 3-class SVC "
                                   "(decision function a matrix)"),
        ("ct_if_binary_numeric_categories_ocsvm", num + ["k", "flag"], lambda: Pipeline([
            ("pre", ColumnTransformer([("num", StandardScaler(), [True, True, False, False]),
                                       ("cat", OneHotEncoder(drop="if_binary", handle_unknown="ignore",
                                                             sparse_output=False), ["k", "flag"])])),
            ("detect", OneClassSVM(nu=0.1))]),
         None, 0, True, "columns by boolean mask; OneHotEncoder(drop='if_binary') over int and bool categories "
                        "(an unseen int, 5); OneClassSVM"),
        ("ct_ordinal_remainder_scaler_linearsvr", num + cat, lambda: Pipeline([
            ("pre", ColumnTransformer([("cat", OrdinalEncoder(handle_unknown="use_encoded_value",
                                                              unknown_value=-1, max_categories=4,
                                                              encoded_missing_value=-3), cat)],
                                      remainder=RobustScaler())),
            ("svr", LinearSVR(random_state=0, max_iter=5000))]),
         "value", 0, True, "OrdinalEncoder(max_categories=4, use_encoded_value) keeping NaN apart; remainder a "
                           "RobustScaler; LinearSVR"),
        ("onehot_warn_min_frequency_logreg", cat, lambda: Pipeline([
            ("onehot", OneHotEncoder(handle_unknown="warn", min_frequency=500)), ("logreg", LogisticRegression())]),
         "binary", 0, True, "a OneHotEncoder as the Pipeline's first step (no ColumnTransformer), handle_unknown="
                            "'warn' with infrequent categories: unseen cells stay all zeros in scikit-learn 1.6.1"),
        ("csv_ct_onehot_ordinal_logreg", num + cat + ["k"], lambda: Pipeline([
            ("pre", ColumnTransformer([("num", StandardScaler(), num),
                                       ("color", OneHotEncoder(handle_unknown="ignore"), ["color"]),
                                       ("ordinal", OrdinalEncoder(handle_unknown="use_encoded_value",
                                                                  unknown_value=-1, encoded_missing_value=-2),
                                        ["size", "k"])])),
            ("logreg", LogisticRegression(max_iter=500))]),
         "binary", 0, True, "a CSV table: its text cells read as pandas reads them (empty = NaN), an int column's "
                            "categories; unseen texts and ints"),
        ("ct_onehot_error_seen_only_logreg_multi", num + cat, lambda: Pipeline([
            ("pre", ColumnTransformer([("num", StandardScaler(), num), ("cat", OneHotEncoder(), cat)])),
            ("logreg", LogisticRegression(max_iter=500))]),
         "multi_strings", 0, False, "OneHotEncoder(handle_unknown='error') on a table with only seen categories"),
        ("ct_transformer_weights_svc", num + cat, lambda: Pipeline([
            ("pre", ColumnTransformer([("num", StandardScaler(), num),
                                       ("cat", OneHotEncoder(handle_unknown="ignore"), cat)],
                                      remainder="drop", transformer_weights={"num": 2.0, "cat": 0.5},
                                      sparse_threshold=0)),  # a dense output (see the ct_sparse cases)
            ("svc", SVC())]),
         "binary", 0, True, "ColumnTransformer transformer_weights multiply each transformer's output"),
        ("ct_sparse_onehot_svc_multi", num + cat + ["k"], lambda: Pipeline([
            ("pre", ColumnTransformer([("num", StandardScaler(), num),
                                       ("cat", OneHotEncoder(handle_unknown="ignore"), cat + ["k"])])),
            ("svc", SVC(probability=True, random_state=0))]),
         "multi_strings", 0, True, "a ColumnTransformer output sparse enough (density < sparse_threshold=0.3) to be a "
                                   "sparse matrix: the SVC keeps sparse support vectors and coefficients"),
        ("ct_sparse_onehot_ocsvm", num + cat + ["k"], lambda: Pipeline([
            ("pre", ColumnTransformer([("num", StandardScaler(), num),
                                       ("cat", OneHotEncoder(handle_unknown="ignore"), cat + ["k"])])),
            ("detect", OneClassSVM(nu=0.05, gamma=0.2))]),
         None, 0, True, "a sparse ColumnTransformer output, then a OneClassSVM (sparse support vectors)"),
        ("ct_sparse_onehot_linear_svr", num + cat + ["k"], lambda: Pipeline([
            ("pre", ColumnTransformer([("num", StandardScaler(), num),
                                       ("cat", OneHotEncoder(handle_unknown="ignore"), cat + ["k"])])),
            ("svr", SVR(kernel="linear", C=0.5))]),
         "value", 0, True, "a sparse ColumnTransformer output, then a linear-kernel SVR"),
    ]


def positive(df, columns):
    """The sensor columns moved above zero (Box-Cox takes strictly positive data only), rounded as the table's."""
    df = df.copy()
    for c in columns:
        df[c] = np.round(np.abs(df[c]) + 0.25, 3)
    return df


def numeric_cases():
    """(name, columns, make pipeline, target kind, positive data, about): PCA, Normalizer, PowerTransformer and
    KBinsDiscretizer applied as pickled."""
    three, four = SENSORS[:3], SENSORS
    return [
        ("pca_int_logreg", four, lambda: Pipeline([("pca", PCA(n_components=2)),
                                                   ("logreg", LogisticRegression(max_iter=500))]),
         "binary", False, "PCA(n_components=2), LogisticRegression"),
        ("pca_float_whiten_svc", four, lambda: Pipeline([("pca", PCA(n_components=0.9, whiten=True)), ("svc", SVC())]),
         "binary", False, "PCA(n_components=0.9: as many components as explain 90 % of the variance, whiten)"),
        ("pca_whiten_standard_svr", three, lambda: Pipeline([
            ("scale", StandardScaler()), ("pca", PCA(n_components=3, whiten=True)), ("svr", SVR())]),
         "value", False, "StandardScaler, PCA(3, whiten), SVR"),
        ("normalizer_l1_logreg", four, lambda: Pipeline([("norm", Normalizer(norm="l1")),
                                                         ("logreg", LogisticRegression(max_iter=500))]),
         "binary", False, "Normalizer(l1): rows divided by the sum of their absolute values"),
        ("normalizer_l2_svc_multi", three, lambda: Pipeline([("norm", Normalizer()), ("svc", SVC())]),
         "multi", False, "Normalizer(l2), 3-class SVC"),
        ("normalizer_max_linearsvc", four, lambda: Pipeline([
            ("norm", Normalizer(norm="max")), ("svc", LinearSVC(random_state=0))]),
         "binary", False, "Normalizer(max): rows divided by their largest absolute value"),
        ("power_yeo_johnson_logreg", four, lambda: Pipeline([("power", PowerTransformer()),
                                                             ("logreg", LogisticRegression(max_iter=500))]),
         "binary", False, "PowerTransformer(yeo-johnson, standardize): negative and positive values, its _scaler"),
        ("power_yeo_johnson_raw_svr", three, lambda: Pipeline([
            ("power", PowerTransformer(standardize=False)), ("svr", SVR())]),
         "value", False, "PowerTransformer(yeo-johnson, standardize=False), SVR"),
        ("power_box_cox_svc", four, lambda: Pipeline([("power", PowerTransformer(method="box-cox")), ("svc", SVC())]),
         "binary", True, "PowerTransformer(box-cox, standardize) on strictly positive columns"),
        ("power_box_cox_raw_logreg_multi", three, lambda: Pipeline([
            ("power", PowerTransformer(method="box-cox", standardize=False)),
            ("logreg", LogisticRegression(max_iter=500))]),
         "multi_strings", True, "PowerTransformer(box-cox, standardize=False), multinomial LogisticRegression"),
        ("kbins_uniform_ordinal_svc", four, lambda: Pipeline([
            ("bins", KBinsDiscretizer(n_bins=6, encode="ordinal", strategy="uniform")), ("svc", SVC())]),
         "binary", False, "KBinsDiscretizer(6, uniform, ordinal): values beyond the fitted range in the end bins"),
        ("kbins_quantile_onehot_logreg", four, lambda: Pipeline([
            ("bins", KBinsDiscretizer(n_bins=5, encode="onehot", strategy="quantile")),
            ("logreg", LogisticRegression(max_iter=500))]),
         "binary", False, "KBinsDiscretizer(5, quantile, onehot: a sparse matrix through its _encoder)"),
        ("kbins_kmeans_onehot_dense_logreg_multi", three, lambda: Pipeline([
            ("bins", KBinsDiscretizer(n_bins=4, encode="onehot-dense", strategy="kmeans")),
            ("logreg", LogisticRegression(max_iter=500))]),
         "multi_strings", False, "KBinsDiscretizer(4, kmeans, onehot-dense), multinomial LogisticRegression"),
        ("ct_kbins_strategies_encodings_logreg", four, lambda: Pipeline([
            ("pre", ColumnTransformer([
                ("uniform_onehot", KBinsDiscretizer(n_bins=4, encode="onehot", strategy="uniform"), ["temp"]),
                ("uniform_dense", KBinsDiscretizer(n_bins=3, encode="onehot-dense", strategy="uniform"),
                 ["pressure", "humidity"]),
                ("quantile_ordinal", KBinsDiscretizer(n_bins=7, encode="ordinal"), ["vibration", "temp"]),
                ("quantile_dense", KBinsDiscretizer(n_bins=3, encode="onehot-dense"), ["humidity"]),
                ("kmeans_ordinal", KBinsDiscretizer(n_bins=5, encode="ordinal", strategy="kmeans"), ["pressure"]),
                ("kmeans_onehot", KBinsDiscretizer(n_bins=3, strategy="kmeans"), ["vibration", "humidity"])])),
            ("logreg", LogisticRegression(max_iter=500))]),
         "binary", False, "a ColumnTransformer of KBinsDiscretizers: every strategy with every encoding, columns "
                          "binned more than once"),
        ("ct_numeric_mix_svc", four, lambda: Pipeline([
            ("pre", ColumnTransformer([
                ("pca", PCA(n_components=2, whiten=True), ["temp", "pressure", "vibration"]),
                ("power", Pipeline([("scale", MinMaxScaler(feature_range=(-1, 1))),
                                    ("yeo", PowerTransformer())]), ["humidity", "temp"]),
                ("norm", Normalizer(norm="l1"), ["pressure", "humidity"]),
                ("bins", KBinsDiscretizer(n_bins=4), ["vibration"])],
                remainder="drop")),
            ("svc", SVC())]),
         "binary", False, "a ColumnTransformer mixing PCA(whiten), a Pipeline (MinMaxScaler, PowerTransformer), "
                          "Normalizer and KBinsDiscretizer(onehot)"),
    ]


def fit(model, train, columns, kind, seed, on_numpy):
    x = train[columns].to_numpy() if on_numpy else train[columns]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence warnings on the small fits
        if kind is None:
            model.fit(x)
        else:
            model.fit(x, target(train, columns, kind, seed))
    return model


def expectations(model, x):
    out = {"prediction": model.predict(x)}
    if hasattr(model, "decision_function"):
        d = model.decision_function(x)
        if d.ndim == 1:
            out["decision_function"] = d
        elif getattr(model[-1] if isinstance(model, Pipeline) else model, "decision_function_shape", "ovr") != "ovo":
            # one column per class (the one-vs-rest shape)
            for k, label in enumerate(model.classes_):
                out[f"decision_function_{label}"] = d[:, k]
        else:  # one column per class pair (SVC's 'ovo' shape), in libsvm's order (0, 1), (0, 2), ..., (1, 2), ...
            labels = list(model.classes_)
            pairs = [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]]
            for k, (a, b) in enumerate(pairs):
                out[f"decision_function_{a}_vs_{b}"] = d[:, k]
    if hasattr(model, "predict_proba"):
        try:
            p = model.predict_proba(x)
        except AttributeError:  # SVC(probability=False) has the method but refuses it
            p = None
        if p is not None:
            for k, label in enumerate(model.classes_):
                out[f"probability_{label}"] = p[:, k]
    return out


def flat_steps(pipeline, prefix="", final=True):
    """(path, class, params) of every transformer, in the order shape applies them, and the estimator: the
    last step of the outermost pipeline (or of the pipeline that is its last step)."""
    steps, estimator = [], None
    for i, (name, step) in enumerate(pipeline.steps):
        path = prefix + name
        last = final and i == len(pipeline.steps) - 1
        if step is None or step == "passthrough":
            continue
        if isinstance(step, Pipeline):
            inner, inner_estimator = flat_steps(step, path + "/", last)
            steps += inner
            estimator = inner_estimator if last else estimator
        elif last:
            estimator = step
        else:
            steps.append({"path": path, "class": type(step).__name__, "params": json_params(step)})
    return steps, estimator


def json_params(step):
    """The constructor parameters as JSON has them (NaN, the imputer's default missing_values, as "NaN")."""
    out = {}
    for k, v in step.get_params().items():
        if isinstance(v, float) and np.isnan(v):
            out[k] = "NaN"
        elif isinstance(v, (int, float, str, bool, type(None))):
            out[k] = v
        elif isinstance(v, tuple):
            out[k] = list(v)
    return out


def write_expected(folder, model, x):
    """scikit-learn's outputs for ``x``, one line per row, in expected.csv."""
    expected = expectations(model, x)
    with open(os.path.join(folder, "expected.csv"), "w") as f:
        keys = list(expected)
        f.write(",".join(["row"] + keys) + "\n")
        for i in range(x.shape[0]):
            f.write(",".join([str(i)] + [estimators.fmt(expected[k][i]) for k in keys]) + "\n")


def write_case(root, name, columns, model, data, on_numpy, protocol, about, csv=False):
    folder = os.path.join(root, "pipelines", name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "model.pkl"), "wb") as f:
        pickle.dump(model, f, protocol=protocol)
    # The table's own column order differs from the fit's; the scorer must select by name.
    extra = [c for c in data.columns if c not in columns and c != "time"]
    order = extra + list(reversed(columns)) + ["time"]
    if csv:  # scored as pandas reads the file back: text cells, NaN for a missing one
        data[order].to_csv(os.path.join(folder, "data.csv"), index=False)
        data = pd.read_csv(os.path.join(folder, "data.csv"))
    else:
        data[order].to_parquet(os.path.join(folder, "data.parquet"), index=False)
    x = data[columns].to_numpy() if on_numpy else data[columns]
    write_expected(folder, model, x)
    steps, estimator = flat_steps(model) if isinstance(model, Pipeline) else ([], model)
    names = getattr(model, "feature_names_in_", None)
    meta = {
        "about": about,
        "steps": steps,
        "estimator": type(estimator).__name__,
        "feature_names_in": None if names is None else [str(n) for n in names],
        "features": list(columns),
        "pickle_protocol": protocol,
        "rows": len(data),
        "sklearn": sklearn.__version__,
    }
    with open(os.path.join(folder, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")


def refused_cases(root):
    """Pickles shape must refuse, each with why (nothing in them is harmful: np.abs is only named)."""
    train = table(900, SENSORS[:3], rows=TRAIN)
    columns = SENSORS[:3]

    def fitted(pipe):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pipe.fit(train[columns])

    seed_like = fitted(Pipeline([("scale", StandardScaler()), ("detect", OneClassSVM(nu=0.1))]))
    whole = pickle.dumps(seed_like, protocol=4)
    cases = {
        "function_transformer": (pickle.dumps(fitted(Pipeline([("log", FunctionTransformer(np.abs)),
                                                               ("detect", OneClassSVM())])), protocol=4),
                                 "FunctionTransformer names a function to call: never executed, refused"),
        "unfitted": (pickle.dumps(Pipeline([("scale", StandardScaler()), ("detect", OneClassSVM())]), protocol=4),
                     "a Pipeline that was never fitted"),
        "unsupported_class": (pickle.dumps(fitted(Pipeline([("select", VarianceThreshold()),
                                                            ("detect", OneClassSVM())])), protocol=4),
                              "VarianceThreshold is not a class shape applies"),
        "ends_in_transformer": (pickle.dumps(fitted(Pipeline([("scale", StandardScaler()),
                                                              ("minmax", MinMaxScaler())])), protocol=4),
                                "a fitted Pipeline without an estimator at its end"),
        "truncated": (whole[: len(whole) // 2], "the first half of a valid pipeline pickle"),
    }
    for name, (blob, why) in cases.items():
        folder = os.path.join(root, "pipelines-refused", name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "model.pkl"), "wb") as f:
            f.write(blob)
        with open(os.path.join(folder, "meta.json"), "w") as f:
            json.dump({"why": why}, f, indent=1, sort_keys=True)
            f.write("\n")
    # A pickle that loads, and a table it refuses: scikit-learn raises "Found unknown categories ['purple']"
    categorical = categorical_table(950, rows=TRAIN, scoring=False)
    columns = ["temp", "pressure", "color"]
    pipe = Pipeline([("pre", ColumnTransformer([("num", StandardScaler(), ["temp", "pressure"]),
                                                ("cat", OneHotEncoder(), ["color"])])),
                     ("logreg", LogisticRegression())])
    pipe.fit(categorical[columns], categorical_target(categorical, "binary", 950))
    refused_table(root, "unseen_category_error", pipe, categorical_table(951, rows=200), columns,
                  ["color", "temp", "pressure", "time"],
                  "an unseen category where OneHotEncoder(handle_unknown='error') refuses it", "'purple'")


def refused_table(root, name, pipe, scored, columns, order, why, message, csv=False, message_also=None):
    """``pipelines-refused/<name>/``: a pickle that loads and a table it refuses (scikit-learn's ValueError quoted
    in ``why``), with the words shape's refusal must hold (``message``, and ``message_also`` when given); with
    ``csv``, the table is data.csv and scikit-learn is given what pandas reads back from it."""
    folder = os.path.join(root, "pipelines-refused", name)
    os.makedirs(folder, exist_ok=True)
    if csv:
        scored[order].to_csv(os.path.join(folder, "data.csv"), index=False)
        scored = pd.read_csv(os.path.join(folder, "data.csv"))
    else:
        scored[order].to_parquet(os.path.join(folder, "data.parquet"), index=False)
    try:
        pipe.predict(scored[columns])
        raise AssertionError(f"scikit-learn accepted the table of {name}")
    except ValueError as e:
        sklearn_says = str(e)
    with open(os.path.join(folder, "model.pkl"), "wb") as f:
        pickle.dump(pipe, f, protocol=4)
    meta = {"why": why + "; scikit-learn: " + sklearn_says, "message": message}
    if message_also:
        meta["message_also"] = message_also
    with open(os.path.join(folder, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
        f.write("\n")


def generate(root):
    for seed, (name, columns, make, kind, missing, protocol, on_numpy, about) in enumerate(cases()):
        data = table(100 + seed, columns, missing)
        train = table(500 + seed, columns, missing, rows=TRAIN)
        model = fit(make(), train, columns, kind, seed, on_numpy)
        write_case(root, name, columns, model, data, on_numpy, protocol, about)
    for seed, (name, columns, make, kind, missing, unseen, about) in enumerate(categorical_cases()):
        csv = name.startswith("csv_")
        train = categorical_table(700 + seed, rows=TRAIN, scoring=False, missing=missing)
        data = categorical_table(300 + seed, unseen=unseen, missing=missing)
        if csv:  # fitted on what pandas reads from a CSV too: its missing texts are NaN, not None
            train = pd.read_csv(io.StringIO(train.to_csv(index=False)), dtype={"size": object})
            train["size"] = pd.Categorical(train["size"], categories=SIZES)  # for categorical_target only
        model = make()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if kind is None:
                model.fit(train[columns])
            else:
                model.fit(train[columns], categorical_target(train, kind, seed))
            if csv:
                fit_columns = train[columns].astype({"size": object})
                model = make().fit(fit_columns, categorical_target(train, kind, seed))
            write_case(root, name, columns, model, data, False, 4, about, csv=csv)
    columns = ["price", "level", "count", "flag"]
    train, data = typed_table(880, rows=TRAIN), typed_table(881)
    model = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler()), ("svc", SVC())])
    model.fit(train[columns], typed_target(train, 880))
    write_case(root, "typed_decimal_float32_int_bool_svc", columns, model, data, False, 4,
               "decimal (Decimal objects, None), float32, int64 and bool columns: SimpleImputer, StandardScaler, SVC")
    # predict_proba of SVC/NuSVC(probability=True): libsvm's Platt sigmoids per class pair, coupled for 3+ classes
    for seed, (name, make, kind, about) in enumerate([
            ("standard_svc_probability_binary", lambda: SVC(probability=True, random_state=0), "binary",
             "SVC(probability=True), two classes: one Platt sigmoid"),
            ("standard_svc_probability_multi_strings", lambda: SVC(probability=True, random_state=0), "multi_strings",
             "SVC(probability=True), three string classes: pairwise coupling"),
            ("minmax_nusvc_probability_multi", lambda: NuSVC(nu=0.2, probability=True, random_state=0), "multi",
             "NuSVC(probability=True), three classes, decision_function_shape='ovr'"),
            ("standard_svc_ovo_multi_strings", lambda: SVC(decision_function_shape="ovo"), "multi_strings",
             "SVC(decision_function_shape='ovo'): the decision function per class pair"),
            ("standard_iforest", lambda: IsolationForest(n_estimators=50, random_state=0), None,
             "StandardScaler then IsolationForest (issue 22's benchmark pipeline, smaller)"),
            ("standard_random_forest_multi", lambda: RandomForestClassifier(n_estimators=30, max_depth=12,
                                                                            random_state=0), "multi",
             "StandardScaler then RandomForestClassifier(max_depth=12), 3 classes"),
            ("standard_gradient_boosting_binary", lambda: GradientBoostingClassifier(n_estimators=40,
                                                                                     random_state=0), "binary",
             "StandardScaler then GradientBoostingClassifier")]):
        columns = SENSORS
        train, data = table(600 + seed, columns, rows=TRAIN), table(610 + seed, columns)
        scaler = MinMaxScaler() if name.startswith("minmax") else StandardScaler()
        model = Pipeline([("scale", scaler), ("svc" if "sv" in name else "model", make())])
        if kind is None:
            model.fit(train[columns])
        else:
            model.fit(train[columns], target(train, columns, kind, 600 + seed))
        write_case(root, name, columns, model, data, False, 4, about)
    refused_cases(root)
    numeric_fixtures(root)
    wide_fixture(root)
    csv_boolean_fixtures(root)
    csv_bool_encoder_fixtures(root)
    spec_encoder_fixtures(root)


def numeric_fixtures(root):
    """The cases of :func:`numeric_cases`, seeded by their own order (after the others, which keep theirs)."""
    for seed, (name, columns, make, kind, strictly_positive, about) in enumerate(numeric_cases()):
        data = table(1100 + seed, columns)
        train = table(1300 + seed, columns, rows=TRAIN)
        if strictly_positive:
            data, train = positive(data, columns), positive(train, columns)
        model = fit(make(), train, columns, kind, 40 + seed, False)
        write_case(root, name, columns, model, data, False, 4, about)
    box_cox_refused(root)
    float32_overflow_refused(root)


def wide_fixture(root):
    """More feature columns than Spark's Java SQL functions took before 11 arguments (issue 23's SQL function)."""
    columns = [f"s{j:02d}" for j in range(16)]
    train, data = table(1600, columns, rows=TRAIN), table(1601, columns)
    model = fit(Pipeline([("scale", StandardScaler()), ("logreg", LogisticRegression())]), train, columns, "binary",
                1600, False)
    write_case(root, "wide_standard_logreg", columns, model, data, False, 4,
               "16 feature columns: StandardScaler, LogisticRegression (a SQL function of 16 arguments)")


def csv_booleans(flags, seed, numbers=0):
    """A bool column as CSV text in pandas' spellings (any case), 5% missing; with ``numbers``, that many cells
    are numbers instead, which leaves the whole column as text for pandas."""
    rng = np.random.RandomState(seed)
    spelled_true = np.array(["True", "true", "TRUE", "tRuE"], dtype=object)
    spelled_false = np.array(["False", "false", "FALSE"], dtype=object)
    n = len(flags)
    cells = np.where(flags, spelled_true[rng.randint(0, 4, n)], spelled_false[rng.randint(0, 3, n)]).astype(object)
    cells[rng.rand(n) < 0.05] = None
    if numbers:
        cells[rng.choice(np.arange(n // 2, n), numbers, replace=False)] = "1"
    return cells


def csv_boolean_fixtures(root):
    """The typed pipeline scoring a CSV whose bool column is written as text: pandas reads true/false cells (any
    case) with missing ones as booleans, which scikit-learn takes as 1.0 and 0.0; a number among them leaves the
    column as text, refused (float('True') fails)."""
    columns = ["price", "level", "count", "flag"]
    train = typed_table(880, rows=TRAIN)
    model = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler()), ("svc", SVC())])
    model.fit(train[columns], typed_target(train, 880))
    data = typed_table(1700)
    data["flag"] = csv_booleans(data["flag"].to_numpy(), 1700)
    write_case(root, "csv_typed_bool_text_svc", columns, model, data, False, 4,
               "a CSV whose bool column is true/false text in any case with missing cells (pandas: booleans and "
               "NaN), decimals, float32 and ints as text: SimpleImputer, StandardScaler, SVC", csv=True)
    scored = typed_table(1701, rows=200)
    scored["flag"] = csv_booleans(scored["flag"].to_numpy(), 1701, numbers=3)
    first = next(i for i, c in enumerate(scored["flag"]) if c is not None)
    refused_table(root, "csv_booleans_beside_numbers", model, scored, columns, ["flag", "count", "level", "price",
                  "time"], "true/false cells in a CSV column that also holds numbers: pandas leaves it as text",
                  f"feature column 'flag' of", csv=True, message_also=f"has text at row {first} (rows count from 0):"
                  f" '{scored['flag'][first]}' is not a number")


def csv_bool_encoder_fixtures(root):
    """Pickled encoders over a CSV bool column, fitted on what pandas reads back from CSV: true/false cells with
    missing ones are an object column of True, False and NaN (the encoder's categories then hold NaN), without
    missing ones a bool column (categories False, True; a missing cell when scoring is then unseen)."""
    num = ["temp", "pressure"]
    for seed, (name, missing_in_fit, about) in enumerate([
            ("csv_ct_onehot_bool_missing_logreg", True, "a CSV bool column with missing cells read by a pickled "
             "OneHotEncoder fitted on the same (categories False, True, NaN) and an OrdinalEncoder"),
            ("csv_ct_onehot_bool_unseen_missing_svc", False, "a pickled OneHotEncoder(ignore) and OrdinalEncoder("
             "use_encoded_value) fitted on a CSV bool column without missing cells score one with them")]):
        train = categorical_table(1710 + seed, rows=TRAIN, scoring=False)
        target = categorical_target(train, "binary", 1710 + seed)
        if missing_in_fit:
            train["flag"] = csv_booleans(train["flag"].to_numpy(), 1720 + seed)
        columns = num + ["flag", "k"]
        train = pd.read_csv(io.StringIO(train[columns].to_csv(index=False)))
        model = Pipeline([
            ("pre", ColumnTransformer([("num", StandardScaler(), num),
                                       ("flag", OneHotEncoder(handle_unknown="ignore"), ["flag"]),
                                       ("ordinal", OrdinalEncoder(handle_unknown="use_encoded_value",
                                                                  unknown_value=-1, encoded_missing_value=-2),
                                        ["flag", "k"])])),
            ("svc" if "svc" in name else "logreg", SVC() if "svc" in name else LogisticRegression(max_iter=500))])
        model.fit(train[columns], target)
        data = categorical_table(1730 + seed)
        data["flag"] = csv_booleans(data["flag"].to_numpy(), 1740 + seed)
        write_case(root, name, columns, model, data, False, 4, about, csv=True)


# Texts whose order differs between Python's str (code points) and Java's String (UTF-16 units): U+FF21 sorts
# before U+1F642 by code point, after it by UTF-16 unit; upper case before lower case; accents after ASCII.
SPEC_TEXTS = ["red", "Red", "blue", "émeraude", "zeta", "Ωmega", "\U0001F642smile", "\uFF21wide", "teal", "black"]


def spec_table(seed, rows=ROWS):
    """The challenge job's other table: categories an encoder of the spec is fitted on, the table it scores, with
    None in a text column, NaN in a pandas categorical, ints, booleans, and a rare text for the infrequent cases."""
    rng = np.random.RandomState(seed)
    weights = np.array([25, 20, 15, 10, 8, 7, 6, 4, 3, 0.3])
    color = rng.choice(SPEC_TEXTS, size=rows, p=weights / weights.sum()).astype(object)
    color[rng.rand(rows) < 0.05] = None
    size = pd.Categorical(rng.choice(SIZES, size=rows, p=[0.4, 0.3, 0.2, 0.1]), categories=SIZES)
    size[rng.rand(rows) < 0.03] = np.nan
    return pd.DataFrame({
        "time": np.arange(rows, dtype=np.float64),
        "color": color,
        "size": size,
        "k": rng.randint(0, 5, size=rows).astype(np.int64),
        "flag": rng.rand(rows) < 0.3,
        "temp": np.round(rng.normal(20.0, 4.0, size=rows), 3),
    })


def spec_target(df, seed):
    rng = np.random.RandomState(seed)
    effect = dict(zip(SPEC_TEXTS, rng.normal(size=len(SPEC_TEXTS))))
    score = (df["color"].map(lambda c: effect.get(c, 0.7)).astype(float) + df["size"].cat.codes * 0.4
             + df["k"] * 0.2 - df["flag"] * 0.5 + 0.4 * rng.normal(size=len(df)))
    return (score.to_numpy() > np.median(score)).astype(np.int64)


def spec_steps(steps):
    """The spec's steps as scikit-learn objects, built as the challenge job builds them ("NaN" is numpy's nan)."""
    classes = {"OneHotEncoder": OneHotEncoder, "OrdinalEncoder": OrdinalEncoder, "StandardScaler": StandardScaler}
    built = []
    for name, entry in steps.items():
        (cls, params), = entry.items()
        kwargs = {}
        for k, v in params.items():
            if k == "drop" and isinstance(v, list):
                v = [np.nan if x == "NaN" else x for x in v]
            if k in ("unknown_value", "encoded_missing_value") and v == "NaN":
                v = np.nan
            kwargs[k] = v
        built.append((name, classes[cls](**kwargs)))
    return Pipeline(built)


def spec_encoder_cases():
    """(name, columns, spec steps, make estimator, CSV, about)."""
    return [
        ("onehot_texts_logreg", ["color", "size", "k"], {"onehot": {"OneHotEncoder": {}}},
         lambda: LogisticRegression(max_iter=500), False,
         "OneHotEncoder fitted on the scored table: texts in code point order (U+FF21 before U+1F642), None in a "
         "text column, NaN in a pandas categorical, an int column"),
        ("onehot_infrequent_first_svc", ["color", "size", "flag"], {
            "onehot": {"OneHotEncoder": {"min_frequency": 0.05, "handle_unknown": "infrequent_if_exist",
                                         "drop": "first", "sparse_output": False}},
            "scale": {"StandardScaler": {}}},
         lambda: SVC(), False, "OneHotEncoder(min_frequency=0.05, drop='first') over texts and booleans, then "
                               "StandardScaler, SVC"),
        ("onehot_drop_named_max_categories_logreg", ["color", "size", "k"], {
            "onehot": {"OneHotEncoder": {"drop": ["blue", "NaN", 3], "max_categories": 6}}},
         lambda: LogisticRegression(max_iter=500), False,
         "OneHotEncoder(drop=['blue', nan, 3], max_categories=6): categories named in the spec, one per column"),
        ("ordinal_missing_scaled_logreg", ["color", "size", "temp"], {
            "ordinal": {"OrdinalEncoder": {"encoded_missing_value": -1}}, "scale": {"StandardScaler": {}}},
         lambda: LogisticRegression(max_iter=500), False,
         "OrdinalEncoder(encoded_missing_value=-1): None is a category, NaN is missing; a float column's "
         "values are categories too; then StandardScaler"),
        ("ordinal_max_categories_forest", ["color", "size"], {
            "ordinal": {"OrdinalEncoder": {"max_categories": 4, "min_frequency": 50}}},
         lambda: RandomForestClassifier(n_estimators=20, max_depth=8, random_state=0), False,
         "OrdinalEncoder(max_categories=4, min_frequency=50), NaN passed on to a RandomForestClassifier"),
        ("csv_onehot_texts_numbers_logreg", ["color", "size", "k", "flag"], {"onehot": {"OneHotEncoder": {
            "handle_unknown": "ignore"}}},
         lambda: LogisticRegression(max_iter=500), True,
         "a CSV table: its text columns as pandas reads them (an empty cell is NaN), an int column and a "
         "true/false column that pandas reads as numbers"),
    ]


def spec_encoder_fixtures(root):
    """The challenge job with encoders in its spec: each step is fitted on the table it scores, then the pickled
    estimator (fitted beforehand on the same encoding) predicts. The expectations are scikit-learn's own."""
    for seed, (name, columns, steps, make, csv, about) in enumerate(spec_encoder_cases()):
        data = spec_table(1900 + seed)
        folder = os.path.join(root, "spec-encoders", name)
        os.makedirs(folder, exist_ok=True)
        order = ["time", "temp"] + [c for c in reversed(["color", "size", "k", "flag"])]
        order = [c for c in dict.fromkeys(order + columns)]
        if csv:
            data[order].to_csv(os.path.join(folder, "data.csv"), index=False)
            data = pd.read_csv(os.path.join(folder, "data.csv"))
            data["size"] = pd.Categorical(data["size"], categories=SIZES)  # for spec_target only
            x = pd.read_csv(os.path.join(folder, "data.csv"))[columns]
        else:
            data[order].to_parquet(os.path.join(folder, "data.parquet"), index=False)
            x = pd.read_parquet(os.path.join(folder, "data.parquet"))[columns]
        encoded = spec_steps(steps).fit_transform(x)
        model = make()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.fit(encoded, spec_target(data, 1900 + seed))
        with open(os.path.join(folder, "model.pkl"), "wb") as f:
            pickle.dump(model, f, protocol=4)
        with open(os.path.join(folder, "spec.json"), "w") as f:
            json.dump({"features": columns, "steps": {**steps, "model": "model.pkl"}}, f, indent=1)
            f.write("\n")
        write_expected(folder, model, encoded)
        meta = {"about": about, "estimator": type(model).__name__, "features": columns, "rows": len(data),
                "encoded_width": int(encoded.shape[1]), "sklearn": sklearn.__version__}
        with open(os.path.join(folder, "meta.json"), "w") as f:
            json.dump(meta, f, indent=1, sort_keys=True, allow_nan=False)
            f.write("\n")


def box_cox_refused(root):
    """A pickle that loads, and a table it refuses: box-cox takes strictly positive values only (scikit-learn raises
    "The Box-Cox transformation can only be applied to strictly positive data")."""
    columns = ["temp", "pressure"]
    train = positive(table(1500, columns, rows=TRAIN), columns)
    pipe = fit(Pipeline([("power", PowerTransformer(method="box-cox")), ("logreg", LogisticRegression())]),
               train, columns, "binary", 1500, False)
    scored = positive(table(1501, columns, rows=200), columns)
    scored.loc[[17, 120], "pressure"] = -0.5
    refused_table(root, "box_cox_non_positive", pipe, scored, columns, ["pressure", "temp", "time"],
                  "a value below zero where PowerTransformer(method='box-cox') refuses it",
                  "step 'power' (PowerTransformer, method='box-cox') met -0.5 in its column 'pressure'")


def float32_overflow_refused(root):
    """A pickle that loads, and a table it refuses: a tree model reads float32, and a double beyond float32's range
    is infinity there (scikit-learn raises "Input X contains infinity or a value too large for dtype('float32')");
    float64 estimators take it."""
    columns = ["temp", "pressure"]
    pipe = fit(Pipeline([("scale", StandardScaler()), ("forest", RandomForestClassifier(n_estimators=5,
                                                                                     random_state=0))]),
               table(1600, columns, rows=TRAIN), columns, "binary", 1600, False)
    scored = table(1601, columns, rows=200)
    scored.loc[42, "pressure"] = 1e39
    refused_table(root, "float32_overflow_forest", pipe, scored, columns, ["pressure", "temp", "time"],
                  "a value that StandardScaler leaves beyond float32's range, where a tree model reads float32",
                  "RandomForestClassifier met ", message_also="in its input feature 1 (counting from 0, after the "
                  "pipeline's steps), infinite as the float32 it reads")


def same_objects(a, b, what):
    """Fitted estimators compared attribute by attribute, numbers to rounding (BLAS kernels differ per CPU)."""
    if type(a) is not type(b):
        return f"{what}: {type(a).__name__} vs {type(b).__name__}"
    if hasattr(a, "__dict__") and not isinstance(a, np.ndarray):
        for key in sorted(set(vars(a)) | set(vars(b))):
            why = same_objects(vars(a).get(key), vars(b).get(key), f"{what}.{key}")
            if why:
                return why
        return None
    if callable(a):
        return None if a is b else f"{what}: {a} vs {b}"
    return estimators.same_values(a, b, what, items=same_objects)


def rounding_only(fresh, committed):
    if fresh.endswith(".csv"):
        with open(fresh) as a, open(committed) as b:
            return estimators.same_values(a.read().splitlines(), b.read().splitlines(), "value")
    if fresh.endswith(".pkl"):
        with open(fresh, "rb") as a, open(committed, "rb") as b:  # our own fixtures, never hostile ones
            fresh_bytes, committed_bytes = a.read(), b.read()
        if estimators.layout(fresh_bytes) != estimators.layout(committed_bytes):
            return "pickle layout differs (opcodes, globals, strings or payload lengths)"
        try:
            return same_objects(pickle.loads(fresh_bytes), pickle.loads(committed_bytes), "model")
        except Exception as e:  # the truncated case does not load: its bytes already matched in layout
            return None if fresh_bytes == committed_bytes else f"unreadable and different ({e})"
    return "differs"


def main():
    estimators.run(__doc__, generate, SUBFOLDERS, "pipeline fixtures", rounding_only)


if __name__ == "__main__":
    main()
