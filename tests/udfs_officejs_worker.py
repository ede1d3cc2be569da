"""Serve xlwings' Office.js custom-functions protocol for `buurtxl.udfs` over stdin/stdout (tests only).

xlwings binds `xw.func` to the Office.js decorators only when XLWINGS_ON_SERVER=true is set before
it is first imported, so this runs in its own process. The first line written is the metadata
(`custom_functions_meta`); then every JSON payload read from stdin is answered with one JSON line:
{"resultaat": …} or {"fout": exception class, "melding": message}.
"""

import asyncio
import json
import sys

import xlwings.server as server

import buurtxl.udfs as udfs


def main() -> None:
    print(json.dumps(server.custom_functions_meta(udfs)), flush=True)
    for regel in sys.stdin:
        data = json.loads(regel)
        try:
            antwoord = {"resultaat": asyncio.run(server.custom_functions_call(data, udfs))}
        except Exception as exc:  # every failure is reported back to the test
            antwoord = {"fout": type(exc).__name__, "melding": str(exc)}
        print(json.dumps(antwoord), flush=True)


if __name__ == "__main__":
    main()
