"""xlwings Lite's Python runtime as far as custom functions go, for tests/node/lite.mjs (in Pyodide)
and bench/lite.py (the same steps in CPython, for comparison).

Mirrored from xlwings-server's wasm/config.py and wasm/wasm_runtime.py, which xlwings Lite runs:
XLWINGS_ON_SERVER=true before xlwings is imported (xlwings then binds its Office.js decorators),
main.py's text executed as module "main", and xlwings.server's custom_functions_meta /
custom_functions_call on it, an exception becoming {"error": …}. The licence key is supplied by the
Lite add-in itself; here it is xlwings' "noncommercial" key.
"""

import importlib.util
import json
import os
import sys
import time
import traceback

os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

_t = time.perf_counter()
import xlwings  # noqa: E402
import xlwings.server  # noqa: E402

XLWINGS_S = time.perf_counter() - _t
main = None
_voor_main: set[str] = set()


def create_module_from_string(module_string, module_name):
    spec = importlib.util.spec_from_loader(module_name, loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(module_string, module.__dict__)
    sys.modules[module_name] = module
    return module


def laad_main(tekst: str) -> float:
    """Load main.py as Lite does; the seconds it took."""
    global main, _voor_main
    _voor_main = set(sys.modules)
    t = time.perf_counter()
    main = create_module_from_string(tekst, "main")
    return time.perf_counter() - t


async def _verzoek(verzoek: dict) -> object:
    soort = verzoek["soort"]
    if soort == "meta":
        return xlwings.server.custom_functions_meta(main)
    if soort == "roep":
        t = time.perf_counter()
        try:
            uit = {"result": await xlwings.server.custom_functions_call(verzoek["body"], module=main)}
        except Exception as e:
            uit = {"error": str(e), "details": traceback.format_exc()}
        return {**uit, "s": time.perf_counter() - t}
    if soort == "modules":
        return {"alle": sorted(sys.modules), "door_main": sorted(set(sys.modules) - _voor_main)}
    if soort == "python":
        t = time.perf_counter()
        waarde = eval(verzoek["code"], vars(main))
        return {"waarde": waarde, "s": time.perf_counter() - t}
    raise ValueError(soort)


async def verzoek(regel: str) -> str:
    """One request (a JSON line, see tests/node/lite.mjs), its answer as a JSON line; a request that
    fails answers {"fout": traceback} and leaves the runtime running."""
    try:
        return json.dumps(await _verzoek(json.loads(regel)))
    except Exception:
        return json.dumps({"fout": traceback.format_exc()})


def start(main_tekst: str) -> str:
    """Load main.py; the start figures as JSON."""
    main_s = laad_main(main_tekst)
    return json.dumps({"python": sys.version.split()[0], "xlwings": xlwings.__version__, "xlwings_s": XLWINGS_S,
                       "main_s": main_s})
