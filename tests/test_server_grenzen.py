"""`buurtxl serve` against hostile and mistaken requests, over real HTTP on loopback (issue 24, 14–16).

- Limits: a body above BUURTXL_MAX_VERZOEK_MB is refused with 413 while it is read (a Content-Length
  before any byte of the body, a chunked body as soon as it passes the limit); a call with more
  cells than BUURTXL_MAX_CELLEN gets 413; neither echoes the input; the defaults fit the scheme.
- Client mistakes get 400 with a Dutch message, and no traceback in the log (Excel retries a 500).
- User text in the log is escaped: a newline in a function name or a cell cannot forge a line.
- Memory returns after large calls.

The server for most tests runs with small limits (1 MB, 1,000 cells), so that going over them is
cheap; the tests of the defaults start their own.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from buurtxl import regeling, regels
from buurtxl.excel import udfs
from gedeeld import cent, subsidie_totaal_argumenten
from server_proces import Server, server, vereis_server

AANROEP = "/xlwings/custom-functions-call"
KLEIN = {"BUURTXL_MAX_VERZOEK_MB": "1", "BUURTXL_MAX_CELLEN": "1000", "XLWINGS_LOG_LEVEL": "INFO"}


def aanroep(functie: object = "TOESLAG_PERCENTAGE", args: object = None, **velden: object) -> dict[str, Any]:
    """A call as xlwings' custom-functions JavaScript posts it (see server_proces.Server.roep)."""
    body = {"client": "Office.js", "func_name": functie, "args": [[[1420]], None] if args is None else args,
            "caller_address": "[buurtxl_officejs.xlsx]Voorbeeld!A1", "culture_info_name": "nl-NL",
            "date_format": "d-M-yyyy", "version": "0.37.8", "runtime": "1.4"}
    body.update(velden)
    return body


def rauw(srv: Server, kop: bytes, body: Iterable[bytes] = (), wacht: float = 20) -> tuple[int, str]:
    """Send a request byte for byte over a socket and read the answer: (status, body text)."""
    deel = urlsplit(srv.url)
    assert deel.hostname == "127.0.0.1"
    with socket.create_connection((deel.hostname, deel.port), timeout=wacht) as s:
        s.sendall(kop)
        for stuk in body:
            s.sendall(stuk)
        antwoord = b""
        while b"\r\n\r\n" not in antwoord or len(antwoord.partition(b"\r\n\r\n")[2]) < _lengte(antwoord):
            stuk = s.recv(65536)
            if not stuk:
                break
            antwoord += stuk
    koppen, _, inhoud = antwoord.partition(b"\r\n\r\n")
    return int(koppen.split()[1]), inhoud.decode("utf-8")


def _lengte(antwoord: bytes) -> int:
    for regel in antwoord.partition(b"\r\n\r\n")[0].split(b"\r\n"):
        if regel.lower().startswith(b"content-length:"):
            return int(regel.split(b":")[1])
    return 0


