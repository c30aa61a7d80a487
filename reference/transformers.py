"""Writes scikit-learn 1.6.1 parity fixtures for shape's preprocessing steps.

Each case under fixtures/transformers/<case>/ holds spec.json (pipeline.jsonc-shaped, no model),
input.csv (header + rows), transformed.csv (the fitted pipeline applied to the same rows) and fitted.json
(each step's fitted attributes). Floats are printed with repr() (shortest round-trip), NaN as NaN.

Usage:  .venv/bin/python transformers.py            # (re)write the fixtures
        .venv/bin/python transformers.py --check    # regenerate into a temp dir and diff; exit 1 on change
"""
import os

# OpenBLAS picks its kernels per processor, and they round differently in the last bits, which moves the fits of
# SVR, LinearSVC and the like beyond rounding: the fixtures are made with its Haswell (AVX2) kernels, which every
# machine here runs (with AVX-512 or without), so a --check refits them with the same ones. Set before numpy loads.
os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")
import filecmp
import json
import math
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn import preprocessing, impute

HERE = Path(__file__).resolve().parent
OUT = HERE / "fixtures" / "transformers"
CLASSES = {
    "PolynomialFeatures": preprocessing.PolynomialFeatures,
    "QuantileTransformer": preprocessing.QuantileTransformer,
    "StandardScaler": preprocessing.StandardScaler,
    "MinMaxScaler": preprocessing.MinMaxScaler,
    "MaxAbsScaler": preprocessing.MaxAbsScaler,
    "RobustScaler": preprocessing.RobustScaler,
    "SimpleImputer": impute.SimpleImputer,
    "Normalizer": preprocessing.Normalizer,
    "KBinsDiscretizer": preprocessing.KBinsDiscretizer,
    "OneHotEncoder": preprocessing.OneHotEncoder,
    "OrdinalEncoder": preprocessing.OrdinalEncoder,
}
ATTRIBUTES = ["n_output_features_", "n_quantiles_", "quantiles_", "references_", "mean_", "var_", "scale_",
              "n_samples_seen_", "min_", "data_min_", "data_max_", "data_range_", "max_abs_", "center_",
              "statistics_", "n_bins_", "n_features_in_", "categories_"]
TUPLES = {"feature_range", "quantile_range", "degree"}


def build(cls, params):
    kwargs = {}
    for k, v in params.items():
        if k in TUPLES and isinstance(v, list):
            v = tuple(v)
        if k in ("missing_values", "unknown_value", "encoded_missing_value") and v == "NaN":
            v = np.nan
        if k == "drop" and isinstance(v, list):  # one category per column, "NaN" for the missing one
            v = [np.nan if x == "NaN" else x for x in v]
        kwargs[k] = v
    return CLASSES[cls](**kwargs)


def number(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(v)


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(number(v) for v in r) + "\n")


def jsonable(v):
    if isinstance(v, np.ndarray):
        return [jsonable(x) for x in v.tolist()] if v.ndim else jsonable(v.item())
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    if isinstance(v, (np.integer, int)) and not isinstance(v, bool):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return float(v)
    return v


def run_case(out_dir, name, spec, header, X):
    case = out_dir / name
    case.mkdir(parents=True, exist_ok=True)
    spec = {"features": header, **spec}
    (case / "spec.json").write_text(json.dumps(spec, indent=2) + "\n")
    write_csv(case / "input.csv", header, X)
    data = np.ascontiguousarray(np.array(X, dtype=np.float64))
    fitted = {}
    caught = []
    for step, entry in spec["steps"].items():
        (cls, params), = entry.items()
        est = build(cls, params)
        # shape streams rows, so its sums run row after row: feed each step a C-ordered matrix as the
        # seed pipeline does (a column-major or one-column one would make numpy sum pairwise)
        if cls in ("StandardScaler", "SimpleImputer"):
            assert data.flags["C_CONTIGUOUS"] and data.shape[1] > 1, (name, step)
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            data = est.fit_transform(data)
            if hasattr(data, "toarray"):  # KBinsDiscretizer(encode='onehot'), OneHotEncoder: sparse, the same numbers
                data = data.toarray()
            caught += [f"{step}: {x.category.__name__}: {x.message}" for x in w]
        attrs = {"class": cls}
        for a in ATTRIBUTES:
            if hasattr(est, a) and getattr(est, a) is not None:
                attrs[a] = jsonable(getattr(est, a))
        fitted[step] = attrs
    (case / "fitted.json").write_text(json.dumps(fitted, allow_nan=True) + "\n")
    write_csv(case / "transformed.csv", [f"x{i}" for i in range(data.shape[1])], data)
    (case / "meta.json").write_text(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__,
                                                "rows": len(X), "warnings": caught}, indent=1) + "\n")


def steps(*entries):
    return {"steps": {name: {cls: params} for name, cls, params in entries}}


