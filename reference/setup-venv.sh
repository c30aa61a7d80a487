#!/usr/bin/env bash
# Creates reference/.venv with the pinned scikit-learn stack (idempotent). Prints the venv's python path.
# With a version (reference/setup-venv.sh 1.2), creates reference/.venv-1.2 from requirements-1.2.txt instead:
# another scikit-learn for the cross-version fixtures of reference/versions.py.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/.venv"
requirements="$here/requirements.txt"
if [ $# -gt 0 ]; then
  venv="$here/.venv-$1"
  requirements="$here/requirements-$1.txt"
  [ -f "$requirements" ] || { echo "no $requirements: the versions are $(cd "$here" && ls requirements-*.txt)" >&2; exit 2; }
fi
wanted=$(sed -n 's/^scikit-learn==//p' "$requirements")
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import sklearn; assert sklearn.__version__ == '$wanted'" 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements" >&2
fi
echo "$venv/bin/python"
