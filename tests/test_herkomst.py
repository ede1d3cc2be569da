"""What is shown as the decision's is the decision's (issue 22): every value's origin as the
parameter file's `bron` gives it, our choices marked as such, statuses that claim no decision.

The Regeling sheet, the application form, the Excel functions' help and the README must never
present an `aanname:` value as the decision's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from buurtxl import opmaak, regeling, werkmap
from buurtxl.excel import excelfuncties, udfs
from buurtxl.invoer import formulier, lezen
from buurtxl.model import SupplementStatus, ToeslagStatus
from buurtxl.regeling import bronnen, voorbeeld
from buurtxl.velden import FORMULIERVELDEN, VELDEN
from buurtxl.werkmap import begroting, regelingblad

README = Path(__file__).resolve().parent.parent / "README.md"
MARKERINGEN = ("aanname", bronnen.KEUZE)


def _regeling_blad(naam: str):
    r = regeling.laad(naam)
    aanvragen = lezen.lees(voorbeeld.pad(), regeling.laad()).aanvragen[:2]
    return r, werkmap.maak_begroting(aanvragen, r)["Regeling"]


@pytest.mark.parametrize("naam", ["2018", "2017-2018"])
def test_regelingblad_herkomst_volgt_de_bron_van_elke_parameter(naam):
    r, ws = _regeling_blad(naam)
    koppen = [ws.cell(regelingblad.KOP_RIJ, k).value for k in range(1, ws.max_column + 1)]
    assert "Uitgangswaarde" in koppen and "Herkomst" in koppen
    assert "Volgens besluit" not in koppen
    kolom = {kop: i for i, kop in enumerate(koppen, start=1)}
    gezien = set()
    for rij in range(regelingblad.KOP_RIJ + 1, ws.max_row + 1):
        naam_ = ws.cell(rij, kolom["Parameter"]).value
        if naam_ is None:
            continue
        p = r.parameters[naam_]
        herkomst = ws.cell(rij, kolom["Herkomst"]).value
        assert ws.cell(rij, kolom["Bron"]).value == p.bron
        if p.is_aanname:
            assert herkomst.startswith("aanname: ") and len(herkomst) > len("aanname: ") + 10, (naam_, herkomst)
            # The one-line reason is the start of the file's own reason, word for word.
            assert p.bron.split(":", 1)[1].strip().startswith(herkomst.removeprefix("aanname: ")), naam_
        else:
            # A section of the decision, cited by the bron and known to bronnen: never "aanname".
            assert "aanname" not in herkomst.lower(), naam_
            assert herkomst in p.bron and re.fullmatch(bronnen.SECTIE_PATROON, herkomst), naam_
            assert any(herkomst == b or herkomst.startswith(b) or b.startswith(herkomst) for b in bronnen.ALLE)
        gezien.add(naam_)
    assert gezien == set(r.parameters)


def test_de_keuzes_van_de_gemeente_staan_als_aanname_in_het_parameterbestand():
    r = regeling.laad("2018")
    for naam in ("basissubsidie.organisatiekosten", "basissubsidie.communicatiekosten",
                 "toeslag.max_percentage", "toeslag.basis_huishoudens",
                 "vaststelling.lager_naar_besteed", "vaststelling.terugvorderen"):
        assert r.parameters[naam].herkomst.startswith("aanname: "), naam
    # What the decision does give: the section, never "aanname".
    assert r.parameters["budget.ondersteuning"].herkomst == bronnen.BUDGET
    assert r.parameters["budget.kwetsbare_buurten"].herkomst == bronnen.BUDGET
    assert r.parameters["buurtplan.indienen_voor"].herkomst == bronnen.STAND_VAN_ZAKEN
    # The 2017-2018 period: beslispunt 3 withdraws the regeling without naming a date.
    assert regeling.laad("2017-2018").geldig_herkomst.startswith("aanname: ")
    assert not r.geldig_herkomst.startswith("aanname")


def _vingerafdrukken(r: regeling.Regeling) -> dict[str, tuple[str, ...]]:
    """How a text shows an assumed value: an amount by its Dutch notation, the toeslag's base
    and scale by the words that state them."""
    uit: dict[str, tuple[str, ...]] = {}
    for p in r.parameters.values():
        if not p.is_aanname:
            continue
        if p.eenheid == "euro":
            uit[p.naam] = (opmaak.als_euro(p.waarde), f"€ {opmaak.als_getal(p.waarde)}")  # type: ignore[arg-type]
        elif p.naam == "toeslag.max_percentage":
            uit[p.naam] = ("van de basissubsidie", "over de basissubsidie")
        elif p.naam == "toeslag.basis_huishoudens":
            uit[p.naam] = (f"elke {opmaak.als_getal(p.waarde)} huishoudens",)  # type: ignore[arg-type]
    return uit


def _teksten_met_aanname(teksten: list[str], r: regeling.Regeling) -> list[tuple[str, str]]:
    """(parameter, text) for every text that shows an assumed value."""
    return [(naam, t) for naam, vormen in _vingerafdrukken(r).items() for t in teksten
            if any(v in t for v in vormen)]


def test_formulier_noemt_een_aanname_nooit_het_besluit():
    r = regeling.laad("2018")
    ws = formulier.maak(r)[formulier.BLAD]
    teksten = [str(c.value) for rij in ws.iter_rows() for c in rij if isinstance(c.value, str)]
    gevonden = _teksten_met_aanname(teksten, r)
    assert {naam for naam, _ in gevonden} >= {"basissubsidie.organisatiekosten", "toeslag.max_percentage"}
    for naam, tekst in gevonden:
        assert any(m in tekst for m in MARKERINGEN), (naam, tekst)
    # The toeslag says what the decision says, and the base as the municipality's choice.
    [toeslag] = [v.uitleg(r) for v in FORMULIERVELDEN if v.sleutel == "toeslag_aangevraagd"]
    assert "maximaal 15,00%, gebaseerd op het aantal huishoudens" in toeslag
    assert "hoogstens 15,00% van de basissubsidie" not in toeslag


def test_hulp_van_de_excelfuncties_noemt_een_aanname_nooit_het_besluit():
    r = regeling.laad("2018")
    teksten = [getattr(udfs, n).__doc__ or "" for n in udfs.__all__] + list(excelfuncties.OMSCHRIJVING.values())
    teksten += [v.uitleg(r) for v in VELDEN] + [v.uitleg_werkmap for v in VELDEN]
    for naam, tekst in _teksten_met_aanname(teksten, r):
        assert any(m in tekst for m in MARKERINGEN), (naam, tekst)
    # The buurtscore's range 0–100 is ours too (the decision names only the grens).
    for tekst in teksten:
        if "0 tot 100" in tekst or "0 tot en met 100" in tekst:
            assert "aanname" in tekst, tekst


def test_readme_noemt_een_aanname_nooit_het_besluit():
    r = regeling.laad("2018")
    # A paragraph or a table row is the unit a reader takes a claim from.
    delen = [d for d in re.split(r"\n\s*\n|\n(?=\|)|\n(?=- )", README.read_text(encoding="utf-8")) if d.strip()]
    gevonden = _teksten_met_aanname(delen, r)
    assert gevonden  # the README shows the standard components
    for naam, deel in gevonden:
        assert "aanname" in deel, (naam, deel[:200])
    for deel in delen:
        if "6 maart 2018" in deel and "t/m" in deel:
            assert "aanname" in deel, deel[:200]


def test_geen_status_zegt_toegekend():
    """The decision: such buurten "aanspraak kunnen maken op" the extras; the tool has not seen a grant."""
    statussen = {s.value for s in (*ToeslagStatus, *SupplementStatus)}
    assert "toegekend" not in statussen
    assert {"aangevraagd", "gereserveerd", "potentieel"} <= statussen
    r = regeling.laad("2018")
    wb = werkmap.maak_begroting(lezen.lees(voorbeeld.pad(), r).aanvragen, r)
    for ws in wb.worksheets:
        for rij in ws.iter_rows():
            for cel in rij:
                assert "toegekend" not in str(cel.value or "").lower(), (ws.title, cel.coordinate, cel.value)


def test_paragraaf_8_toont_het_ondersteuningsbudget_zoals_besloten_en_de_ruimte_apart():
    labels = {key: tekst for key, tekst, _ in begroting.PARAGRAAF_8}
    assert labels["ondersteuning_gepland"] == f"Ondersteuning volgens besluit ({bronnen.BUDGET})"
    assert labels["ruimte_ondersteuning"].startswith("Ruimte in de reservering")
    r = regeling.laad("2018")
    wb = werkmap.maak_begroting(lezen.lees(voorbeeld.pad(), r).aanvragen, r)
    teksten = [str(c.value) for rij in wb["Begroting"].iter_rows() for c in rij if c.value is not None]
    assert not any("Over voor ondersteuning" in t for t in teksten)
    assert any("overleggroep ondersteuning" in t for t in teksten)
    # Its amount is the decision's parameter (€ 20.000), not what happens to be left.
    rij = begroting.budget_rijen()["ondersteuning_gepland"]
    kolom = begroting.budget_kolom(True)
    assert wb["Begroting"].cell(rij, kolom).value == "=Budget_Ondersteuning"
