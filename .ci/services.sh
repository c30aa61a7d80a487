#!/usr/bin/env bash
# Starts (idempotently) what the test suite talks to and prints the environment the tests read, as
# NAME=value lines. Progress goes to stderr.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

# scikit-learn reference tools (fixtures are committed; CI also checks they regenerate identically)
python=$("$root/reference/setup-venv.sh")
echo "SHAPE_REFERENCE_PYTHON=$python"
