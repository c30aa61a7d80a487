#!/usr/bin/env python
"""Generates the estimator fixtures shape's pickle loader and models are tested against.

Every expected value comes from scikit-learn 1.6.1 itself (``predict`` and, where it gives one number per
row, ``decision_function``); nothing is re-implemented here.

Writes, under ``reference/fixtures``:

- ``models/<case>/model.pkl``   the fitted estimator, pickled (protocol noted in ``meta.json``)
- ``models/<case>/X.csv``       rows to score, header f0..fN, floats as ``repr`` (shortest round-trip)
- ``models/<case>/expected.csv`` ``predict`` and ``decision_function`` (when 1-D; ``decision_function_<class>``
                                  per class for the one-vs-rest matrix) per row, ``repr`` floats
- ``models/<case>/meta.json``   estimator class, parameters, pickle protocol, what the case is about
- ``hostile/*.pkl``             pickles that must be refused without executing anything
- ``protocols/*.pkl``           the seed model at pickle protocols 0 and 1 (scored like the seed itself)

Usage::

    reference/.venv/bin/python reference/estimators.py           # regenerate in place
    reference/.venv/bin/python reference/estimators.py --check   # regenerate to a temp dir and diff

Pickles are byte-for-byte deterministic for a given Python/numpy/scikit-learn (fits are seeded), so
``--check`` compares files exactly.
"""
import os

# OpenBLAS picks its kernels per processor, and they round differently in the last bits, which moves the fits of
# SVR, LinearSVC and the like beyond rounding: the fixtures are made with its Haswell (AVX2) kernels, which every
# machine here runs (with AVX-512 or without), so a --check refits them with the same ones. Set before numpy loads.
os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")
import argparse
import copyreg
import filecmp
import io
import json
import pickle
import pickletools
import shutil
import struct
import sys
import tempfile
import warnings

import numpy as np
import sklearn
from sklearn.ensemble import (ExtraTreesClassifier, ExtraTreesRegressor, GradientBoostingClassifier,
                              GradientBoostingRegressor, HistGradientBoostingClassifier,
                              HistGradientBoostingRegressor, IsolationForest, RandomForestClassifier,
                              RandomForestRegressor)
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC, SVR, LinearSVC, LinearSVR, NuSVC, NuSVR, OneClassSVM
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor, ExtraTreeClassifier, ExtraTreeRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")

# Where the hostile "system" payloads would write if anything ever executed them; tests assert absence.
MARKER = "/tmp/shape-hostile-pickle-marker"


def data(seed, n_train, n_test, n_features, n_classes=None, labels=None):
    """Seeded blobs: class k is centred at k along a random direction, so fits are non-trivial."""
    rng = np.random.RandomState(seed)
    x = rng.normal(size=(n_train + n_test, n_features))
    if n_classes is None:
        y = x @ rng.normal(size=n_features) + 0.3 * rng.normal(size=n_train + n_test)
    else:
        k = rng.randint(0, n_classes, size=n_train + n_test)
        x += np.outer(k, rng.normal(size=n_features))
        y = np.asarray(labels)[k] if labels is not None else k
    return x[:n_train], y[:n_train], x[n_train:]


def fit(estimator, seed, n_features, n_classes=None, labels=None, n_train=80, n_test=40):
    x, y, x_test = data(seed, n_train, n_test, n_features, n_classes, labels)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence warnings on tiny data and the multi_class deprecation
        if isinstance(estimator, OneClassSVM):
            estimator.fit(x)
        else:
            estimator.fit(x, y)
    return estimator, x_test


