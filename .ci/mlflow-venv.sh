#!/usr/bin/env bash
# Creates (once) a Python venv with a pinned MLflow server for the tracking adapter's integration tests
# and prints the path of its `mlflow` executable on stdout (progress goes to stderr).
# Usage: SHAPE_MLFLOW_BIN="$(bash .ci/mlflow-venv.sh)"
set -euo pipefail

MLFLOW_VERSION="${MLFLOW_VERSION:-3.17.2}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${SHAPE_MLFLOW_VENV:-$here/.venv-mlflow}"
python="${PYTHON:-python3}"
mlflow="$venv/bin/mlflow"

installed_version() {
  "$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("mlflow"))' 2>/dev/null || true
}

if [[ -x "$mlflow" && "$(installed_version)" == "$MLFLOW_VERSION" ]]; then
  echo "mlflow $MLFLOW_VERSION already in $venv" >&2
else
  start=$(date +%s)
  echo "creating $venv with mlflow==$MLFLOW_VERSION (takes a few minutes on a fresh machine)" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
  "$venv/bin/python" -m pip install --quiet "mlflow==$MLFLOW_VERSION" >&2
  echo "installed mlflow $MLFLOW_VERSION in $(( $(date +%s) - start )) s" >&2
fi

echo "$mlflow"
