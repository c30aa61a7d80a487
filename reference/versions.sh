#!/usr/bin/env bash
# Runs reference/versions.py with every pinned scikit-learn of requirements-<version>.txt (each venv made by
# setup-venv.sh <version> if missing): regenerates fixtures/versions*/ in place, or with --check compares them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for requirements in "$here"/requirements-*.txt; do
  version=$(basename "$requirements" .txt)
  version=${version#requirements-}
  python=$("$here/setup-venv.sh" "$version")
  "$python" "$here/versions.py" "$@"
done
