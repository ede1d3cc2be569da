"""Every wrong value on the command line is answered in Dutch, with exit code 2.

The test walks every parameter of every command (and of `buurtxl` itself) and feeds it what can be
wrong for its type: a missing value, a value given to a flag, a word where a number belongs, a
number out of range, an empty name, a file that does not exist, a folder where a file belongs. A
parameter type without Dutch messages makes the walk fail, so a new option cannot slip through.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from buurtxl import cli
from buurtxl.cli.cli_nl import Geheel, Keuze, Pad

# What click says in English (its own texts); none of it may reach a user.
ENGELS = re.compile(
    r"\b(is not|does not|not a valid|valid|Error|Usage|Option|Missing|requires|argument|range|"
    r"File|Directory|Path|exist|unexpected|Try)\b"
)


def _opdrachten() -> list[click.Command]:
    return [cli.buurtxl, *cli.buurtxl.commands.values()]


def _slecht(param: click.Parameter, tmp: Path) -> list[tuple[str, str]]:
    """(bad value, the Dutch words the message must contain) for the parameter's type."""
    soort = param.type
    if isinstance(soort, Keuze):
        return [("2019", "'2019' kan niet; kies uit '" + "', '".join(map(str, soort.choices)) + "'")]
    if isinstance(soort, Geheel):
        assert soort.min is not None and soort.max is not None
        binnen = f"ligt niet tussen {soort.min} en {soort.max}"
        return [("abc", "'abc' is geen geheel getal"), ("1,5", "'1,5' is geen geheel getal"),
                (str(soort.min - 1), f"{soort.min - 1} {binnen}"), (str(soort.max + 1), f"{soort.max + 1} {binnen}")]
    if isinstance(soort, Pad):
        slecht = [("", "een lege naam is geen"), (" ", "een lege naam is geen")]
        if soort.exists:
            slecht.append((str(tmp / "weg.pem"), f"bestand '{tmp / 'weg.pem'}' bestaat niet"))
        if not soort.dir_okay:
            slecht.append((str(tmp), f"'{tmp}' is een map, geen bestand"))
        return slecht
    if soort is click.STRING or (isinstance(param, click.Option) and param.is_flag):
        return []  # any text will do here; a flag has no value to get wrong (its =WAARDE is walked below)
    pytest.fail(f"{param.name}: parametertype {soort!r} heeft geen Nederlandse meldingen (zie cli_nl.py)")


def _gevallen(tmp: Path) -> list[tuple[list[str], str]]:
    """(arguments, expected Dutch fragment) for every way each parameter can be wrong."""
    gevallen: list[tuple[list[str], str]] = []
    for opdracht in _opdrachten():
        pad = [] if opdracht is cli.buurtxl else [opdracht.name or ""]
        argumenten = [p for p in opdracht.params if isinstance(p, click.Argument)]
        for param in opdracht.params:
            if isinstance(param, click.Option):
                naam = max(param.opts, key=len)
                hint = " / ".join(f"'{o}'" for o in param.opts)  # as click names it: '-o' / '--uitvoer'
                if param.is_flag:
                    gevallen.append(([*pad, f"{naam}=ja"], f"optie '{naam}' neemt geen waarde"))
                    continue
                gevallen.append(([*pad, naam], f"optie '{naam}' heeft een waarde nodig"))
                gevallen += [([*pad, naam, waarde], f"ongeldige waarde voor {hint}: {verwacht}")
                             for waarde, verwacht in _slecht(param, tmp)]
            else:
                # The arguments before this one get a harmless name; the bad value goes in its place.
                voor = [p.type.choices[0] if isinstance(p.type, click.Choice) else "x.csv"  # type: ignore[index]
                        for p in argumenten[:argumenten.index(param)]]  # type: ignore[arg-type]
                naam = param.human_readable_name
                gevallen += [([*pad, *voor, waarde], f"ongeldige waarde voor '{naam}': {verwacht}")
                             for waarde, verwacht in _slecht(param, tmp)]
                if param.required:
                    gevallen.append(([*pad, *voor], f"'{naam}' ontbreekt"))
    return gevallen