def cases():
    rng = np.random.default_rng(20240611)
    seed_rows = np.genfromtxt(HERE / "fixtures" / "seed" / "data.csv", delimiter=",", skip_header=1)[:, 1:]
    seed_spec = json.loads((HERE / "fixtures" / "seed" / "spec.json").read_text())
    del seed_spec["steps"]["model"]
    yield "seed", seed_spec, ["vibration_x", "vibration_y", "vibration_z"], seed_rows

    # ties, repeated values, negatives and a constant column
    n = 240
    ties = np.column_stack([
        rng.integers(-5, 6, n).astype(float),
        np.round(rng.normal(0, 3, n), 1),
        np.full(n, 7.25),
        rng.standard_t(3, n) * 100,
    ])
    cols4 = ["a", "b", "c", "d"]
    yield "poly_degree3", steps(("p", "PolynomialFeatures", {"degree": 3})), cols4[:3], ties[:60, :3]
    yield "poly_interaction_nobias", steps(("p", "PolynomialFeatures", {"degree": 3, "interaction_only": True,
                                                                       "include_bias": False})), cols4, ties[:60]
    yield "poly_range_scaled", steps(("p", "PolynomialFeatures", {"degree": [2, 3], "include_bias": False,
                                                                  "order": "C"}),
                                     ("s", "StandardScaler", {})), cols4[:3], ties[:80, :3]
    yield "quantile_uniform_small", steps(("q", "QuantileTransformer", {"n_quantiles": 10})), cols4, ties
    yield "quantile_normal_ties", steps(("q", "QuantileTransformer", {"n_quantiles": 50,
                                                                      "output_distribution": "normal",
                                                                      "random_state": 7, "copy": True})), cols4, ties
    yield "quantile_one_quantile", steps(("q", "QuantileTransformer", {"n_quantiles": 1})), cols4, ties[:20]

    big = np.column_stack([np.round(rng.lognormal(0, 1, 20_500), 4), rng.integers(0, 50, 20_500).astype(float)])
    yield "quantile_20k_rows", steps(("q", "QuantileTransformer", {"output_distribution": "normal",
                                                                   "subsample": 25_000})), ["x", "k"], big

    with_nan = ties.copy()
    with_nan[rng.random(with_nan.shape) < 0.1] = np.nan
    yield "standard_nan_constant", steps(("s", "StandardScaler", {"with_mean": True, "with_std": True,
                                                                  "copy": True})), cols4, with_nan
    yield "standard_no_mean", steps(("s", "StandardScaler", {"with_mean": False})), cols4, ties
    yield "standard_no_std", steps(("s", "StandardScaler", {"with_std": False})), cols4, with_nan
    shifted = np.column_stack([rng.normal(1e6, 1e-3, 300), rng.normal(0, 1, 300), np.full(300, 1e-320)])
    yield "standard_near_constant", steps(("s", "StandardScaler", {})), ["big", "z", "tiny"], shifted
    yield "minmax_range_clip", steps(("m", "MinMaxScaler", {"feature_range": [-1, 2.5], "clip": True})), cols4, with_nan
    yield "minmax_default", steps(("m", "MinMaxScaler", {})), cols4, ties
    yield "maxabs", steps(("m", "MaxAbsScaler", {"copy": True})), cols4, with_nan
    yield "robust_default", steps(("r", "RobustScaler", {})), cols4, with_nan
    yield "robust_range_unit_variance", steps(("r", "RobustScaler", {"quantile_range": [10.0, 90.0],
                                                                     "unit_variance": True})), cols4, with_nan
    many = np.column_stack([rng.normal(0, 1, 1000), rng.integers(0, 9, 1000).astype(float)])
    many[rng.random(many.shape) < 0.05] = np.nan
    yield "robust_no_centering_1000", steps(("r", "RobustScaler", {"with_centering": False,
                                                                   "quantile_range": [5, 60]})), ["g", "i"], many
    yield "robust_no_scaling_1000", steps(("r", "RobustScaler", {"with_scaling": False})), ["g", "i"], many

    holes = with_nan.copy()
    holes[:, 2] = np.nan  # an all-NaN column
    holes = holes[:100]
    for strategy in ["mean", "median", "most_frequent"]:
        yield f"imputer_{strategy}", steps(("i", "SimpleImputer", {"strategy": strategy})), cols4, holes
        yield f"imputer_{strategy}_keep_empty", steps(("i", "SimpleImputer", {"strategy": strategy,
                                                                              "keep_empty_features": True})), cols4, holes
    yield "imputer_constant", steps(("i", "SimpleImputer", {"strategy": "constant", "fill_value": -1.5,
                                                            "missing_values": "NaN"})), cols4, holes
    yield "imputer_constant_default", steps(("i", "SimpleImputer", {"strategy": "constant"})), cols4, holes
    yield "imputer_quantile_poly_standard", steps(
        ("impute", "SimpleImputer", {"strategy": "median"}),
        ("poly", "PolynomialFeatures", {"degree": 2}),
        ("qt", "QuantileTransformer", {"n_quantiles": 100, "output_distribution": "normal"}),
        ("scale", "StandardScaler", {})), cols4, holes

    # Normalizer refuses NaN: the rows without, a constant column, and all-zero rows (their norm is taken as 1)
    rows = ties[:120].copy()
    rows[:4] = 0.0
    yield "normalizer_l2_default", steps(("n", "Normalizer", {})), cols4, rows
    yield "normalizer_l1", steps(("n", "Normalizer", {"norm": "l1", "copy": True})), cols4, rows
    yield "normalizer_max_after_standard", steps(("s", "StandardScaler", {}),
                                                 ("n", "Normalizer", {"norm": "max"})), cols4, rows

    # KBinsDiscretizer, the strategies whose fit shape reproduces: ties (quantile edges closer than 1e-8 removed), a
    # constant column (one bin), values on the edges
    yield "kbins_uniform_ordinal", steps(("k", "KBinsDiscretizer", {"n_bins": 4, "encode": "ordinal",
                                                                  "strategy": "uniform"})), cols4, ties
    yield "kbins_quantile_onehot_default", steps(("k", "KBinsDiscretizer", {})), cols4, ties
    yield "kbins_quantile_dense_ties", steps(("k", "KBinsDiscretizer", {"n_bins": 16, "encode": "onehot-dense",
                                                                      "subsample": None})), cols4, ties
    yield "kbins_uniform_dense_after_standard", steps(("s", "StandardScaler", {}),
                                                      ("k", "KBinsDiscretizer", {"n_bins": 3, "strategy": "uniform",
                                                                                 "encode": "onehot-dense"})), cols4, ties

    # OneHotEncoder and OrdinalEncoder fitted on numbers (their own generator, so the cases above keep their rows):
    # skewed counts for the infrequent grouping, NaN as a category, -0.0 next to 0.0, a constant and a binary column
    rng = np.random.default_rng(20261202)
    n = 10_000
    codes = np.column_stack([
        rng.choice([0.0, 1.0, 2.0, 3.0, 4.0], n, p=[0.5, 0.3, 0.12, 0.05, 0.03]),
        rng.choice([-1.5, 0.0, -0.0, 2.25, np.nan], n, p=[0.3, 0.2, 0.2, 0.2, 0.1]),
        np.full(n, 3.0),
        rng.integers(0, 2, n).astype(float),
    ])
    yield "onehot_default", steps(("e", "OneHotEncoder", {})), cols4, codes
    yield "onehot_first_min_frequency", steps(("e", "OneHotEncoder", {
        "drop": "first", "min_frequency": 0.04, "handle_unknown": "infrequent_if_exist",
        "sparse_output": False})), cols4, codes[:3000]
    yield "onehot_if_binary_max_categories", steps(("e", "OneHotEncoder", {
        "drop": "if_binary", "max_categories": 3, "handle_unknown": "ignore"})), cols4, codes[:3000]
    yield "onehot_drop_values", steps(("e", "OneHotEncoder", {"drop": [1, "NaN", 3.0, 0]})), cols4, codes[:2000]
    yield "onehot_min_count_all_infrequent", steps(("e", "OneHotEncoder", {
        "min_frequency": 400, "max_categories": 1, "sparse_output": False})), cols4, codes[:2000]
    yield "ordinal_missing_imputed", steps(("o", "OrdinalEncoder", {}),
                                           ("i", "SimpleImputer", {"strategy": "most_frequent"})), cols4, codes
    yield "ordinal_infrequent_encoded", steps(("o", "OrdinalEncoder", {
        "min_frequency": 100, "max_categories": 3, "handle_unknown": "use_encoded_value", "unknown_value": -1,
        "encoded_missing_value": -2})), cols4, codes[:3000]
    seed_like = np.column_stack([rng.normal(0, 1, 4000), rng.normal(5, 2, 4000), rng.lognormal(0, 1, 4000)])
    yield "kbins_ordinal_onehot_standard", steps(
        ("bins", "KBinsDiscretizer", {"n_bins": 6, "encode": "ordinal", "strategy": "uniform"}),
        ("onehot", "OneHotEncoder", {"drop": "first", "sparse_output": False}),
        ("scale", "StandardScaler", {})), ["x", "y", "z"], seed_like


def generate(out_dir):
    for name, spec, header, X in cases():
        run_case(out_dir, name, spec, header, X)


def main():
    assert sklearn.__version__ == "1.6.1", sklearn.__version__
    if "--check" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp))
            diffs = []
            for case in sorted(Path(tmp).iterdir()):
                cmp = filecmp.dircmp(case, OUT / case.name)
                diffs += [f"{case.name}/{f}" for f in cmp.diff_files + cmp.left_only]
            stale = sorted({p.name for p in OUT.iterdir()} - {p.name for p in Path(tmp).iterdir()})
            diffs += [f"{s} (not generated any more)" for s in stale]
            if diffs:
                print("fixtures differ from what scikit-learn produces now:", *diffs, sep="\n  ")
                sys.exit(1)
            print("fixtures up to date")
        return
    generate(OUT)
    print(f"wrote {len(list(OUT.iterdir()))} cases under {OUT}")


if __name__ == "__main__":
    main()
