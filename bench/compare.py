"""Compares scikit-learn's predictions CSV with shape's predictions folder (CSV parts): label flips and the
largest difference of each score column both have (decision_function, probability_<class>). Prints one line."""
import glob
import sys

import numpy as np
import pandas as pd

ref = pd.read_csv(sys.argv[1]).sort_values("row")
parts = sorted(glob.glob(sys.argv[2] + "/part-*.csv"))
ours = pd.concat([pd.read_csv(p) for p in parts]).sort_values("row")
assert len(ref) == len(ours), f"{len(ref)} vs {len(ours)} rows"
flips = int((ref["prediction"].to_numpy() != ours["prediction"].to_numpy()).sum())
columns = [c for c in ref.columns if c not in ("row", "prediction")]
missing = [c for c in columns if c not in ours.columns]
assert not missing, f"shape wrote no {missing} (it has {list(ours.columns)})"
diffs = {c: float(np.max(np.abs(ref[c].to_numpy() - ours[c].to_numpy()))) for c in columns}
if columns == ["decision_function"]:
    print(f"{len(ref)} rows, {flips} label flips, max |decision difference| {diffs['decision_function']:.3g}")
else:
    print(f"{len(ref)} rows, {flips} label flips, "
          + ", ".join(f"max |{c} difference| {d:.3g}" for c, d in diffs.items()))
