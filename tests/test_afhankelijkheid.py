"""Where a value of the user's can change with an update (buurtxl.pakket.afhankelijkheid), and the
update that verifies only there: LibreOffice is skipped with its one-line reason when nothing of the
user's depends on buurtxl, and runs (on the sheets that need it) when something does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import xlsxwriter

from buurtxl import regeling
from buurtxl.invoer import lezen
from buurtxl.pakket import afhankelijkheid, bijwerken, herrekening, werkboek
from buurtxl.pakket.onderdelen import Pakket
from rekenmotor import vereis_libreoffice

R = regeling.laad("2018")
ONS = {"Begroting", "Regeling", "Toelichting", "Sint-Pieter"}
ONZE_NAMEN = {"Begroting_Totaal", "Begrotingstabel"}


def _werkmap(pad: Path, formules: dict[str, str], *, namen: dict[str, str] | None = None) -> Path:
    """'Aanvragen' (three applications), 'Grootboek' (values and formulas of its own) and one
    sheet 'Eigen' with `formules` (cell → formula)."""
    wb = xlsxwriter.Workbook(str(pad))
    ws = wb.add_worksheet("Aanvragen")
    ws.write_row(0, 0, ["buurtcode", "buurt", "huishoudens", "buurtscore"])
    for r, (code, buurt, hh, score) in enumerate([("BU09350000", "Binnenstad", 1620, 68),
                                                  ("BU09350101", "Wyckerpoort", 1250, 52),
                                                  ("BU09355101", "Malberg", 1400, 48)], start=1):
        ws.write_row(r, 0, [code, buurt, hh, score])
    grootboek = wb.add_worksheet("Grootboek")
    for r in range(1, 200):
        grootboek.write_number(r, 0, r * 10)
        grootboek.write_formula(r, 1, f"=A{r + 1}*1.21", None, r * 12.1)
    eigen = wb.add_worksheet("Eigen")
    for cel, formule in formules.items():
        eigen.write_formula(cel, formule, None, 0)
    for naam, tekst in (namen or {}).items():
        wb.define_name(naam, tekst)
    wb.close()
    return pad


def _redenen(pad: Path) -> dict[str, str]:
    pakket = Pakket.lees(pad.read_bytes())
    namen = afhankelijkheid.afhankelijke_namen(werkboek.namen(pakket), ONS, ONZE_NAMEN)
    return afhankelijkheid.redenen(pakket, werkboek.bladen(pakket), ONS, namen)


@pytest.mark.parametrize(("formule", "reden"), [
    ("=Begroting!L10", "verwijst naar blad 'Begroting'"),
    ("=SUM('Sint-Pieter'!B2:B9)", "verwijst naar blad 'Sint-Pieter'"),
    ("=begroting_totaal*2", "gebruikt de naam Begroting_Totaal"),
    ("=SUM(Begrotingstabel[Totaal])", "gebruikt de naam Begrotingstabel"),
    ("=MijnTotaal+1", "gebruikt de naam MijnTotaal"),  # a name of the user's pointing into our sheet
    ('=INDIRECT("Grootboek!A2")', "gebruikt INDIRECT"),
    ("=OFFSET(A1,1,1)", "gebruikt OFFSET"),
    ("=NOW()", "gebruikt NOW"),
    ("=SHEETS()", "gebruikt SHEETS"),
    ("=SUM(Aanvragen:Grootboek!A2)", "verwijst naar een reeks bladen"),
])
def test_een_formule_die_van_buurtxl_kan_afhangen_wordt_gevonden(tmp_path: Path, formule: str, reden: str) -> None:
    pad = _werkmap(tmp_path / "a.xlsx", {"B2": formule}, namen={"MijnTotaal": "=Begroting!$L$10"})
    assert _redenen(pad) == {"Eigen": reden}


def test_zonder_verwijzing_naar_buurtxl_hangt_niets_af(tmp_path: Path) -> None:
    pad = _werkmap(tmp_path / "a.xlsx", {"B2": "=SUM(Grootboek!B2:B200)", "B3": "=Aanvragen!C2*2",
                                         "B4": '="Begroting!L10"', "B5": "=EigenBegroting_Totaal"},
                   namen={"EigenBegroting_Totaal": "=Grootboek!$A$2"})
    assert _redenen(pad) == {}


def test_een_blad_dat_naar_een_afhankelijk_blad_verwijst_hangt_ook_af(tmp_path: Path) -> None:
    pad = _werkmap(tmp_path / "a.xlsx", {"B2": "=Begroting_Totaal"})
    pakket = Pakket.lees(pad.read_bytes())
    pakket.delen[_deel(pakket, "Grootboek")] = pakket.delen[_deel(pakket, "Grootboek")].replace(
        b"<f>A2*1.21</f>", b"<f>A2*1.21+Eigen!B2</f>")
    bladen = werkboek.bladen(pakket)
    assert afhankelijkheid.redenen(pakket, bladen, ONS, ONZE_NAMEN) == {
        "Eigen": "gebruikt de naam Begroting_Totaal",
        "Grootboek": "verwijst naar blad 'Eigen', dat gebruikt de naam Begroting_Totaal"}


def _deel(pakket: Pakket, titel: str) -> str:
    return next(b.deel for b in werkboek.bladen(pakket) if b.titel == titel and b.deel)


def test_libreoffice_rekent_alleen_de_bladen_die_ertoe_doen(tmp_path: Path) -> None:
    pad = _werkmap(tmp_path / "a.xlsx", {"B2": "=Begroting_Totaal+Aanvragen!C2"})
    pakket = Pakket.lees(pad.read_bytes())
    gebruiker = werkboek.bladen(pakket)
    plan = herrekening.plan(pakket, gebruiker, ONS, ONZE_NAMEN)
    assert (plan.redenen, plan.bladen, plan.leeg) == (
        {"Eigen": "gebruikt de naam Begroting_Totaal"}, ["Aanvragen", "Eigen"], ["Grootboek"])
    leeg = Pakket.lees(afhankelijkheid.uitgehold(pakket, gebruiker, plan.leeg))
    assert leeg.delen[_deel(pakket, "Grootboek")] == afhankelijkheid.LEEG_BLAD
    assert {d: b for d, b in leeg.delen.items() if d != _deel(pakket, "Grootboek")} == {
        d: b for d, b in pakket.delen.items() if d != _deel(pakket, "Grootboek")}


def test_met_indirect_rekent_libreoffice_elk_blad(tmp_path: Path) -> None:
    pad = _werkmap(tmp_path / "a.xlsx", {"B2": '=Begroting_Totaal+INDIRECT("Grootboek!A2")'})
    pakket = Pakket.lees(pad.read_bytes())
    plan = herrekening.plan(pakket, werkboek.bladen(pakket), ONS, ONZE_NAMEN)
    assert (plan.bladen, plan.leeg) == (["Aanvragen", "Grootboek", "Eigen"], [])


# -- the update ---------------------------------------------------------------------------------

def _aanvragen(pad: Path):
    gelezen = lezen.lees(pad, R, blad="Aanvragen")
    assert gelezen.ok, [str(p) for p in gelezen.problemen]
    return gelezen.aanvragen


def test_update_zonder_afhankelijke_formules_zegt_waarom_libreoffice_niet_nodig_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _werkmap(tmp_path / "afdeling.xlsx", {"B2": "=SUM(Grootboek!B2:B200)"})
    monkeypatch.setattr("buurtxl.herberekenen.soffice", lambda: "/usr/bin/soffice")  # as if installed

    def niet_aanroepen(*args: object, **kwargs: object) -> list[str]:
        raise AssertionError("LibreOffice is aangeroepen")

    monkeypatch.setattr(herrekening, "vergelijk", niet_aanroepen)
    meldingen: list[str] = []
    uitkomst = bijwerken.bijwerken(pad, _aanvragen(pad), R, meld=meldingen.append)
    assert not uitkomst.herberekend and uitkomst.niet_nodig == bijwerken.NIET_NODIG
    assert meldingen == [bijwerken.NIET_NODIG] and "\n" not in bijwerken.NIET_NODIG


def test_update_met_een_samenvatting_van_de_begroting_laat_libreoffice_die_narekenen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vereis_libreoffice()
    pad = _werkmap(tmp_path / "afdeling.xlsx", {"B2": "=Begroting_Totaal", "B3": "=B2*2", "B4": "=Aanvragen!C2"})
    bijwerken.bijwerken(pad, _aanvragen(pad), R, herbereken=False)  # now the Begroting exists
    aanroepen = []
    echte = herrekening.vergelijk

    def spion(*args, **kwargs):
        aanroepen.append((args[2], args[4] if len(args) > 4 else kwargs.get("leeg")))
        return echte(*args, **kwargs)

    monkeypatch.setattr(herrekening, "vergelijk", spion)
    meldingen: list[str] = []
    uitkomst = bijwerken.bijwerken(pad, _aanvragen(pad), R, meld=meldingen.append)
    assert uitkomst.herberekend and uitkomst.niet_nodig == ""
    assert aanroepen == [(["Aanvragen", "Eigen"], ["Grootboek"])]
    assert meldingen == ["LibreOffice rekent ter controle na: 'Eigen' gebruikt de naam Begroting_Totaal."]


def test_verschil_op_een_afhankelijk_blad_houdt_de_update_tegen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice still catches what it is there for: a value of the user's that changed."""
    vereis_libreoffice()
    pad = _werkmap(tmp_path / "afdeling.xlsx", {"B2": "=Begroting_Totaal", "B3": "=Aanvragen!C2*2"})
    bijwerken.bijwerken(pad, _aanvragen(pad), R, herbereken=False)
    echte = herrekening.vergelijk

    def met_ander_origineel(origineel, nieuw, *args, **kwargs):  # as if the update had changed C2
        ander = tmp_path / "ander" / origineel.name
        ander.parent.mkdir()
        shutil.copyfile(origineel, ander)
        pakket = Pakket.lees(ander.read_bytes())
        deel = _deel(pakket, "Aanvragen")
        pakket.delen[deel] = pakket.delen[deel].replace(b"<v>1620</v>", b"<v>1621</v>")
        ander.write_bytes(pakket.naar_bytes())
        return echte(ander, nieuw, *args, **kwargs)

    monkeypatch.setattr(herrekening, "vergelijk", met_ander_origineel)
    voor = pad.read_bytes()
    with pytest.raises(bijwerken.BijwerkFout) as fout:
        bijwerken.bijwerken(pad, _aanvragen(pad), R)
    assert "LibreOffice rekent uw bladen na het bijwerken anders uit" in str(fout.value)
    assert "Eigen!B3: 3242 → 3240" in str(fout.value)
    assert pad.read_bytes() == voor


