"""What the settlement warns about, per row: no silent money (issue 20).

Every empty amount the settlement waits for is named (ontbreekt, not € 0), a spend above the
basissubsidie with an empty toeslag_besteed names both amounts, and a toeslag spent that was never
applied for is said. Each message names the buurt and the row; they are warnings, so the rest of
the list is still settled.
"""

from __future__ import annotations

from .. import regels
from ..invoer import Invoer
from ..model import Aanvraag, Probleem
from ..opmaak import als_euro
from ..regeling import Regeling, bronnen
from .vaststelling import INVOER, NUL, niet_aangevraagd, ontbrekend, toeslag_verleend


def controleer(regeling: Regeling, invoer: Invoer) -> list[Probleem]:
    """What the settlement of each row warns about, naming the buurt and the row: every empty
    amount it waits for (ontbreekt, not € 0), a spend above the basissubsidie with an empty
    toeslag_besteed (both amounts named), and a toeslag spent that was never applied for."""
    problemen: list[Probleem] = []
    for aanvraag, (bestand, blad, rij) in invoer.gelezen:
        if aanvraag.huishoudens is None:
            continue  # the reader has named it (required)
        for reden, kolom, waarde in _meldingen(regeling, aanvraag, aanvraag.huishoudens):
            problemen.append(Probleem(f"{reden} (buurt {aanvraag.buurt})", bestand, blad, rij, kolom, waarde,
                                      ernst="waarschuwing"))
    return problemen


def _meldingen(regeling: Regeling, aanvraag: Aanvraag, huishoudens: int) -> list[tuple[str, str, object]]:
    """(reason, column, value) of each warning about one row (see `controleer`)."""
    uit: list[tuple[str, str, object]] = []
    for kolom in ontbrekend(regeling, aanvraag):
        deel = "het saldo" if kolom == "betaald" else "dit onderdeel"
        uit.append((f"{INVOER[kolom]} is leeg: ontbreekt, niet € 0,00; {deel} wordt nog niet vastgesteld", kolom, None))
    basis = regels.basissubsidie(regeling, aanvraag.componenten, aanvraag.basissubsidie).bedrag
    verleend = toeslag_verleend(regeling, huishoudens, basis, aanvraag.toeslag_aangevraagd)
    if aanvraag.besteed is not None and aanvraag.besteed > basis and aanvraag.toeslag_besteed is None:
        gevolg = ("de toeslag blijft open tot toeslag_besteed is ingevuld" if verleend.bedrag
                  else f"geen toeslag ({verleend.reden}): het meerdere wordt niet vergoed")
        uit.append((f"besteed {als_euro(aanvraag.besteed)} is meer dan de basissubsidie {als_euro(basis)}, maar "
                    f"toeslag_besteed is leeg; {gevolg}", "toeslag_besteed", None))
    kan_toeslag = regels.toeslag_percentage(regeling, huishoudens).percentage > 0
    if aanvraag.toeslag_besteed and kan_toeslag and niet_aangevraagd(regeling, aanvraag.toeslag_aangevraagd):
        uit.append((f"toeslag besteed {als_euro(aanvraag.toeslag_besteed)}, maar de toeslag is niet aangevraagd: "
                    f"vastgesteld op {als_euro(NUL)} ({bronnen.TOESLAG}, {bronnen.BUDGET})", "toeslag_besteed",
                    aanvraag.toeslag_besteed))
    return uit
