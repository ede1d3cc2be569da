"""The server's log escaping and capping (`buurtxl.excel.logboek`), and its call check
(`aanroepcontrole`) on shapes the HTTP tests do not send. No server, no xlwings needed.
"""

from __future__ import annotations

import io
import json
import logging

import pytest

from buurtxl.excel import aanroepcontrole, logboek

FUNCTIES = {"F": aanroepcontrole.Functie("F", ("a", "versie"), 1)}
NEP = "INFO: nep"


def _log(*args: object, exc_info: object = None, fmt: str = "%(levelname)s:%(message)s") -> str:
    """What one record prints through a plain handler, with the escaping factory in place."""
    uit = io.StringIO()
    handler = logging.StreamHandler(uit)
    handler.setFormatter(logging.Formatter(fmt))
    logger = logging.getLogger("buurtxl.test.logboek")
    logger.handlers, logger.propagate = [handler], False
    vorige = logging.getLogRecordFactory()
    logboek.installeer()
    try:
        logger.error(*args, exc_info=exc_info)  # type: ignore[arg-type]
    finally:
        logging.setLogRecordFactory(vorige)
    return uit.getvalue()


def test_bericht_en_argumenten_blijven_een_regel() -> None:
    tekst = _log("Functie %s gaf %s", f"X\n{NEP}", "a\rb\u2028c\x1b[2J\x85")
    assert tekst.count("\n") == 1 and NEP in tekst
    assert "X\\n" + NEP in tekst and "a\\rb\\u2028c\\x1b[2J\\x85" in tekst


def test_een_fout_als_bericht_of_argument_is_ontsnapt() -> None:
    assert _log(ValueError(f"regel\n{NEP}")) == f"ERROR:regel\\n{NEP}\n"
    assert _log("oorzaak: %s", KeyError(f"k\n{NEP}")) == f"ERROR:oorzaak: 'k\\n{NEP}'\n"


def test_traceback_met_ontsnapte_melding_en_oorzaak() -> None:
    try:
        try:
            raise KeyError("binnen")
        except KeyError as oorzaak:
            raise AttributeError(f"module has no attribute 'X\n{NEP}'") from oorzaak
    except AttributeError as fout:
        tekst = _log("Exception in ASGI application", exc_info=fout)
    regels = tekst.splitlines()
    assert not [r for r in regels if r.startswith(NEP)]
    assert f"builtins.AttributeError: module has no attribute 'X\\n{NEP}'" in regels
    assert "builtins.KeyError: 'binnen'" in regels and "which led to:" in regels
    assert any(r.strip().startswith('raise AttributeError(f"module has no attribute') for r in regels)


def test_toegangslog_van_uvicorn_houdt_zijn_argumenten() -> None:
    # uvicorn's access formatter reads record.args as a tuple: they stay one, escaped.
    tekst = _log('%s - "%s %s HTTP/%s" %d', "127.0.0.1:1", "POST", f"/x\n{NEP}", "1.1", 400)
    assert tekst == f'ERROR:127.0.0.1:1 - "POST /x\\n{NEP} HTTP/1.1" 400\n'


@pytest.mark.parametrize(("tekst", "maximum", "verwacht"), [
    ("kort", 80, "kort"),
    ("x" * 81, 80, "x" * 80 + "… (81 tekens)"),
    ("1,5" * 1000, 3, "1,5… (3.000 tekens)"),
])
def test_kort(tekst: str, maximum: int, verwacht: str) -> None:
    assert logboek.kort(tekst, maximum) == verwacht


def test_begrens_kort_elke_waarde_en_de_hele_melding() -> None:
    melding = logboek.begrens(f"a: '{'x' * 500}\n' is geen getal; b: '{'y' * 500}' ook niet")
    assert melding == (f"a: '{'x' * 80}… (501 tekens)' is geen getal; b: '{'y' * 80}… (500 tekens)' ook niet")
    assert len(logboek.begrens("z" * 10_000)) < logboek.MAX_MELDING + 30


@pytest.mark.parametrize(("args", "cellen"), [
    ([1420], 1),
    ([None, None], 2),
    ([[1, 2, 3]], 3),  # a flat row, as xlwings reads it
    ([[[1], [2]], [["2018"]]], 3),
    ([[[True, "x", 1.5, None]]], 4),
    # An error cell as Excel sends it (custom-functions data types).
    ([[[{"type": "Error", "errorType": "NotAvailable", "basicValue": "#N/A"}], [1]]], 2),
])
def test_cellen_geteld(args: list[object], cellen: int) -> None:
    body = {"func_name": "F", "args": args, "client": "Office.js", "version": "0.37.8", "runtime": "1.4"}
    assert aanroepcontrole.controleer(json.dumps(body).encode(), FUNCTIES, 10) == cellen


def test_te_grote_getallen_en_vreemde_bytes_zijn_geen_500() -> None:
    for body in (b'{"func_name": "F", "args": [' + b"9" * 5000 + b"]}", b"\xff\xfe{", b"\x00"):
        with pytest.raises(aanroepcontrole.Weigering) as fout:
            aanroepcontrole.controleer(body, FUNCTIES, 10)
        assert fout.value.status == 400 and fout.value.melding == "Het verzoek is geen geldige JSON."