def post(srv: Server, body: bytes) -> tuple[int, str]:
    kop = (f"POST {AANROEP} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           f"Content-Length: {len(body)}\r\n\r\n").encode()
    return rauw(srv, kop, [body])


def log(srv: Server) -> str:
    time.sleep(0.3)  # the server writes its log lines right after the answer
    return srv.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def srv() -> Iterator[Server]:
    vereis_server()
    with server(omgeving=KLEIN) as s:
        yield s


# 14. Limits


def test_content_length_boven_de_grens_413_voordat_de_body_komt(srv: Server) -> None:
    # 100 MB announced, not one byte sent: the answer comes at once, without waiting for the body.
    kop = (f"POST {AANROEP} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Content-Length: 100000000\r\n\r\n").encode()
    begin = time.monotonic()
    status, tekst = rauw(srv, kop, wacht=10)
    assert status == 413 and time.monotonic() - begin < 5
    assert tekst.startswith("Het verzoek is groter dan 1 MB") and "BUURTXL_MAX_VERZOEK_MB" in tekst


def test_gestreamde_body_413_zodra_hij_de_grens_passeert(srv: Server) -> None:
    # Chunked, no Content-Length: 17 chunks of 64 KiB pass 1 MB; the request is never finished
    # (no closing chunk), so only reading while it streams can answer it.
    kop = (f"POST {AANROEP} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Transfer-Encoding: chunked\r\n\r\n").encode()
    stuk = b"[" * 65536
    chunks = (b"%x\r\n%s\r\n" % (len(stuk), stuk) for _ in range(17))
    status, tekst = rauw(srv, kop, chunks, wacht=10)
    assert status == 413 and "groter dan 1 MB" in tekst and "[" not in tekst


def test_body_op_de_grens_wordt_gelezen(srv: Server) -> None:
    # Just under 1 MB of spaces around a valid call: read whole and computed (1420: 9,23% of §3.4 punt 2).
    body = json.dumps(aanroep()).encode()
    status, tekst = post(srv, body + b" " * (1_000_000 - len(body)))
    assert status == 200 and json.loads(tekst) == {"result": [[120 / 1300]]}


def test_te_veel_cellen_413_zonder_de_invoer_te_herhalen(srv: Server) -> None:
    kolom = [["GEHEIM-1420"]] * 1000  # 1,000 cells plus the regeling's: one over the limit
    status, tekst = post(srv, json.dumps(aanroep(args=[kolom, [["2018"]]])).encode())
    assert status == 413
    assert tekst.startswith("TOESLAG_PERCENTAGE: 1.001 cellen in één aanroep; deze server rekent er hoogstens 1.000")
    assert "BUURTXL_MAX_CELLEN" in tekst and "GEHEIM" not in tekst


def test_op_de_celgrens_rekent_de_server_op_de_cent(srv: Server) -> None:
    r = regeling.laad()
    huishoudens = list(range(1000, 1999))  # 999 cells and the regeling's: exactly 1,000
    status, tekst = post(srv, json.dumps(aanroep(args=[[[h] for h in huishoudens], None])).encode())
    assert status == 200
    uitkomst = [rij[0] for rij in json.loads(tekst)["result"]]
    assert uitkomst == [float(regels.toeslag_percentage(r, h).percentage) for h in huishoudens]


def test_een_herhaalde_waarde_in_een_foutmelding_is_begrensd(srv: Server) -> None:
    # One cell of 200,000 characters: the #WAARDE! message quotes its start and says how long it was.
    status, tekst = post(srv, json.dumps(aanroep(args=[[["x" * 200_000]], None])).encode())
    assert status == 400 and len(tekst) < 300
    assert tekst.startswith("huishoudens: 'xxxxxxxx") and "… (200.000 tekens)' is geen getal" in tekst


def test_standaardgrenzen_passen_bij_de_regeling_en_het_geheugen_komt_terug() -> None:
    # 5,010 rows of SUBSIDIE_TOTAAL over all its arguments (30,061 cells, about 270 kB) fit the
    # defaults and come back to the cent; three such calls leave the server's memory where it was.
    vereis_server()
    _, resultaten, argumenten = subsidie_totaal_argumenten("2018")
    groot = [a * 167 if len(a) > 1 else a for a in argumenten]
    with server() as s:
        assert s.roep("SUBSIDIE_TOTAAL", *argumenten)[0] == 200  # warm: the regeling loaded
        voor = _rss_mb(s.proces.pid)
        for _ in range(3):
            status, uitkomst = s.roep("SUBSIDIE_TOTAAL", *groot)
            assert status == 200
            assert [cent(rij[0]) for rij in uitkomst] == [x.totaal for x in resultaten] * 167
        na = _rss_mb(s.proces.pid)
        te_veel = [a * 400 if len(a) > 1 else a for a in argumenten]  # 72,001 cells > 50,000
        status, tekst = s.roep("SUBSIDIE_TOTAAL", *te_veel)
        assert status == 413 and "hoogstens 50.000" in tekst
    assert na - voor < 30, f"RSS {voor} MB → {na} MB"


def _rss_mb(pid: int) -> Decimal:
    # With one worker, uvicorn serves in the process `buurtxl serve` started.
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        kb = next(int(r.split()[1]) for r in f if r.startswith("VmRSS:"))
    return Decimal(kb) / 1024


# 15. Client mistakes


FOUTEN = {
    "lege body": (b"", "Het verzoek is leeg"),
    "geen JSON": (b'{"func_name": ', "Het verzoek is geen geldige JSON."),
    "diep genest": (b"[" * 100_000, "Het verzoek is geen geldige JSON."),
    "geen object": (b'["TOESLAG_PERCENTAGE"]', "Het verzoek moet een JSON-object zijn"),
    "func_name ontbreekt": (json.dumps({k: v for k, v in aanroep().items() if k != "func_name"}).encode(),
                            "Het verzoek noemt geen functie (func_name ontbreekt)."),
    "onbekende functie": (json.dumps(aanroep("ONBEKEND")).encode(), "Onbekende functie 'ONBEKEND'; deze server kent: "),
    "naam die geen functie is": (json.dumps(aanroep("udfs")).encode(), "Onbekende functie 'udfs'"),
    "func_name geen tekst": (json.dumps(aanroep(["BASISSUBSIDIE"])).encode(), "Onbekende functie ['BASISSUBSIDIE']"),
    "te veel argumenten": (json.dumps(aanroep(args=[[[1]], None, None])).encode(),
                           "TOESLAG_PERCENTAGE verwacht 1 tot 2 argumenten, niet 3."),
    "te weinig argumenten": (json.dumps(aanroep(args=[])).encode(),
                             "TOESLAG_PERCENTAGE verwacht 1 tot 2 argumenten, niet 0."),
    "args geen lijst": (json.dumps(aanroep(args={"huishoudens": 1420})).encode(),
                        "TOESLAG_PERCENTAGE: het verzoek heeft geen lijst met argumenten (args)."),
    "cel is een object": (json.dumps(aanroep(args=[[[{"a": 1}]], None])).encode(),
                          "TOESLAG_PERCENTAGE, argument 1 (huishoudens): een cel is een getal, tekst"),
    "Excel-waarde zonder basicValue": (json.dumps(aanroep(args=[[[{"type": "Error"}]], None])).encode(),
                                       "TOESLAG_PERCENTAGE, argument 1 (huishoudens): een cel is een getal"),
    "rijen ongelijk": (json.dumps(aanroep(args=[[[1420], [1420, 1]], None])).encode(),
                       "TOESLAG_PERCENTAGE, argument 1 (huishoudens): een bereik heeft rijen van even veel cellen."),
    "leeg bereik": (json.dumps(aanroep(args=[[], None])).encode(),
                    "TOESLAG_PERCENTAGE, argument 1 (huishoudens): verwacht een cel of een bereik"),
    "drie dimensies": (json.dumps(aanroep(args=[[[[1420]]], None])).encode(),
                       "TOESLAG_PERCENTAGE, argument 1 (huishoudens): een cel is een getal, tekst"),
    "version ontbreekt": (json.dumps(aanroep(version=None)).encode(),
                          "Het verzoek mist het tekstveld 'version' dat Excel altijd meestuurt."),
    "datumnotatie geen tekst": (json.dumps(aanroep(date_format=5)).encode(),
                                "Het veld 'date_format' van het verzoek is geen tekst."),
}


@pytest.mark.parametrize("geval", FOUTEN)
def test_fout_van_de_client_400_in_het_nederlands(srv: Server, geval: str) -> None:
    body, begin = FOUTEN[geval]
    status, tekst = post(srv, body)
    assert (status, tekst[: len(begin)]) == (400, begin)


def test_foute_invoer_tekst_in_plaats_van_json_400(srv: Server) -> None:
    # A body FastAPI reads as something other than a JSON object (text/plain): its own 422 would
    # quote the body back.
    body = json.dumps(aanroep()).encode()
    kop = (f"POST {AANROEP} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
           f"Content-Length: {len(body)}\r\n\r\n").encode()
    status, tekst = rauw(srv, kop, [body])
    assert (status, tekst) == (400, "Het verzoek heeft niet de vorm van een aanroep van een Excel-functie.")


def test_na_alle_fouten_van_clients_geen_traceback_in_het_log(srv: Server) -> None:
    for body, _ in FOUTEN.values():
        assert post(srv, body)[0] == 400
    tekst = log(srv)
    assert "Verzoek geweigerd (400)" in tekst  # the mistakes are logged, in one line each
    assert "Traceback" not in tekst and "Exception in ASGI application" not in tekst
    assert " 500 " not in tekst


# 16. Log forging


def test_logregels_met_tekst_van_de_client_zijn_ontsnapt(srv: Server) -> None:
    nep = "INFO:     127.0.0.1:1 - \"POST /nep HTTP/1.1\" 200 OK"
    assert post(srv, json.dumps(aanroep(f"X\n{nep}")).encode())[0] == 400
    assert post(srv, json.dumps(aanroep(args=[[[f"veel\r\n{nep}\u2028\x1b[2J"]], None])).encode())[0] == 400
    regels_ = log(srv).splitlines()
    assert not [r for r in regels_ if r.startswith(nep)]
    assert any(r.startswith("WARNING:buurtxl.server:Verzoek geweigerd (400)") and f"'X\\n{nep}'" in r
               for r in regels_)
    assert any(r.startswith("INFO:buurtxl.server:Functie gaf een fout:") and f"'veel\\r\\n{nep}\\u2028\\x1b[2J'" in r
               for r in regels_)
    assert "\x1b" not in "\n".join(regels_)


# Whatever a client sends: never a 500


_SCALAR = (st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats(allow_nan=True)
           | st.text(max_size=30) | st.sampled_from(["#N/A", "#VALUE!", "2018", "2017-2018", "1.300", "4850,50"]))
_CEL = _SCALAR | st.fixed_dictionaries({"type": st.sampled_from(["Error", "Double", "x"]), "basicValue": _SCALAR})
_JSON = st.recursive(_SCALAR, lambda kind: st.lists(kind, max_size=4) | st.dictionaries(st.text(max_size=5), kind,
                                                                                        max_size=3), max_leaves=12)
_ARGUMENT = _CEL | st.lists(st.lists(_CEL, min_size=1, max_size=3), min_size=1, max_size=3) | _JSON


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(functie=st.sampled_from([*udfs.__all__, "ONBEKEND", "__class__"]) | _JSON,
       args=st.lists(_ARGUMENT, max_size=9) | _JSON)
def test_willekeurige_aanroep_is_200_400_of_413(srv: Server, functie: object, args: object) -> None:
    status, tekst = post(srv, json.dumps(aanroep(functie, args)).encode())
    assert status in (200, 400, 413), tekst
    assert len(tekst) < 2000 or status == 200


def test_na_willekeurige_aanroepen_geen_traceback(srv: Server) -> None:
    # Runs after the random calls above (pytest keeps the file's order).
    tekst = log(srv)
    assert "Traceback" not in tekst and " 500 " not in tekst
