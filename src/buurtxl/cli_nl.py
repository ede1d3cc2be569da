"""click in Dutch: help headings, the help option, choices, and usage errors.

click words its own texts in English (through gettext, without a Dutch catalogue). Rather than
patching click, these subclasses use its public hooks: a help formatter, the help option, a
parameter type, and `main`, which prints every error in Dutch and returns the exit code.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

import click

GEBRUIK = 2  # exit code for wrong usage; click's own usage errors use it too

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

        Commands return their exit code; a `click.ClickException` carries its own.
        """
        try:
            code = super().main(args, prog_name, standalone_mode=False, **extra)
        except click.UsageError as fout:
            click.echo(gebruiksfout(fout), err=True)
            code = GEBRUIK
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


def gebruiksfout(fout: click.UsageError) -> str:
    """A usage error as Dutch text with a pointer to the help."""
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
    if fout.param is not None:
        return fout.param.get_error_hint(fout.ctx)
    return "een parameter"


def _bedoelt(mogelijk: list[str] | None) -> str:
    return f" (bedoelt u {' of '.join(repr(m) for m in mogelijk)}?)" if mogelijk else ""
