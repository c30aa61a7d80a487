#!/usr/bin/env bash
# Creates reference/.venv with the pinned scikit-learn stack (idempotent). Prints the venv's python path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sklearn; assert sklearn.__version__ == "1.6.1"' 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt" >&2
fi
echo "$venv/bin/python"
