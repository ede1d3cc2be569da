"""A command's run: its temporary folder, the leftovers of killed earlier runs, ending on a signal.

`begin` is called by the group for every command but `serve`: every temporary folder of the run
lands in one locked run folder that goes at the end (`restanten`), what killed earlier runs left
there is removed now and named, and SIGTERM or SIGHUP end the command through every `finally` (as
Ctrl+C does), so temporary files and LibreOffice go with it. `naast` does the same for the hidden
temporary files beside a command's outputs.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import click

from .. import restanten
from . import terminal


def begin(ctx: click.Context, stil: bool) -> None:
    ctx.with_resource(restanten.tijdelijk_voor_run())
    _meld(restanten.ruim_op_tijdelijk(), stil)
    _beeindigen_bij_signaal(ctx)


def naast(doelen: list[Path], stil: bool) -> None:
    """Remove (and name) the temporary files killed runs left beside the outputs `doelen`."""
    mappen = dict.fromkeys(d.parent if str(d.parent) else Path(".") for d in doelen)
    _meld([p for m in mappen for p in restanten.ruim_op_naast(m)], stil)


def _meld(weg: list[Path], stil: bool) -> None:
    if weg:
        terminal.meld("Opgeruimd, achtergelaten door een afgebroken eerdere buurtxl: "
                      + ", ".join(str(p) for p in weg), stil=stil)


def _beeindigen_bij_signaal(ctx: click.Context) -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    signalen = [getattr(signal, s) for s in ("SIGTERM", "SIGHUP") if hasattr(signal, s)]
    oud = {s: signal.signal(s, _stop) for s in signalen}
    ctx.call_on_close(lambda: [signal.signal(s, h) for s, h in oud.items()])


def _stop(nummer: int, _frame: object) -> None:
    raise SystemExit(128 + nummer)
