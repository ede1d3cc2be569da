"""click in Dutch: help headings, the help option, parameter types, and usage errors.

click words its own texts in English (through gettext, without a Dutch catalogue). Rather than
patching click, these subclasses use its public hooks: a help formatter, the help option, the
parameter types (`Keuze`, `Geheel`, `Pad`: every type the command line uses with a value that can
be wrong), and `main`, which prints every error in Dutch and returns the exit code.
tests/test_cli_nl.py feeds every option of every command a bad value and holds all of it Dutch.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

GEBRUIK = 2  # exit code for wrong usage; click's own usage errors use it too


class Stop(Exception):
    """End a command with a Dutch message and an exit code.

    Not a `click.ClickException`: click types that class's `exit_code` as a class variable (8.5),
    and a command's code is chosen per raise.
    """

    def __init__(self, bericht: str, code: int) -> None:
        super().__init__(bericht)
        self.code = code

_KOPPEN = {"Options": "Opties", "Commands": "Opdrachten", "Arguments": "Argumenten"}
# click's usage messages that carry no structured fields, as regex → Dutch.
_MELDINGEN = (
    (re.compile(r"Got unexpected extra arguments? \((.*)\)"), r"onverwacht extra argument: \1"),
    (re.compile(r"Option '(.+)' requires an argument\."), r"optie '\1' heeft een waarde nodig"),
    (re.compile(r"Option '(.+)' does not take a value\."), r"optie '\1' neemt geen waarde"),
    (re.compile(r"Missing command\."), "geef een opdracht op"),
)


class Formatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Gebruik: ")

    def section(self, name: str):
        return super().section(_KOPPEN.get(name, name))


class Context(click.Context):
    formatter_class = Formatter


class _Nederlands:
    """Shared by commands and the group: Dutch metavar and help option."""

    context_class: type[click.Context] = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # click's parser raises some usage errors ("requires an argument") without the context;
        # with it, the message points to this command's --help.
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except click.UsageError as fout:
            if fout.ctx is None:
                fout.ctx = ctx
            raise

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        optie = super().get_help_option(ctx)  # type: ignore[misc]
        if optie is not None:
            optie.help = "Toon deze hulp en stop."
        return optie


class Command(_Nederlands, click.Command):
    pass


class Group(_Nederlands, click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "OPDRACHT [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Run the command; every error is printed in Dutch, without a traceback.

        Commands return their exit code; a `Stop` or a `click.ClickException` carries its own.
        """
        try:
            # openpyxl warns in English, with its own file paths, about parts it does not keep
            # (sparklines, x14 formatting, slicers): parts that `update` copies byte for byte anyway.
            # Nothing English reaches a user; a warning that matters is said in Dutch where the
            # workbook is read (`invoer.lezen`).
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\b")
                code = super().main(args, prog_name, standalone_mode=False, **extra)
        except click.UsageError as fout:
            click.echo(gebruiksfout(fout), err=True)
            code = GEBRUIK
        except Stop as fout:
            click.echo(f"Fout: {fout}", err=True)
            code = fout.code
        except click.ClickException as fout:
            click.echo(f"Fout: {fout.format_message()}", err=True)
            code = fout.exit_code
        except click.Abort:
            click.echo("Afgebroken.", err=True)
            code = 1
        except BrokenPipeError:
            # The reader left (`buurtxl bereken --csv … | head`): stop quietly, as other tools do.
            _stdout_naar_devnull()
            code = 1
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def _stdout_naar_devnull() -> None:
    # Python would otherwise report the failed flush of stdout at exit.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class Keuze(click.Choice):
    """click.Choice with a Dutch message for a value that is not among the choices."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value in self.choices:
            return value
        keuzes = ", ".join(f"'{k}'" for k in self.choices)
        self.fail(f"'{value}' kan niet; kies uit {keuzes}", param, ctx)


class Geheel(click.IntRange):
    """A whole number from `minimum` to `maximum` (both included), with Dutch messages."""

    name = "geheel getal"

    def __init__(self, minimum: int, maximum: int) -> None:
        super().__init__(minimum, maximum)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            getal = int(value)
        except (TypeError, ValueError):
            self.fail(f"'{value}' is geen geheel getal", param, ctx)
        if not self.min <= getal <= self.max:  # type: ignore[operator]
            self.fail(f"{getal} ligt niet tussen {self.min} en {self.max}", param, ctx)
        return getal

    def _describe_range(self) -> str:  # also shown in --help, after the option's text
        return f"{self.min} t/m {self.max}"


class Pad(click.Path):
    """A path (`pathlib.Path`), with Dutch messages; never empty (an empty name would be '.').

    `bestaat`: it must exist; `map_mag` / `bestand_mag`: whether a folder / a file will do.
    """

    def __init__(self, *, bestaat: bool = False, map_mag: bool = True, bestand_mag: bool = True) -> None:
        super().__init__(path_type=Path, exists=bestaat, dir_okay=map_mag, file_okay=bestand_mag)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        naam = os.fsdecode(value)
        soort = "map" if not self.file_okay else "bestand" if not self.dir_okay else "bestand of map"
        if not naam.strip():
            self.fail(f"een lege naam is geen {soort}", param, ctx)
        try:
            st = os.stat(naam)
        except OSError:
            if self.exists:
                self.fail(f"{soort} '{naam}' bestaat niet", param, ctx)
            return self.coerce_path_result(naam)
        if not self.file_okay and stat.S_ISREG(st.st_mode):
            self.fail(f"'{naam}' is een bestand, geen map", param, ctx)
        if not self.dir_okay and stat.S_ISDIR(st.st_mode):
            self.fail(f"'{naam}' is een map, geen bestand", param, ctx)
        if self.exists and not os.access(naam, os.R_OK):
            self.fail(f"geen toestemming om '{naam}' te lezen", param, ctx)
        return self.coerce_path_result(naam)


def gebruiksfout(fout: click.UsageError) -> str:
    """A usage error as Dutch text with a pointer to the help."""
    if type(fout).__name__ == "NoArgsIsHelpError":  # `buurtxl` alone (click 8.2+): the help itself
        return fout.message
    if isinstance(fout, click.NoSuchOption):
        tekst = f"onbekende optie '{fout.option_name}'" + _bedoelt(fout.possibilities)
    elif isinstance(fout, click.exceptions.NoSuchCommand):
        tekst = f"onbekende opdracht '{fout.command_name}'" + _bedoelt(fout.possibilities)
    elif isinstance(fout, click.MissingParameter):
        tekst = f"{_param(fout)} ontbreekt"
    elif isinstance(fout, click.BadParameter):
        tekst = f"ongeldige waarde voor {_param(fout)}: {fout.message}"
    else:
        tekst = fout.message
        for patroon, vervanging in _MELDINGEN:
            if patroon.fullmatch(tekst):
                tekst = patroon.sub(vervanging, tekst)
                break
    hulp = ""
    if fout.ctx is not None:
        hulp = f"\nZie '{fout.ctx.command_path} --help' voor hulp."
    return f"Fout: {tekst}{hulp}"


def _param(fout: click.BadParameter) -> str:
    if fout.param_hint is not None:
        hint = fout.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint)
    if isinstance(fout.param, click.Argument):  # click writes an optional one as '[INVOER]'
        return f"'{fout.param.human_readable_name}'"
    if fout.param is not None:
        return fout.param.get_error_hint(fout.ctx)
    return "een parameter"


def _bedoelt(mogelijk: list[str] | None) -> str:
    return f" (bedoelt u {' of '.join(repr(m) for m in mogelijk)}?)" if mogelijk else ""
