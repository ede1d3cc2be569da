#!/usr/bin/env bash
# Set up a fresh (Debian) machine for the test suite and run it. The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1; then
  # LibreOffice Calc: the independent engine that recalculates the generated workbooks.
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libreoffice-calc-nogui >/dev/null
fi
python -m pip install --quiet -e '.[test]'
python -m pytest "$@"
