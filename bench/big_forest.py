"""The loading bound of issue 22: a 500-tree RandomForestClassifier of ~19.5k nodes a tree, pickled by scikit-learn
1.6.1 (a 779 MB pickle), to be scored by shape with a given heap (docs/CONTRACT.md quotes the figures):

    reference/.venv/bin/python bench/big_forest.py bench/work/big-forest.pkl
    SHAPE_JAVA_OPTS=-Xmx2g /usr/bin/time -v ./shape score --model bench/work/big-forest.pkl \\
        --data ../shared/seed/dataset.parquet --features vibration_x,vibration_y,vibration_z --output /tmp/big --quiet
"""
import pickle
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestClassifier

rng = np.random.default_rng(0)
x = rng.normal(size=(24000, 3))
y = rng.integers(0, 2, size=24000)  # noise labels: the trees grow until their leaves are pure
started = time.time()
model = RandomForestClassifier(n_estimators=500, bootstrap=False, random_state=0, n_jobs=1).fit(x, y)
nodes = [e.tree_.node_count for e in model.estimators_]
print(f"fitted in {time.time() - started:.1f} s; nodes a tree {min(nodes)} to {max(nodes)}, {sum(nodes)} in all")
with open(sys.argv[1], "wb") as f:
    pickle.dump(model, f, protocol=4)
