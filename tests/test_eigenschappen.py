"""Properties that hold for every input (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings, strategies as st

from buurtxl import regeling, regels
from buurtxl.model import Aanvraag
from buurtxl.regels import tabel

R = regeling.laad("2018")
CENT = Decimal("0.01")

huishoudens = st.integers(min_value=0, max_value=50_000)
basis = st.integers(min_value=485_000, max_value=585_000).map(lambda c: Decimal(c) / 100)
bedragen = st.integers(min_value=0, max_value=1_000_000).map(lambda c: Decimal(c) / 100)
scores = st.decimals(min_value=0, max_value=100, places=3)


@st.composite
def aanvragen(draw) -> Aanvraag:
    componenten = draw(st.booleans())
    organisatie = draw(st.integers(min_value=360_000, max_value=460_000)) if componenten else None
    return Aanvraag(
        buurt=draw(st.text(min_size=1, max_size=8)),
        huishoudens=draw(huishoudens),
        buurtscore=draw(st.none() | scores),
        organisatiekosten=Decimal(organisatie) / 100 if componenten else None,
        communicatiekosten=Decimal(0) if componenten else None,
        basissubsidie=None if componenten else draw(st.none() | basis),
        besteed=draw(st.none() | bedragen),
        supplement_aangevraagd=draw(st.none() | bedragen),
    )


def _voor(r: regeling.Regeling, a: Aanvraag) -> Aanvraag:
    """The application as it can exist under `r`: where the components are not interchangeable
    (2017-2018) a split only 2018 allows is given as its total instead."""
    if r.vlag("basissubsidie.uitwisselbaar") or a.organisatiekosten is None:
        return a
    totaal = regels.basissubsidie(R, a.componenten).bedrag
    return replace(a, organisatiekosten=None, communicatiekosten=None, basissubsidie=totaal)


@given(huishoudens, basis, st.none() | bedragen)
def test_toeslag_nooit_negatief_en_nooit_boven_15_procent(h: int, b: Decimal, besteed) -> None:
    t = regels.toeslag_communicatie(R, h, b, besteed)
    # Rounded half up like the toeslag itself: 15% of 4916.70 is 737.505, so 737.51 is allowed.
    assert Decimal(0) <= t.bedrag <= (b * Decimal("0.15")).quantize(CENT, rounding=ROUND_HALF_UP)
    assert t.bedrag == t.bedrag.quantize(CENT)


@given(huishoudens, huishoudens, basis)
def test_toeslag_stijgt_niet_af_met_huishoudens(h1: int, h2: int, b: Decimal) -> None:
    laag, hoog = sorted((h1, h2))
    assert regels.toeslag_communicatie(R, laag, b).bedrag <= regels.toeslag_communicatie(R, hoog, b).bedrag


@given(st.none() | scores, st.none() | bedragen)
def test_supplement_nooit_boven_3000(score, gevraagd) -> None:
    s = regels.supplement_kwetsbaar(R, score, gevraagd)
    assert Decimal(0) <= s.bedrag <= Decimal(3000)
    if gevraagd is not None and s.bedrag:
        assert s.bedrag == min(gevraagd, Decimal(3000))


@given(aanvragen())
def test_totaal_is_de_som_van_de_delen(a: Aanvraag) -> None:
    for naam in regeling.beschikbaar():
        r = regeling.laad(naam)
        uit = regels.bereken(r, _voor(r, a))
        assert uit.totaal == uit.basissubsidie + uit.toeslag_communicatie + uit.supplement_kwetsbaar


@given(aanvragen())
def test_basislijn_is_nooit_duurder_dan_2018(a: Aanvraag) -> None:
    basislijn = regeling.laad("2017-2018")
    oud = regels.bereken(basislijn, _voor(basislijn, a))
    nieuw = regels.bereken(R, a)
    assert oud.basissubsidie == nieuw.basissubsidie
    assert nieuw.totaal - oud.totaal == nieuw.extra


@settings(max_examples=60)
@given(st.lists(aanvragen(), min_size=1, max_size=30))
def test_tabelpad_is_gelijk_aan_het_rijpad(lijst: list[Aanvraag]) -> None:
    for naam in regeling.beschikbaar():
        r = regeling.laad(naam)
        lijst = [_voor(r, a) for a in lijst]
        per_rij = [regels.bereken(r, a) for a in lijst]
        uitkomst = tabel.bereken_tabel(r, tabel.frame(lijst))
        for kolom in tabel.UITVOER_KOLOMMEN + tabel.REDEN_KOLOMMEN:
            if kolom in ("buurtscore", "buurtcode"):
                continue
            assert list(uitkomst[kolom]) == [getattr(u, kolom) for u in per_rij], kolom
        assert tabel.begroting(r, uitkomst) == regels.begroting(r, per_rij)
