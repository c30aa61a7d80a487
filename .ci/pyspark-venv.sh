#!/usr/bin/env bash
# Creates (once) a Python venv with PySpark of shape's Spark version (python/requirements.txt) for the tests of
# the PySpark wrapper (python/shape_spark), and prints the path of its python on stdout (progress on stderr).
# Usage: SHAPE_PYSPARK_PYTHON="$(bash .ci/pyspark-venv.sh)"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
requirements="$here/../python/requirements.txt"
venv="${SHAPE_PYSPARK_VENV:-$here/.venv-pyspark}"
wanted=$(sed -n 's/^pyspark\[ml\]==//p' "$requirements")
if ! "$venv/bin/python" -c "import pyspark, numpy; assert pyspark.__version__ == '$wanted'" 2>/dev/null; then
  start=$(date +%s)
  echo "creating $venv with pyspark $wanted (about a minute on a fresh machine)" >&2
  rm -rf "$venv"
  "${PYTHON:-python3}" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2
  echo "installed pyspark $wanted in $(( $(date +%s) - start )) s" >&2
fi
echo "$venv/bin/python"