def test_elke_slechte_waarde_krijgt_een_nederlandse_melding_en_code_2(tmp_path: Path) -> None:
    gevallen = _gevallen(tmp_path)
    # The walk reaches what QA met in English (serve's options) and the types of every command.
    teksten = [" ".join(a) for a, _ in gevallen]
    assert "serve --workers abc" in teksten and "serve --port 0" in teksten
    assert any(t.startswith("serve --certificaat ") and t.endswith("weg.pem") for t in teksten)
    assert {a[0] for a, _ in gevallen} >= set(cli.buurtxl.commands)
    fout = []
    for args, verwacht in gevallen:
        uit = CliRunner().invoke(cli.buurtxl, args, prog_name="buurtxl")
        help_van = " ".join(["buurtxl", *args[:1]]) if args and args[0] in cli.buurtxl.commands else "buurtxl"
        goed = (
            uit.exit_code == 2
            and uit.stdout == ""
            and uit.stderr.startswith("Fout: ")
            and verwacht in uit.stderr
            and f"Zie '{help_van} --help' voor hulp." in uit.stderr
            and not ENGELS.search(uit.stderr)
            and "Traceback" not in uit.output
        )
        if not goed:
            fout.append(f"{args}: code {uit.exit_code}: {uit.stderr!r} (verwacht {verwacht!r})")
    assert not fout, "\n".join(fout)


def test_de_controle_op_engels_ziet_clicks_eigen_meldingen() -> None:
    # The check can fail: click's own types and parser messages are caught by ENGELS.
    for bericht in ("'abc' is not a valid integer range.", "0 is not in the range 1<=x<=65535.",
                    "File 'x.pem' does not exist.", "Option '-o' requires an argument.",
                    "Missing argument 'WERKMAP'.", "Directory '/tmp' is a directory."):
        assert ENGELS.search(bericht), bericht


def test_de_hulp_toont_het_bereik_in_het_nederlands() -> None:
    uit = CliRunner().invoke(cli.buurtxl, ["serve", "--help"], prog_name="buurtxl")
    assert uit.exit_code == 0
    assert "[1 t/m 65535]" in uit.stdout and "[1 t/m 64]" in uit.stdout
    assert "<=" not in uit.stdout


@pytest.mark.parametrize("args, code, melding", [
    (["serve", "--workers", "abc"], 2, "ongeldige waarde voor '--workers': 'abc' is geen geheel getal"),
    (["serve", "--port", "0"], 2, "ongeldige waarde voor '--port': 0 ligt niet tussen 1 en 65535"),
    (["serve", "--port", "65536"], 2, "ongeldige waarde voor '--port': 65536 ligt niet tussen 1 en 65535"),
    (["build", ""], 2, "ongeldige waarde voor 'INVOER': een lege naam is geen bestand of map"),
    (["update"], 2, "'WERKMAP' ontbreekt"),
])
def test_qa_gevallen(args: list[str], code: int, melding: str) -> None:
    uit = CliRunner().invoke(cli.buurtxl, args, prog_name="buurtxl")
    assert (uit.exit_code, uit.stderr.splitlines()[0]) == (code, f"Fout: {melding}")


def test_certificaat_dat_niet_bestaat(tmp_path: Path) -> None:
    sleutel = tmp_path / "sleutel.pem"
    sleutel.write_text("geen sleutel")
    uit = CliRunner().invoke(cli.buurtxl, ["serve", "--certificaat", "x.pem", "--sleutel", str(sleutel)],
                             prog_name="buurtxl")
    assert uit.exit_code == 2
    assert uit.stderr.startswith("Fout: ongeldige waarde voor '--certificaat': bestand 'x.pem' bestaat niet\n")


def test_geldige_waarden_gaan_door() -> None:
    # The Dutch types still accept what is right (and hand the command a number and a Path).
    assert Geheel(1, 64).convert("64", None, None) == 64
    assert Geheel(1, 65535).convert(" 8000 ", None, None) == 8000
    assert Pad().convert("begroting.xlsx", None, None) == Path("begroting.xlsx")


def test_buurtxl_zonder_opdracht_toont_de_hulp_zonder_fout() -> None:
    uit = CliRunner().invoke(cli.buurtxl, [], prog_name="buurtxl")
    assert uit.exit_code == 2
    assert uit.stderr.startswith("Gebruik: buurtxl [OPTIES] OPDRACHT")
    assert "Fout:" not in uit.stderr
