#!/usr/bin/env bash
# Deliberately move the test environment to today's newest versions, then run the whole suite on it.
#   bash scripts/bijwerken-lock.sh                # uv.lock (and tests/node's lock): newest allowed versions
#   bash scripts/bijwerken-lock.sh --uv 0.14.0    # first move uv itself (scripts/uv.txt) to that version
# Commit the locks only when the suite passes; fix what the new versions break instead of pinning old ones.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--uv" ]; then
  versie=${2:?"geef de versie van uv, bijvoorbeeld --uv 0.14.0"}
  bash scripts/uv.sh pip compile --quiet --generate-hashes --universal --no-header \
    <(echo "uv==$versie") -o .uv/uv.txt
  { sed -n 1,2p scripts/uv.txt; cat .uv/uv.txt; } > .uv/uv.nieuw && mv .uv/uv.nieuw scripts/uv.txt
fi
bash scripts/uv.sh lock --upgrade --python python3
if [ -f tests/node/package.json ]; then
  (cd tests/node && rm -f package-lock.json && npm install --no-audit --no-fund --loglevel=error)
fi
bash scripts/test.sh