# -- only the sheets that are parsed are checked in full ------------------------------------------

def _met_kapot_blad(pad: Path, titel: str, *, crc: bool) -> Path:
    """`pad` with sheet `titel` damaged: a wrong CRC (`crc`) or XML that is not well-formed."""
    from buurtxl.pakket import onderdelen

    pakket = Pakket.lees(pad.read_bytes())
    deel = _deel(pakket, titel)
    zip_ = onderdelen._Zip()
    for naam, data in pakket.delen.items():
        if naam != deel:
            zip_.nieuw(naam, data, (2018, 3, 6, 0, 0, 0))
        elif crc:
            zip_._schrijf(naam, 0, (2018, 3, 6, 0, 0, 0), 12345, data, len(data))
        else:
            zip_.nieuw(naam, data.replace(b"</sheetData>", b"<row></sheetData>"), (2018, 3, 6, 0, 0, 0))
    kapot = pad.with_name(f"kapot_{titel}_{crc}.xlsx")
    kapot.write_bytes(zip_.sluit())
    return kapot


def test_lezen_ontleedt_een_ander_blad_niet_maar_het_gelezen_blad_wel(tmp_path: Path) -> None:
    pad = _werkmap(tmp_path / "a.xlsx", {"B2": "=1+1"})
    assert [a.buurt for a in _aanvragen(_met_kapot_blad(pad, "Grootboek", crc=False))] == [
        "Binnenstad", "Wyckerpoort", "Malberg"]
    for crc in (True, False):
        gelezen = lezen.lees(_met_kapot_blad(pad, "Aanvragen", crc=crc), R, blad="Aanvragen")
        [probleem] = gelezen.problemen
        assert probleem.bestand == f"kapot_Aanvragen_{crc}.xlsx"
        assert ("beschadigd" in probleem.reden) if crc else ("geen geldige XML" in probleem.reden)


def test_update_van_een_werkmap_met_een_beschadigd_blad_verandert_niets(tmp_path: Path) -> None:
    pad = _werkmap(tmp_path / "a.xlsx", {"B2": "=1+1"})
    kapot = _met_kapot_blad(pad, "Grootboek", crc=True)
    voor = kapot.read_bytes()
    with pytest.raises(bijwerken.BijwerkFout) as fout:
        bijwerken.bijwerken(kapot, _aanvragen(pad), R, herbereken=False)
    # (said by voorcontrole, which reads the start of every sheet, or by the update reading the package)
    assert str(fout.value).startswith(f"{kapot.name}: de werkmap is beschadigd")
    assert kapot.read_bytes() == voor and sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [pad.name, kapot.name])
