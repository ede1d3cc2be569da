#!/usr/bin/env bash
# Run uv at the version scripts/uv.txt pins (with hashes), installed in .uv/ of this checkout.
#   bash scripts/uv.sh lock --upgrade      bash scripts/uv.sh sync --locked …
set -euo pipefail
cd "$(dirname "$0")/.."
versie=$(sed -n 's/^uv==\([^ ]*\).*/\1/p' scripts/uv.txt)
if ! .uv/bin/uv --version 2>/dev/null | grep -qF "uv $versie"; then
  rm -rf .uv
  python3 -m venv .uv
  .uv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r scripts/uv.txt
fi
export UV_PYTHON_DOWNLOADS=never           # the machine's Python; uv never downloads one
export UV_PROJECT_ENVIRONMENT="$PWD/.venv" # the test environment, ignored by git
exec .uv/bin/uv "$@"
