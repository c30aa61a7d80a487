"""Compares scikit-learn's predictions CSV with shape's predictions folder (CSV parts): label flips and the
largest decision_function difference. Prints one line."""
import glob
import sys

import numpy as np
import pandas as pd

ref = pd.read_csv(sys.argv[1]).sort_values("row")
parts = sorted(glob.glob(sys.argv[2] + "/part-*.csv"))
ours = pd.concat([pd.read_csv(p) for p in parts]).sort_values("row")
assert len(ref) == len(ours), f"{len(ref)} vs {len(ours)} rows"
flips = int((ref["prediction"].to_numpy() != ours["prediction"].to_numpy()).sum())
diff = float(np.max(np.abs(ref["decision_function"].to_numpy() - ours["decision_function"].to_numpy())))
print(f"{len(ref)} rows, {flips} label flips, max |decision difference| {diff:.3g}")
