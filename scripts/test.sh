#!/usr/bin/env bash
# Set up a fresh (Debian) machine for the test suite and run it. The README's test command.
#
# Python packages come from uv.lock (exact versions with hashes) into .venv in this checkout: nothing
# installed on the machine by hand or by an earlier run changes what is tested. A lock that no longer
# matches pyproject.toml stops the run; refresh it deliberately with scripts/bijwerken-lock.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
# LibreOffice Calc: the independent engine that recalculates the generated workbooks.
# Node.js and npm: run the Office.js add-in's own JavaScript against `buurtxl serve`
# (tests/test_server_node.py) and Pyodide for xlwings Lite.
NODIG=()
command -v soffice >/dev/null 2>&1 || NODIG+=(libreoffice-calc-nogui)
# LibreOffice Writer: prints the decision letters (.docx) as PDF (tests/test_brieven_sjablonen.py, `brieven --pdf`).
[ -e /usr/lib/libreoffice/program/libswlo.so ] || NODIG+=(libreoffice-writer-nogui)
command -v node >/dev/null 2>&1 || NODIG+=(nodejs)
command -v npm >/dev/null 2>&1 || NODIG+=(npm)
# poppler-utils: pdftotext measures the printed pages (tests/test_werkmap_afdrukken.py, scripts/screenshot.py).
command -v pdftotext >/dev/null 2>&1 || NODIG+=(poppler-utils)
# time: /usr/bin/time -v measures the peak memory of hostile inputs (tests/test_vijandig.py, bench/vijandig.py).
[ -x /usr/bin/time ] || NODIG+=(time)
# Carlito: Calibri's metrics, so LibreOffice prints the workbooks as wide as Excel does.
fc-list 2>/dev/null | grep -qi carlito || NODIG+=(fonts-crosextra-carlito)
if [ ${#NODIG[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${NODIG[@]}" >/dev/null
fi

# Python packages exactly as uv.lock says, into .venv (uv itself: scripts/uv.sh, pinned with hashes).
# A stale lock stops the run before anything is installed, instead of testing something else.
if ! bash scripts/uv.sh lock --check --quiet --python python3; then
  echo "Fout: uv.lock hoort niet meer bij pyproject.toml (uv zegt hierboven waarom). Ververs de lock" >&2
  echo "bewust met 'bash scripts/bijwerken-lock.sh' (die draait daarna alle tests) en commit uv.lock." >&2
  exit 3
fi
# Exactly the lock: sync also removes what the lock does not name.
bash scripts/uv.sh sync --frozen --all-extras --quiet --python python3
# Node packages exactly as tests/node/package-lock.json says (Pyodide for the xlwings Lite tests),
# and the pure wheels xl/lite/requirements.txt names, as uv.lock records them (tests/node/wielen/):
# the Lite tests unpack them into Pyodide offline.
if [ -f tests/node/package-lock.json ]; then
  npm ci --prefix tests/node --no-audit --no-fund --loglevel=error >/dev/null
  .venv/bin/python scripts/lite_wielen.py >/dev/null
fi
export PATH="$PWD/.venv/bin:$PATH" BUURTXL_TESTOMGEVING="$PWD/.venv"

# Lint and type check first (configured in pyproject.toml); `set -e` stops at the first failure,
# so the exit code is that of the first step that failed.
python -m ruff check .
python -m mypy
python -m pytest "$@"