def expectations(estimator, x_test):
    columns = {"predict": estimator.predict(x_test)}
    if hasattr(estimator, "decision_function"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                d = estimator.decision_function(x_test)
            except (AttributeError, ValueError):
                d = None
        if d is not None and d.ndim == 1:
            columns["decision_function"] = d
        elif d is not None and d.shape[1] == len(estimator.classes_):  # the one-vs-rest matrix
            for k, label in enumerate(estimator.classes_):
                columns[f"decision_function_{label}"] = d[:, k]
    return columns


def fmt(v):
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    if isinstance(v, (np.integer,)):
        return str(int(v))
    return str(v)


def write_case(root, name, estimator, x_test, expected, protocol=4, about="", transform=None, exact=False,
               family="models"):
    """transform(bytes) -> bytes rewrites the pickle stream (numpy-1.x module paths); ``exact`` marks a case
    whose every value shape must give to the bit (meta.json ``"exact": true``); ``family`` is the folder."""
    folder = os.path.join(root, family, name)
    os.makedirs(folder, exist_ok=True)
    blob = pickle.dumps(estimator, protocol=protocol)
    if transform is not None:
        blob = transform(blob)
    with open(os.path.join(folder, "model.pkl"), "wb") as f:
        f.write(blob)
    with open(os.path.join(folder, "X.csv"), "w") as f:
        f.write(",".join(f"f{j}" for j in range(x_test.shape[1])) + "\n")
        for row in x_test:
            f.write(",".join(fmt(v) for v in row) + "\n")
    with open(os.path.join(folder, "expected.csv"), "w") as f:
        keys = list(expected)
        f.write(",".join(keys) + "\n")
        for i in range(len(x_test)):
            f.write(",".join(fmt(expected[k][i]) for k in keys) + "\n")
    params = {k: v for k, v in estimator.get_params().items() if isinstance(v, (int, float, str, bool, type(None)))}
    meta = {
        "estimator": type(estimator).__name__,
        "params": params,
        "protocol": protocol,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "about": about,
    }
    if exact:
        meta["exact"] = True
    with open(os.path.join(folder, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
        f.write("\n")
    return folder


def numpy1_paths(blob):
    """Rewrites numpy 2 module paths to numpy 1.x ones (``numpy._core`` -> ``numpy.core``).

    Only valid for protocol 2 streams: there GLOBAL names are newline-terminated text (no length
    prefixes, no frames), so a byte replacement keeps the stream well-formed. numpy 1.x writes exactly
    these names (``numpy.core.multiarray._reconstruct``, ``numpy.core.multiarray.scalar``).
    """
    assert blob[:2] == b"\x80\x02"
    return blob.replace(b"cnumpy._core.", b"cnumpy.core.")


def model_cases(root):
    svm_kernels = [
        ("rbf", dict(kernel="rbf", gamma="scale")),
        ("poly", dict(kernel="poly", degree=3, gamma=0.3, coef0=1.0)),
        ("linear", dict(kernel="linear")),
        ("sigmoid", dict(kernel="sigmoid", gamma=0.05, coef0=-0.5)),
    ]
    # One-class: each kernel (rbf with gamma='auto' like the seed, stored as a Python float).
    for i, (kname, kw) in enumerate(svm_kernels):
        kw = dict(kw, gamma="auto") if kname == "rbf" else kw
        est, xt = fit(OneClassSVM(nu=0.2, **kw), 10 + i, 5)
        write_case(root, f"ocsvm_{kname}", est, xt, expectations(est, xt), about=f"OneClassSVM {kname}")
    # SVC binary, each kernel; gamma='scale' makes _gamma a numpy float64 scalar.
    for i, (kname, kw) in enumerate(svm_kernels):
        est, xt = fit(SVC(C=1.0, **kw), 20 + i, 4, n_classes=2)
        write_case(root, f"svc_binary_{kname}", est, xt, expectations(est, xt), about=f"SVC binary {kname}")
    # SVC multi-class one-vs-one voting, int labels (4 classes) and string labels (3 classes).
    est, xt = fit(SVC(kernel="rbf", gamma=0.5, C=2.0), 30, 3, n_classes=4)
    write_case(root, "svc_multi4_rbf", est, xt, expectations(est, xt), about="SVC 4 classes, ovo votes")
    est, xt = fit(SVC(kernel="poly", degree=2, gamma="scale", coef0=0.5), 31, 4, n_classes=3,
                  labels=["cat", "dog", "emu"])
    write_case(root, "svc_multi3_poly_strings", est, xt, expectations(est, xt), about="string labels (<U3)")
    # Ties in voting: 5 close classes with few features produce 2-2 ties; libsvm takes the first.
    est, xt = fit(SVC(kernel="linear", C=0.05), 32, 2, n_classes=5, n_test=200)
    write_case(root, "svc_multi5_linear_ties", est, xt, expectations(est, xt), about="vote ties")
    est, xt = fit(SVC(kernel="rbf", gamma=1.0, break_ties=True), 32, 2, n_classes=5, n_test=200)
    write_case(root, "svc_multi5_break_ties", est, xt, expectations(est, xt), about="break_ties=True (ovr argmax)")
    est, xt = fit(SVC(kernel="rbf", gamma=0.3, probability=True, random_state=0), 33, 3, n_classes=2)
    write_case(root, "svc_binary_probability", est, xt, expectations(est, xt), about="probA_/probB_ present")
    # Object-dtype labels (pandas-like strings), multi-class NuSVC.
    est, xt = fit(NuSVC(nu=0.3, kernel="rbf", gamma="scale"), 34, 4, n_classes=3,
                  labels=np.array(["low", "mid", "high"], dtype=object))
    write_case(root, "nusvc_multi3_objects", est, xt, expectations(est, xt), about="object-dtype labels")
    est, xt = fit(NuSVC(nu=0.4, kernel="poly", degree=3, gamma=0.2, coef0=1.0), 35, 3, n_classes=2,
                  labels=[-1, 7])
    write_case(root, "nusvc_binary_poly", est, xt, expectations(est, xt), about="NuSVC binary labels -1/7")
    # Regressors.
    for i, (kname, kw) in enumerate(svm_kernels):
        est, xt = fit(SVR(C=3.0, epsilon=0.05, **kw), 40 + i, 4)
        write_case(root, f"svr_{kname}", est, xt, expectations(est, xt), about=f"SVR {kname}")
    est, xt = fit(NuSVR(nu=0.5, kernel="rbf", gamma=0.2), 44, 4)
    write_case(root, "nusvr_rbf", est, xt, expectations(est, xt), about="NuSVR rbf")
    est, xt = fit(NuSVR(nu=0.3, kernel="sigmoid", gamma=0.02, coef0=0.1), 45, 4)
    write_case(root, "nusvr_sigmoid", est, xt, expectations(est, xt), about="NuSVR sigmoid")
    # Wide rows: libsvm's BLAS ddot sums 16- and 32-lane blocks differently from short rows.
    est, xt = fit(OneClassSVM(nu=0.1, kernel="rbf", gamma="auto"), 70, 70)
    write_case(root, "ocsvm_rbf_70_features", est, xt, expectations(est, xt), about="ddot 32-lane + tail")
    est, xt = fit(SVC(kernel="poly", degree=2, gamma=0.02, coef0=1.0), 71, 21, n_classes=3)
    write_case(root, "svc_multi3_poly_21_features", est, xt, expectations(est, xt), about="ddot 16-lane + tail")
    est, xt = fit(SVR(kernel="rbf", gamma=0.01), 72, 100)
    write_case(root, "svr_rbf_100_features", est, xt, expectations(est, xt), about="ddot 32, 16 lanes + tail")
    est, xt = fit(SVC(kernel="sigmoid", gamma=0.005, coef0=0.0), 73, 48, n_classes=2)
    write_case(root, "svc_binary_sigmoid_48_features", est, xt, expectations(est, xt), about="ddot 32 + 16 lanes")

    # Linear models.
    est, xt = fit(LinearSVC(C=0.5, random_state=0), 50, 5, n_classes=2)
    write_case(root, "linearsvc_binary", est, xt, expectations(est, xt), about="LinearSVC binary")
    est, xt = fit(LinearSVC(C=0.5, random_state=0), 51, 5, n_classes=4, labels=["a", "b", "c", "d"])
    write_case(root, "linearsvc_multi4_strings", est, xt, expectations(est, xt), about="LinearSVC ovr argmax")
    est, xt = fit(LinearSVR(C=1.0, epsilon=0.0, random_state=0, max_iter=5000), 52, 5)
    write_case(root, "linearsvr", est, xt, expectations(est, xt), about="LinearSVR")
    est, xt = fit(LogisticRegression(C=1.0), 53, 4, n_classes=2, labels=[3, 9])
    write_case(root, "logreg_binary", est, xt, expectations(est, xt), about="LogisticRegression binary")
    est, xt = fit(LogisticRegression(C=1.0), 54, 4, n_classes=3, labels=["x", "y", "z"])
    write_case(root, "logreg_multinomial", est, xt, expectations(est, xt), about="multinomial (default)")
    est, xt = fit(LogisticRegression(C=1.0, multi_class="ovr"), 55, 4, n_classes=3)
    write_case(root, "logreg_ovr", est, xt, expectations(est, xt), about="multi_class='ovr' (deprecated in 1.5)")

    # Pickle formats.
    est, xt = fit(SVC(kernel="rbf", gamma="scale"), 60, 4, n_classes=3)
    write_case(root, "format_protocol2", est, xt, expectations(est, xt), protocol=2,
               about="protocol 2: bytes as _codecs.encode, GLOBAL opcodes")
    write_case(root, "format_protocol3", est, xt, expectations(est, xt), protocol=3, about="protocol 3")
    write_case(root, "format_protocol5", est, xt, expectations(est, xt), protocol=5,
               about="protocol 5: arrays as numpy._core.numeric._frombuffer")
    write_case(root, "format_numpy1_paths", est, xt, expectations(est, xt), protocol=2, transform=numpy1_paths,
               about="protocol 2 with numpy 1.x module paths (numpy.core.*), see numpy1_paths()")
    # Fortran order and big-endian: scikit-learn's libsvm wants C-ordered native float64, so the expected
    # values come from the model as fitted; the pickled copy holds the same numbers in another layout.
    est, xt = fit(SVR(kernel="rbf", gamma=0.3), 61, 4)
    expected = expectations(est, xt)
    est.support_vectors_ = np.asfortranarray(est.support_vectors_).astype(">f8", order="F")
    est._dual_coef_ = est._dual_coef_.astype(">f8")
    assert not est.support_vectors_.flags.c_contiguous
    write_case(root, "format_fortran_bigendian", est, xt, expected,
               about="support_vectors_ Fortran-ordered big-endian f8, _dual_coef_ big-endian")
    # float32 coefficients and int32 labels: predictions recomputed by scikit-learn after the change.
    est, xt = fit(LinearSVC(C=0.5, random_state=0), 62, 5, n_classes=3)
    est.coef_ = est.coef_.astype(np.float32)
    est.intercept_ = est.intercept_.astype(np.float32)
    est.classes_ = est.classes_.astype(np.int32)
    write_case(root, "format_f4_i4", est, xt, expectations(est, xt), about="coef_ float32, classes_ int32")
    est, xt = fit(LinearSVR(random_state=0, max_iter=5000), 63, 3)
    est.coef_ = est.coef_.astype(">f4")
    write_case(root, "format_f4_bigendian", est, xt, expectations(est, xt), about="coef_ big-endian float32")
    est, xt = fit(LogisticRegression(), 64, 3, n_classes=2, labels=[False, True])
    write_case(root, "format_bool_labels", est, xt, expectations(est, xt), about="bool classes_ (b1)")
    est, xt = fit(LogisticRegression(), 65, 3, n_classes=3)
    est.classes_ = est.classes_.astype(np.int8)
    write_case(root, "format_i1_labels", est, xt, expectations(est, xt), about="int8 classes_")
    tree_model_cases(root)
    boosting_cases(root)


def tree_data(seed, n_train, n_test, n_features, n_classes=None, labels=None, missing=0.0):
    """Blobs as data() makes them, for trees: the test rows rounded to 3 decimals (small files), then training
    rows exactly and nudged by 1e-10 (another float64, mostly the same float32: the cast decides those), and
    a fraction ``missing`` of the training cells of features 0 and 2 set to NaN (missing_go_to_left learnt)."""
    x, y, x_test = data(seed, n_train, n_test, n_features, n_classes, labels)
    rng = np.random.RandomState(seed + 1000)
    picked = x[rng.randint(0, n_train, size=300)]
    x_test = np.vstack([np.round(x_test, 3), picked[:150], picked[150:] * (1 + 1e-10)])
    if missing:
        for j in (0, 2):
            x[rng.uniform(size=n_train) < missing, j] = np.nan
    return x, y, x_test


def tree_expectations(estimator, x_test):
    """predict; decision_function when the estimator has one (1-D, or decision_function_<label> per class:
    IsolationForest, gradient boosting); predict_proba per class (probability_<label>) when it has it."""
    columns = {"predict": estimator.predict(x_test)}
    if hasattr(estimator, "decision_function"):
        d = estimator.decision_function(x_test)
        if d.ndim == 1:
            columns["decision_function"] = d
        else:
            for k, label in enumerate(estimator.classes_):
                columns[f"decision_function_{label}"] = d[:, k]
    if hasattr(estimator, "predict_proba"):
        proba = estimator.predict_proba(x_test)
        for k, label in enumerate(estimator.classes_):
            columns[f"probability_{label}"] = proba[:, k]
    return columns


def tree_case(root, name, estimator, seed, n_features, n_classes=None, labels=None, n_test=2000, missing=0.0,
              about="", family="models", test_missing=0.0):
    """Fits a tree model on tree_data and writes its case; ``test_missing`` puts NaN into the test rows too."""
    x, y, x_test = tree_data(seed, 400, n_test, n_features, n_classes, labels, missing)
    if test_missing:
        rng = np.random.RandomState(seed + 2000)
        x_test[rng.uniform(size=x_test.shape) < test_missing] = np.nan
    if isinstance(estimator, IsolationForest):
        estimator.fit(x)
    else:
        estimator.fit(x, y)
    # IsolationForest's 2 ** x is numpy's power, which on AVX512 processors is SVML's (1 ulp off a correctly
    # rounded pow for some 6% of values): its scores are close, not exact; every tree and forest value is exact.
    write_case(root, name, estimator, x_test, tree_expectations(estimator, x_test), about=about,
               exact=not isinstance(estimator, IsolationForest), family=family)
    return estimator


def tree_model_cases(root):
    """Decision trees, extra trees, forests and IsolationForest: every value exact (float32 compares, sums in
    estimators_ order); forests and IsolationForest score 10k rows and more."""
    tree_case(root, "dtree_binary_nan_fit", DecisionTreeClassifier(max_depth=7, random_state=0), 80, 4,
              n_classes=2, missing=0.1, about="DecisionTreeClassifier binary, NaN in training (missing_go_to_left)")
    tree_case(root, "dtree_multi3_strings", DecisionTreeClassifier(random_state=0, min_samples_leaf=3), 81, 4,
              n_classes=3, labels=["cat", "dog", "emu"], about="DecisionTreeClassifier string labels, full depth")
    tree_case(root, "dtree_regressor_nan_fit", DecisionTreeRegressor(max_depth=9, random_state=0), 82, 4,
              missing=0.1, about="DecisionTreeRegressor, NaN in training")
    tree_case(root, "extratree_multi4", ExtraTreeClassifier(random_state=0, max_depth=10), 83, 3, n_classes=4,
              about="ExtraTreeClassifier 4 classes")
    tree_case(root, "extratree_regressor", ExtraTreeRegressor(random_state=0), 84, 3,
              about="ExtraTreeRegressor, full depth")
    tree_case(root, "rf_binary_nan_fit", RandomForestClassifier(n_estimators=30, max_depth=8, random_state=0), 85, 4,
              n_classes=2, labels=[-1, 7], n_test=10000, missing=0.05,
              about="RandomForestClassifier binary labels -1/7, NaN in training, 10k rows")
    tree_case(root, "rf_multi4_strings", RandomForestClassifier(n_estimators=20, random_state=1), 86, 3,
              n_classes=4, labels=["a", "b", "c", "d"], n_test=10000,
              about="RandomForestClassifier 4 string classes, full depth, 10k rows (probability ties)")
    tree_case(root, "rf_regressor", RandomForestRegressor(n_estimators=25, max_depth=10, random_state=2), 87, 4,
              n_test=10000, about="RandomForestRegressor, 10k rows")
    tree_case(root, "et_multi3", ExtraTreesClassifier(n_estimators=20, max_depth=9, random_state=3), 88, 4,
              n_classes=3, missing=0.05, about="ExtraTreesClassifier 3 classes, NaN in training")
    tree_case(root, "et_regressor", ExtraTreesRegressor(n_estimators=10, max_depth=8, random_state=4), 89, 3,
              about="ExtraTreesRegressor, max_depth=8")
    tree_case(root, "iforest_auto", IsolationForest(n_estimators=50, random_state=5), 90, 4, n_test=10000,
              about="IsolationForest contamination='auto' (offset_ -0.5), 10k rows")
    tree_case(root, "iforest_contamination_max_features", IsolationForest(
        n_estimators=40, contamination=0.1, max_features=0.5, random_state=6), 91, 6, n_test=10000,
              about="IsolationForest contamination=0.1, max_features=0.5 (3 of 6, estimators_features_), 10k rows")
    tree_case(root, "iforest_max_samples_bootstrap", IsolationForest(
        n_estimators=30, max_samples=0.4, bootstrap=True, contamination=0.05, random_state=7), 92, 3,
              about="IsolationForest max_samples=0.4 (160 of 400) with bootstrap")
    # Another node layout: 32-bit index fields and big-endian records, as a 32-bit or big-endian machine pickles
    # them (scikit-learn casts such nodes on load); the expected values come from the model as fitted.
    x, y, x_test = tree_data(97, 400, 2000, 4, 3)
    est = RandomForestClassifier(n_estimators=5, max_depth=6, random_state=0).fit(x, y)
    expected = tree_expectations(est, x_test)
    folder = write_case(root, "format_tree_nodes_i4_bigendian", est, x_test, expected, exact=True,
                        about="tree nodes as big-endian aligned records with int32 left_child, right_child, "
                              "feature, n_node_samples (itemsize 56, not 64); values big-endian")
    with open(os.path.join(folder, "model.pkl"), "wb") as f:
        _NodeLayoutPickler(f).dump(est)
    with open(os.path.join(folder, "model.pkl"), "rb") as f:
        again = pickle.load(f)
    assert again.estimators_[0].tree_.__getstate__()["nodes"].dtype.itemsize == 64  # cast back on load
    assert all(np.array_equal(again.predict_proba(x_test), est.predict_proba(x_test)) for _ in [0])
    # NaN in the rows scored: the models follow missing_go_to_left. The engines refuse NaN that no step imputes
    # (ValueTally), so these cases are scored by the model alone (EstimatorFixturesTest), not the engine contract.
    tree_case(root, "dtree_nan_rows", DecisionTreeClassifier(max_depth=6, random_state=0), 93, 4, n_classes=3,
              missing=0.1, test_missing=0.15, family="models-missing", about="NaN in training and scored rows")
    tree_case(root, "rf_nan_rows", RandomForestRegressor(n_estimators=10, max_depth=8, random_state=0), 94, 4,
              missing=0.1, test_missing=0.15, family="models-missing", about="NaN in training and scored rows")
    tree_case(root, "iforest_nan_rows", IsolationForest(n_estimators=20, random_state=0), 95, 4, missing=0.05,
              test_missing=0.15, family="models-missing", about="IsolationForest, NaN in training and scored rows")
    # ExtraTreeRegressor's own allow_nan line is an annotation: DecisionTreeRegressor's tag stands, so it takes NaN
    tree_case(root, "et_regressor_nan_rows", ExtraTreesRegressor(n_estimators=10, max_depth=8, random_state=0), 96, 4,
              missing=0.1, test_missing=0.15, family="models-missing", about="ExtraTreesRegressor, NaN in training "
              "and scored rows")
    tree_case(root, "extratree_regressor_nan_rows", ExtraTreeRegressor(random_state=0), 97, 3, missing=0.1,
              test_missing=0.15, family="models-missing", about="ExtraTreeRegressor, NaN in training and scored rows")


def boosting_cases(root):
    """GradientBoosting: the Dummy init estimators (prior, mean, quantile) and 'zero', binary (log_loss and
    exponential), multiclass, the regression losses; ≥ 2k rows each, 10k for the default classifier."""
    cases = [
        ("gb_binary", GradientBoostingClassifier(n_estimators=40, max_depth=3, random_state=0), 2, None, 10000,
         "GradientBoostingClassifier log_loss, prior init, 10k rows"),
        ("gb_binary_exponential_zero", GradientBoostingClassifier(loss="exponential", init="zero", n_estimators=30,
                                                                   learning_rate=0.2, random_state=1), 2, ["no", "yes"],
         2000, "exponential loss, init='zero', string labels"),
        ("gb_multi4", GradientBoostingClassifier(n_estimators=25, max_depth=2, subsample=0.8, random_state=2), 4,
         None, 2000, "4 classes (softmax; log(p/gmean) init), subsample"),
        ("gb_regressor_huber", GradientBoostingRegressor(loss="huber", n_estimators=40, random_state=3), None, None,
         2000, "huber loss: the quantile init (median)"),
        ("gb_regressor_quantile", GradientBoostingRegressor(loss="quantile", alpha=0.8, n_estimators=30,
                                                            random_state=4), None, None, 2000, "quantile loss 0.8"),
        ("gb_regressor_squared_zero", GradientBoostingRegressor(init="zero", n_estimators=30, max_depth=4,
                                                                random_state=5), None, None, 2000,
         "squared_error, init='zero'"),
    ]
    for seed, (name, estimator, classes, labels, n_test, about) in enumerate(cases):
        x, y, x_test = tree_data(120 + seed, 400, n_test, 4, classes, labels, 0.0)
        estimator.fit(x, y)
        write_case(root, name, estimator, x_test, tree_expectations(estimator, x_test), about=about)
    hist_cases(root)


def hist_cases(root):
    """HistGradientBoosting: NaN in training and scored rows (missing_go_to_left), a categorical feature given by
    index with categories fitting never saw (and a negative one) in the scored rows, the loss links."""
    cases = [
        ("hgb_binary_nan_categorical", HistGradientBoostingClassifier(max_iter=40, categorical_features=[1],
                                                                      random_state=0), 2, None, 10000,
         "binary, NaN rows, feature 1 categorical (0..5 fitted; 6, 7 and -1 scored)"),
        ("hgb_multi3_strings", HistGradientBoostingClassifier(max_iter=20, max_depth=4, random_state=1), 3,
         ["lo", "mid", "hi"], 2000, "3 string classes (softmax), NaN rows"),
        ("hgb_regressor_poisson", HistGradientBoostingRegressor(loss="poisson", max_iter=30, random_state=2), None,
         None, 2000, "poisson loss: exp of the raw value"),
        ("hgb_regressor_categorical", HistGradientBoostingRegressor(max_iter=30, categorical_features=[1],
                                                                    random_state=3), None, None, 2000,
         "squared_error, feature 1 categorical"),
    ]
    for seed, (name, estimator, classes, labels, n_test, about) in enumerate(cases):
        x, y, x_test = tree_data(140 + seed, 600, n_test, 4, classes, labels, 0.1)
        rng = np.random.RandomState(160 + seed)
        if name.endswith("poisson"):
            y = np.exp(np.clip(y, -3, 3) / 3)
        categorical = not isinstance(estimator.categorical_features, str) and 1 in (estimator.categorical_features or [])
        if categorical:
            x[:, 1] = rng.randint(0, 6, size=len(x))
            x_test[:, 1] = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, -1], size=len(x_test))
        x_test[rng.uniform(size=x_test.shape) < 0.05] = np.nan
        estimator.fit(x, y)
        write_case(root, name, estimator, x_test, tree_expectations(estimator, x_test), about=about)


class _NodeLayoutPickler(pickle.Pickler):
    """Pickles every Tree with big-endian node records whose index fields are int32, and big-endian values."""

    INDEXES = ("left_child", "right_child", "feature", "n_node_samples")

    def __init__(self, out):
        super().__init__(out, protocol=4)

    def reducer_override(self, obj):
        if type(obj).__name__ != "Tree" or type(obj).__module__ != "sklearn.tree._tree":
            return NotImplemented
        cls, args, state = obj.__reduce__()
        nodes = state["nodes"]
        names = nodes.dtype.names
        layout = np.dtype({"names": names, "formats": [(">i4" if n in self.INDEXES else nodes.dtype.fields[n][0]
                                                        .newbyteorder(">")) for n in names]}, align=True)
        records = np.zeros(len(nodes), dtype=layout)  # zeroed: astype would leave the padding bytes undefined
        for name in names:
            records[name] = nodes[name]
        state = dict(state, nodes=records, values=state["values"].astype(">f8"))
        return cls, args, state


class _TreePickler(pickle.Pickler):
    """Pickles ``estimator`` with one tree's pickled parts changed: ``args(args)`` and ``state(state)`` return the
    Tree's reduce arguments and state as they should be written."""

    def __init__(self, out, tree, args=None, state=None):
        super().__init__(out, protocol=4)
        self.tree, self.change_args, self.change_state = tree, args, state

    def reducer_override(self, obj):
        if obj is self.tree:
            cls, args, state = obj.__reduce__()
            state = dict(state)
            return (cls, self.change_args(args) if self.change_args else args,
                    self.change_state(state) if self.change_state else state)
        return NotImplemented


def damaged_tree(estimator, tree, args=None, state=None):
    out = io.BytesIO()
    _TreePickler(out, tree, args, state).dump(estimator)
    return out.getvalue()


def hostile_tree_cases(put):
    """Tree pickles whose node arrays could send a traversal outside memory or around forever."""
    x, y, _ = data(96, 200, 1, 3, 3)
    tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(x, y)
    forest = RandomForestClassifier(n_estimators=4, max_depth=3, random_state=0).fit(x, y)

    def nodes(change):
        def apply(state):
            # a copy of the bytes: ndarray.copy() leaves the records' padding (after missing_go_to_left) as it
            # finds the new memory, so the file would differ from one generation to the next
            n = state["nodes"]
            state["nodes"] = np.frombuffer(bytearray(n.tobytes()), dtype=n.dtype)
            change(state["nodes"])
            return state
        return apply

    def right_out_of_range(n):
        n[0]["right_child"] = len(n) + 1000

    def cycle(n):
        n[1]["left_child"] = 0  # node 1 (the root's left child) points back to the root

    def renamed(state):
        n = state["nodes"]
        names = list(n.dtype.names)
        names[names.index("missing_go_to_left")] = "go_left"
        state["nodes"] = n.view(np.dtype({"names": names, "formats": [n.dtype.fields[f][0] for f in n.dtype.names],
                                          "offsets": [n.dtype.fields[f][1] for f in n.dtype.names],
                                          "itemsize": n.dtype.itemsize}))
        return state

    def float32_thresholds(state):
        n = state["nodes"]
        formats = [np.float32 if f == "threshold" else n.dtype.fields[f][0] for f in n.dtype.names]
        records = np.zeros(len(n), dtype=np.dtype({"names": n.dtype.names, "formats": formats}))
        for f in n.dtype.names:
            records[f] = n[f]
        state["nodes"] = records
        return state

    assert tree.tree_.node_count > 3 and tree.tree_.children_left[1] != -1
    put("tree_child_out_of_range.pkl", damaged_tree(tree, tree.tree_, state=nodes(right_out_of_range)))
    put("tree_cycle.pkl", damaged_tree(tree, tree.tree_, state=nodes(cycle)))
    put("tree_node_count_too_large.pkl", damaged_tree(
        tree, tree.tree_, state=lambda s: dict(s, node_count=s["node_count"] + 5)))
    put("tree_unknown_node_field.pkl", damaged_tree(tree, tree.tree_, state=renamed))
    put("tree_float32_thresholds.pkl", damaged_tree(tree, tree.tree_, state=float32_thresholds))
    put("tree_n_features_mismatch.pkl", damaged_tree(tree, tree.tree_, args=lambda a: (7,) + tuple(a[1:])))
    assert forest.estimators_[2].tree_.children_left[1] != -1
    put("forest_tree_2_cycle.pkl", damaged_tree(forest, forest.estimators_[2].tree_, state=nodes(cycle)))


class _Reduce:
    """Pickles as an arbitrary call, as an attacker would craft it."""

    def __init__(self, func, *args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


def with_state(estimator, protocol=4, **changes):
    """The pickle of ``estimator`` with ``changes`` in its pickled state.

    Setting the attributes would not do for ``_sklearn_version``: scikit-learn's ``__getstate__`` writes
    its own version over it, so the state is handed to the pickler directly.
    """
    state = dict(estimator.__getstate__(), **changes)

    class StatePickler(pickle.Pickler):
        def reducer_override(self, obj):
            if obj is estimator:
                return copyreg.__newobj__, (type(obj),), state
            return NotImplemented

    out = io.BytesIO()
    StatePickler(out, protocol=protocol).dump(estimator)
    return out.getvalue()


def protocol_cases(root, seed_model):
    """The seed at protocols 0 and 1: text opcodes, copy_reg._reconstructor, arrays as _codecs.encode."""
    folder = os.path.join(root, "protocols")
    os.makedirs(folder, exist_ok=True)
    with open(seed_model, "rb") as f:
        seed = pickle.load(f)
    for protocol in (0, 1):
        with open(os.path.join(folder, f"seed_protocol{protocol}.pkl"), "wb") as f:
            f.write(pickle.dumps(seed, protocol=protocol))


def hostile_cases(root, seed_model):
    folder = os.path.join(root, "hostile")
    os.makedirs(folder, exist_ok=True)

    def put(name, blob):
        with open(os.path.join(folder, name), "wb") as f:
            f.write(blob)

    put("os_system.pkl", pickle.dumps(_Reduce(os.system, f"touch {MARKER}"), protocol=4))
    put("builtins_eval.pkl", pickle.dumps(
        _Reduce(eval, f"__import__('os').system('touch {MARKER}')"), protocol=2))
    # A class nobody registered: written by hand so the module need not exist here.
    put("unknown_class.pkl", b"\x80\x02c" + b"evil.module\nPayload\n" + b")\x81}b.")
    # A scikit-learn estimator shape does not support (state trimmed: the refusal comes first).
    put("unsupported_estimator.pkl",
        b"\x80\x02csklearn.neighbors._classification\nKNeighborsClassifier\n)\x81}b.")
    put("inst_opcode.pkl", b"(iposix\nsystem\n.")
    put("ext_opcode.pkl", b"\x80\x02\x82\x01)R.")
    with open(seed_model, "rb") as f:
        blob = f.read()
    put("truncated.pkl", blob[: len(blob) // 2])
    # BINBYTES declaring 1 GiB with three bytes behind it.
    put("huge_binbytes.pkl", b"\x80\x04B" + struct.pack("<I", 1 << 30) + b"abc")
    put("huge_binbytes8.pkl", b"\x80\x04\x8e" + struct.pack("<Q", 1 << 40) + b"abc")
    # The seed model with support_vectors_ declaring shape (10^7, 66) over its 39 x 66 values.
    with open(seed_model, "rb") as f:
        seed = pickle.dumps(pickle.load(f), protocol=2)
    assert seed.count(b"K'KB\x86") == 1  # BININT1 39, BININT1 66, TUPLE2
    put("array_shape_mismatch.pkl", seed.replace(b"K'KB\x86", b"J\x80\x96\x98\x00KB\x86"))
    # Memory bombs: a list built by sharing, [x, x] fifty levels deep, is 2^51 elements once expanded but a
    # few hundred bytes pickled (each level refers to the one below through the memo).
    with open(seed_model, "rb") as f:
        estimator = pickle.load(f)
    bomb = [0]
    for _ in range(50):
        bomb = [bomb, bomb]
    for attribute in ("kernel", "_sklearn_version", "support_vectors_"):
        put(f"shared_list_{attribute.strip('_')}.pkl", with_state(estimator, **{attribute: bomb}))
    # Hashing bombs: Java hashes a set or a dict key by walking it, every time it is used. A frozenset
    # holding the level below twice (directly and inside another frozenset) hashes in 2^50 steps there;
    # Python caches frozenset hashes, so it can pickle one.
    nested = frozenset([0])
    for _ in range(50):
        nested = frozenset([nested, frozenset([nested])])
    put("hash_frozenset_key.pkl", with_state(estimator, class_weight={nested: 1.0}))
    # A list as a dict key cannot exist in Python: written by hand, the list being the shared bomb above.
    # Each level is memoised and popped (PUT, POP), the next refers to it twice (GET, GET); the key is the last.
    levels = b"".join(b"(h%sh%slq%s0" % (bytes([k]), bytes([k]), bytes([k + 1])) for k in range(50))
    put("hash_list_key.pkl", b"\x80\x02}" + b"]K\x00aq\x000" + levels + b"h\x32K\x01s.")
    # A version string of 1 MB: refused as no version, and must not be echoed whole.
    put("long_sklearn_version.pkl", with_state(estimator, _sklearn_version="x" * (1 << 20)))
    # No support vectors: no fit can produce it (see OneClassSvm); scikit-learn would score every row -1.
    empty = np.empty((1, 0))
    hostile_tree_cases(put)
    put("zero_support_vectors.pkl", with_state(
        estimator, support_vectors_=np.empty((0, estimator.n_features_in_)), support_=np.empty(0, dtype=np.int32),
        _n_support=np.zeros(2, dtype=np.int32), dual_coef_=empty, _dual_coef_=empty))
    with open(os.path.join(folder, "README.md"), "w") as f:
        f.write(HOSTILE_README.format(marker=MARKER))


HOSTILE_README = """# Hostile pickles (never load these with Python's pickle)

Generated by `reference/estimators.py`. shape must refuse each with a clear message and execute nothing.

- `os_system.pkl`: `posix.system("touch {marker}")` via REDUCE (protocol 4, STACK_GLOBAL).
- `builtins_eval.pkl`: `builtins.eval(...)` of code that would create the same marker (protocol 2, GLOBAL).
- `unknown_class.pkl`: `evil.module.Payload` built with NEWOBJ.
- `unsupported_estimator.pkl`: a scikit-learn class shape has no model for.
- `inst_opcode.pkl`: protocol-0 INST `posix.system`.
- `ext_opcode.pkl`: EXT1 (the copyreg extension registry).
- `truncated.pkl`: the seed model cut in half.
- `huge_binbytes.pkl` / `huge_binbytes8.pkl`: BINBYTES declaring 1 GiB / BINBYTES8 declaring 1 TiB.
- `array_shape_mismatch.pkl`: the seed model whose `support_vectors_` declares 10^7 x 66 values over 39 x 66.
- `shared_list_kernel.pkl` / `shared_list_sklearn_version.pkl` / `shared_list_support_vectors.pkl`: the seed
  model with `kernel` / `_sklearn_version` / `support_vectors_` set to `x = [0]; x = [x, x]` fifty times, each
  level a memo reference to the one below: a few hundred bytes that expand to 2^51 elements.
- `hash_frozenset_key.pkl`: the seed model whose `class_weight` is keyed by frozensets nested fifty deep, each
  level held twice (directly and inside another frozenset): 2^50 steps to hash where hashes are not cached.
- `hash_list_key.pkl`: a dict whose key is the shared list above (written by hand: Python cannot build it).
- `long_sklearn_version.pkl`: the seed model with a 1 MiB `_sklearn_version` of "x"s.
- `zero_support_vectors.pkl`: the seed model with no support vectors (scikit-learn would score every row -1).
- `tree_child_out_of_range.pkl`: a DecisionTreeClassifier whose root's right child is past the node array.
- `tree_cycle.pkl`: a DecisionTreeClassifier whose node 1 has the root as its left child (a cycle).
- `tree_node_count_too_large.pkl`: a DecisionTreeClassifier whose `node_count` is 5 more than its arrays hold.
- `tree_unknown_node_field.pkl`: a DecisionTreeClassifier whose node dtype names `go_left` for `missing_go_to_left`.
- `tree_float32_thresholds.pkl`: a DecisionTreeClassifier whose node records hold `threshold` as float32 (a dtype
  scikit-learn refuses to load).
- `tree_n_features_mismatch.pkl`: a DecisionTreeClassifier of 3 features whose Tree says 7.
- `forest_tree_2_cycle.pkl`: a RandomForestClassifier whose tree 2 has the cycle of `tree_cycle.pkl`.
"""


def generate(root):
    np.random.seed(0)
    model_cases(root)
    hostile_cases(root, os.path.join(FIXTURES, "seed", "model.pkl"))
    protocol_cases(root, os.path.join(FIXTURES, "seed", "model.pkl"))


def main():
    run(__doc__, generate, ("models", "models-missing", "hostile", "protocols"), "fixtures")


def run(description, make, subfolders, what, compare=None):
    """A generator's command line: regenerate ``subfolders`` of the fixtures in place, or with ``--check`` into a
    temporary folder and compare them (``compare`` as in :func:`diff_trees`), exiting 1 on a difference."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="regenerate to a temp dir and compare")
    args = parser.parse_args()
    if sklearn.__version__ != "1.6.1":
        sys.exit(f"scikit-learn 1.6.1 expected, found {sklearn.__version__}: run reference/setup-venv.sh")
    if not args.check:
        for sub in subfolders:
            shutil.rmtree(os.path.join(FIXTURES, sub), ignore_errors=True)
        make(FIXTURES)
        return
    with tempfile.TemporaryDirectory() as tmp:
        make(tmp)
        differences = []
        for sub in subfolders:
            differences += diff_trees(os.path.join(tmp, sub), os.path.join(FIXTURES, sub), sub, compare)
        if differences:
            print(f"{what} differ from a fresh generation:\n  " + "\n  ".join(differences))
            sys.exit(1)
        print(f"{what} match a fresh generation")


def diff_trees(fresh, committed, label, compare=None):
    """Files that differ between two fixture trees; ``compare(fresh, committed)`` says why two versions of a
    file differ (None: by rounding only), by default the models' rounding rule and bytes elsewhere."""
    if compare is None:
        compare = rounding_only if label.startswith("models") else (lambda a, b: "differs")
    out = []
    cmp = filecmp.dircmp(fresh, committed)
    out += [f"{label}/{n}: only in fresh" for n in cmp.left_only]
    out += [f"{label}/{n}: only in committed" for n in cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(fresh, committed, cmp.common_files, shallow=False)
    out += [f"{label}/{n}: differs" for n in errors]
    for n in mismatch:
        why = compare(os.path.join(fresh, n), os.path.join(committed, n))
        if why:
            out.append(f"{label}/{n}: {why}")
    for sub in cmp.common_dirs:
        out += diff_trees(os.path.join(fresh, sub), os.path.join(committed, sub), f"{label}/{sub}", compare)
    return out


# Fitted models go through BLAS/LAPACK, whose kernels (picked per processor, or by OPENBLAS_CORETYPE) round
# differently in the last bits. A fixture made on another processor is the same fixture when every number
# agrees to this tolerance and every label and non-numeric value is equal; anything more is a real change.
RTOL, ATOL = 1e-9, 1e-12


def rounding_only(fresh, committed):
    """None when two versions of a fixture file differ by floating-point rounding only, else why they differ."""
    if fresh.endswith(".csv"):
        with open(fresh) as a, open(committed) as b:
            return same_values(a.read().splitlines(), b.read().splitlines(), "value")
    if fresh.endswith(".pkl"):
        with open(fresh, "rb") as a, open(committed, "rb") as b:  # our own fixtures, never hostile ones
            fresh_bytes, committed_bytes = a.read(), b.read()
        # The format_* fixtures pin the layout (protocol, module paths, memo, array order and byte sizes):
        # rounding moves bytes inside number payloads only, never the opcodes, names or lengths.
        if layout(fresh_bytes) != layout(committed_bytes):
            return "pickle layout differs (opcodes, globals, strings or payload lengths)"
        x, y = pickle.loads(fresh_bytes), pickle.loads(committed_bytes)
        if type(x) is not type(y):
            return f"class {type(x).__name__} vs {type(y).__name__}"
        for key in sorted(set(vars(x)) | set(vars(y))):
            why = same_values(vars(x).get(key), vars(y).get(key), key)
            if why:
                return why
        return None
    return "differs"


def layout(blob):
    """The pickle's opcode stream with every argument but raw number payloads (kept as their length)."""
    out = []
    for op, arg, _ in pickletools.genops(blob):
        if isinstance(arg, (bytes, bytearray)):
            arg = len(arg)
        elif isinstance(arg, float):
            arg = None
        out.append((op.name, arg))
    return out


def same_values(a, b, what, items=None):
    """None when ``a`` and ``b`` agree to rounding, else why not; ``items(u, v, what)`` compares the items of
    lists and tuples (by default this function; pipelines.py's compares fitted estimators inside them too)."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return f"{what}: {len(a)} vs {len(b)} items"
        for i, (u, v) in enumerate(zip(a, b)):
            why = (items or same_values)(u, v, f"{what}[{i}]")
            if why:
                return why
        return None
    if isinstance(a, str) and isinstance(b, str) and "," in a + b:
        return same_values(a.split(","), b.split(","), what)
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        if a.shape != b.shape or a.dtype != b.dtype:
            return f"{what}: {a.dtype}{a.shape} vs {b.dtype}{b.shape}"
        if a.dtype.kind in "fc":
            close = np.isclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True)
            return None if close.all() else f"{what}: differs beyond rounding ({np.count_nonzero(~close)} values)"
        if a.dtype.kind == "O":  # categories_: texts, None and NaN (which equals nothing, itself included)
            return same_values(list(a), list(b), what, items)
        return None if np.array_equal(a, b) else f"{what}: differs"
    numbers = [as_float(a), as_float(b)]
    if None not in numbers and not (isinstance(a, bool) or isinstance(b, bool)):
        return None if np.isclose(numbers[0], numbers[1], rtol=RTOL, atol=ATOL, equal_nan=True) \
            else f"{what}: {a} vs {b}"
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray) or type(a) is not type(b):
        return f"{what}: {type(a).__name__} vs {type(b).__name__}"
    return None if a == b else f"{what}: {a!r} vs {b!r}"


def as_float(v):
    if isinstance(v, (int, float, np.number)) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return None
    return None

if __name__ == "__main__":
    main()
