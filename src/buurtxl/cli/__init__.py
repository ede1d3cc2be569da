"""The `buurtxl` command: parse arguments, call the layers, print, return an exit code.

Exit codes: 0 done, 1 problems in the input, 2 wrong usage (including an output that exists
without --force, or an output that is an input file). A user's mistake never shows a traceback:
the domain errors are turned into a Dutch message at this boundary (`_grens`).

Start-up time matters (`buurtxl --version`, a build of the example): modules that import pandas,
numpy, openpyxl or xlwings (`lezen`, `formulier`, `tabel`, `uitvoer_csv`, `werkmap`) are imported
inside the commands that use them; tests/test_cli_opstart.py holds this.

The group and what its commands share are in `groep`; the commands, one module per kind, in `maken`
(build, template, update), `rekenen` (check, bereken, impact, vaststellen), `brieven` (brieven) and
`server` (serve).
"""

from .brieven import brieven
from .cli_nl import Stop
from .groep import buurtxl
from .maken import build, template, update
from .rekenen import bereken, check, impact, vaststellen
from .server import serve

__all__ = ["Stop", "bereken", "brieven", "build", "buurtxl", "check", "impact", "main", "serve", "template", "update",
           "vaststellen"]


def main(args: list[str] | None = None) -> None:
    """Console-script entry point."""
    buurtxl.main(args=args, prog_name="buurtxl")

