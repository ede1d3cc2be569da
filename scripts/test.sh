#!/usr/bin/env bash
# Set up a fresh (Debian) machine for the test suite and run it. The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
# LibreOffice Calc: the independent engine that recalculates the generated workbooks.
# Node.js: runs the Office.js add-in's own JavaScript against `buurtxl serve` (tests/test_server_node.py).
NODIG=()
command -v soffice >/dev/null 2>&1 || NODIG+=(libreoffice-calc-nogui)
command -v node >/dev/null 2>&1 || NODIG+=(nodejs)
# poppler-utils: pdftotext measures the printed pages (tests/test_werkmap_afdrukken.py, scripts/screenshot.py).
command -v pdftotext >/dev/null 2>&1 || NODIG+=(poppler-utils)
# Carlito: Calibri's metrics, so LibreOffice prints the workbooks as wide as Excel does.
fc-list 2>/dev/null | grep -qi carlito || NODIG+=(fonts-crosextra-carlito)
if [ ${#NODIG[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${NODIG[@]}" >/dev/null
fi
python -m pip install --quiet -e '.[test,server]'
# Lint and type check first (configured in pyproject.toml); `set -e` stops at the first failure,
# so the exit code is that of the first step that failed.
python -m ruff check .
python -m mypy
python -m pytest "$@"
