"""`buurtxl serve` over real HTTP: the manifest, the function metadata and calls, as Excel sees them.

One server process for the module (`server_proces.server`), started as an administrator starts it.
Amounts are compared to the cent with the rules core (`regels`) or with amounts worked out by hand.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import defusedxml.ElementTree as ET
import pytest

from buurtxl import regeling, regels
from buurtxl.excel import udfs
from buurtxl.invoer import lezen
from buurtxl.regeling import voorbeeld
from gedeeld import cent, excel_kolom, subsidie_totaal_argumenten
from server_proces import SRC, Server, server, vereis_server, vrije_poort

NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "ov": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
}
WAARDE_FOUT = {"type": "Error", "errorType": "Value"}


@pytest.fixture(scope="module")
def srv() -> Iterator[Server]:
    vereis_server()
    with server() as s:
        yield s


def metadata(srv: Server) -> dict[str, dict]:
    status, tekst = srv.get("/xlwings/custom-functions-meta")
    assert status == 200
    return {f["name"]: f for f in json.loads(tekst)["functions"]}


def aantal_parameters(srv: Server, functie: str) -> int:
    return len(metadata(srv)[functie]["parameters"])


def roep(srv: Server, functie: str, *args: Any) -> tuple[int, Any]:
    """Pad the omitted trailing arguments with null, as Excel does for optional parameters."""
    n = aantal_parameters(srv, functie)
    return srv.roep(functie, *args, *([None] * (n - len(args))))


# The manifest that Excel (or the admin center) loads


def _manifest(srv: Server) -> Any:
    status, tekst = srv.get("/manifest")
    assert status == 200
    return ET.fromstring(tekst)


def _bron(manifest: Any, resid: str) -> str:
    """The DefaultValue of a resource (bt:String, bt:Url) by its id."""
    for element in manifest.iter():
        if element.tag.startswith(f"{{{NS['bt']}}}") and element.get("id") == resid:
            return str(element.get("DefaultValue"))
    raise AssertionError(f"{resid} staat niet in het manifest")


def test_manifest_geeft_de_functies_het_voorvoegsel_buurtxl(srv: Server) -> None:
    manifest = _manifest(srv)
    namespace = manifest.find(".//ov:ExtensionPoint/ov:Namespace", NS)
    assert _bron(manifest, namespace.get("resid")) == "BUURTXL"


def test_manifest_is_productie_en_heet_buurtxl(srv: Server) -> None:
    manifest = _manifest(srv)
    # In any other environment xlwings appends it: "buurtxl [dev]", BUURTXL_DEV.
    assert manifest.find("o:DisplayName", NS).get("DefaultValue") == "buurtxl"
    # buurtxl's own add-in id, not the default that every xlwings add-in shares.
    assert manifest.find("o:Id", NS).text == "e4d4b781-20db-4a46-b83e-801084ab0822"


def test_manifest_wijst_naar_de_functies_van_deze_server(srv: Server) -> None:
    manifest = _manifest(srv)
    host = srv.url.removeprefix("http://")
    # Behind a reverse proxy that sets X-Forwarded-Proto, or with XLWINGS_HOSTNAME, it is https.
    assert _bron(manifest, "Functions.Script.Url") == f"http://{host}/xlwings/custom-functions-code.js"
    assert _bron(manifest, "Functions.Metadata.Url") == f"http://{host}/xlwings/custom-functions-meta.json"


def test_manifest_en_lint_in_het_nederlands(srv: Server) -> None:
    manifest = _manifest(srv)
    assert manifest.find("o:DefaultLocale", NS).text == "nl-NL"
    assert "Uitvoeringsregeling Buurtnetwerken 2018" in manifest.find("o:Description", NS).get("DefaultValue")
    assert _bron(manifest, "MyTaskpaneButton.Label") == "Uitleg"
    assert _bron(manifest, "MyCommandsGroup.Label") == "Buurtnetwerken"
    # xlwings' example button ("Hello World") is not on the municipality's ribbon.
    assert "Hello" not in ET.tostring(manifest, encoding="unicode")


def test_taakvenster_in_het_nederlands_en_laadt_de_functies(srv: Server) -> None:
    status, html = srv.get("/taskpane.html")
    assert status == 200
    assert "Typ in een cel <code>=BUURTXL.</code>" in html
    # Still xlwings' page underneath: it loads the functions' JavaScript in the shared runtime.
    assert "/xlwings/custom-functions-code" in html and '<script id="config"' in html


def test_met_entra_id_weigert_de_server_een_aanroep_zonder_token() -> None:
    vereis_server()
    client, tenant = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "11111111-2222-4333-8444-555555555555"
    omgeving = {
        "XLWINGS_AUTH_PROVIDERS": '["entraid"]',
        "XLWINGS_AUTH_ENTRAID_CLIENT_ID": client,
        "XLWINGS_AUTH_ENTRAID_TENANT_ID": tenant,
    }
    with server(omgeving=omgeving) as s:
        manifest = _manifest(s)
        info = manifest.find("ov:VersionOverrides/ov:WebApplicationInfo", NS)
        assert info is not None and info.find("ov:Id", NS).text == client
        status, _ = s.roep("TOESLAG_PERCENTAGE", [[1420]], None)
        assert status == 401


def test_instellingen_uit_env_in_de_werkmap() -> None:
    vereis_server()
    dotenv = 'XLWINGS_LICENSE_KEY=noncommercial\nXLWINGS_PROJECT_NAME="buurtxl Maastricht"\n'
    with server(dotenv=dotenv) as s:
        manifest = _manifest(s)
    assert manifest.find("o:DisplayName", NS).get("DefaultValue") == "buurtxl Maastricht"
    assert _bron(manifest, manifest.find(".//ov:ExtensionPoint/ov:Namespace", NS).get("resid")) == "BUURTXL"


# The metadata Excel registers the functions with


def test_metadata_noemt_precies_de_functies_van_buurtxl(srv: Server) -> None:
    assert sorted(metadata(srv)) == sorted(udfs.__all__)
    assert len(udfs.__all__) == 7


@pytest.mark.parametrize("naam", udfs.__all__)
def test_metadata_nederlandse_hulp_bij_functie_en_argumenten(srv: Server, naam: str) -> None:
    f = metadata(srv)[naam]
    assert f["description"] == getattr(udfs, naam).__doc__
    for p in f["parameters"]:
        assert p["description"] == udfs.DOC[p["name"]]  # not xlwings' "Positional argument N"


def test_metadata_hulptekst_in_het_nederlands_met_paragraaf(srv: Server) -> None:
    f = metadata(srv)
    assert "Basissubsidie in euro" in f["BASISSUBSIDIE"]["description"]
    assert "§3.4 punt 1" in f["BASISSUBSIDIE"]["description"]
    assert "§3.4 punt 3" in f["SUPPLEMENT_KWETSBAAR"]["description"]
    huishoudens = f["TOESLAG_PERCENTAGE"]["parameters"][0]
    assert huishoudens["name"] == "huishoudens" and "Aantal huishoudens" in huishoudens["description"]


# Calls


def test_losse_cel_met_de_hand_uitgerekend(srv: Server) -> None:
    # 1420 huishoudens: (1420 − 1300) / 1300 = 9,23%; 5850 × 120/1300 = 540,00 (§3.4 punt 2).
    assert roep(srv, "TOESLAG_COMMUNICATIE", [[1420]], [[5850]]) == (200, [[540.0]])
    assert roep(srv, "BASISSUBSIDIE") == (200, [[5850.0]])


@pytest.mark.parametrize("naam", ["2018", "2017-2018"])
def test_bereik_van_het_voorbeeld_op_de_cent_gelijk_aan_de_regels(srv: Server, naam: str) -> None:
    aanvragen, resultaten, argumenten = subsidie_totaal_argumenten(naam)
    status, uitkomst = roep(srv, "SUBSIDIE_TOTAAL", *argumenten)
    assert status == 200 and len(uitkomst) == len(aanvragen) == 30
    assert [cent(rij[0]) for rij in uitkomst] == [x.totaal for x in resultaten]


def test_bereik_toeslag_op_de_cent_gelijk_aan_de_regels(srv: Server) -> None:
    r = regeling.laad()
    aanvragen = lezen.lees(voorbeeld.pad(), r).aanvragen
    resultaten = [regels.bereken(r, a) for a in aanvragen]
    status, uitkomst = roep(
        srv,
        "TOESLAG_COMMUNICATIE",
        excel_kolom([a.huishoudens for a in aanvragen]),
        excel_kolom([x.basissubsidie for x in resultaten]),
        excel_kolom([a.besteed for a in aanvragen]),
    )
    assert status == 200
    assert [cent(rij[0]) for rij in uitkomst] == [x.toeslag_communicatie for x in resultaten]
    assert any(x.toeslag_communicatie > 0 for x in resultaten)  # the column exercises the rule


def test_foute_losse_cel_is_een_excelfout_met_nederlandse_melding(srv: Server) -> None:
    # 2600,01 + 2000 + 500 + 750 = 5850,01: one cent above the maximum (§3.4 punt 1).
    status, melding = roep(srv, "BASISSUBSIDIE", [[2600.01]])
    # 400: xlwings' JavaScript turns it into #WAARDE! with this text on the error flag, no retries.
    assert status == 400
    assert melding == "Basissubsidie € 5.850,01 ligt buiten € 4.850,00–€ 5.850,00 (regeling 2018, §3.4 punt 1)"


def test_tekst_waar_een_getal_hoort(srv: Server) -> None:
    status, melding = roep(srv, "TOESLAG_PERCENTAGE", [["veel"]])
    assert (status, melding) == (400, "huishoudens: 'veel' is geen getal")


def test_in_een_bereik_wordt_alleen_de_foute_cel_een_fout(srv: Server) -> None:
    status, uitkomst = roep(srv, "TOESLAG_COMMUNICATIE", [[1420], ["veel"], [1495]], [[5850]])
    # 1495: (1495 − 1300) / 1300 = 15%; 5850 × 0,15 = 877,50.
    assert (status, uitkomst) == (200, [[540.0], [WAARDE_FOUT], [877.5]])


def test_onbekende_functie_geeft_geen_interne_details(srv: Server) -> None:
    status, tekst = srv.roep("ONBEKEND", [[1]])
    assert status >= 400 and "Traceback" not in tekst


# The command itself


def _serve(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    omgeving["PYTHONPATH"] = str(SRC)
    omgeving.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", "from buurtxl.cli import main; main()", "serve", *args], check=False,
        capture_output=True, text=True, env=omgeving, timeout=120, cwd=SRC.parent / "tests",
    )


def _certificaat(map_: Any) -> tuple[Any, Any]:
    """A self-signed certificate for 127.0.0.1 and its key, made with `cryptography` (a dependency
    of xlwings Server, through joserfc)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    sleutel = ec.generate_private_key(ec.SECP256R1())
    naam = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    nu = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(naam).issuer_name(naam).public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(nu - dt.timedelta(minutes=5))
        .not_valid_after(nu + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(sleutel, hashes.SHA256())
    )
    cert_pad, sleutel_pad = map_ / "cert.pem", map_ / "key.pem"
    cert_pad.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    sleutel_pad.write_bytes(sleutel.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    return cert_pad, sleutel_pad


def test_https_met_certificaat_en_sleutel(tmp_path: Any) -> None:
    vereis_server()
    certificaat, sleutel = _certificaat(tmp_path)
    with server(tls=(certificaat, sleutel)) as s:
        assert s.url.startswith("https://")
        host = s.url.removeprefix("https://")
        assert _bron(_manifest(s), "Functions.Script.Url") == f"https://{host}/xlwings/custom-functions-code.js"
        assert s.roep("TOESLAG_COMMUNICATIE", [[1420]], [[5850]], None, None) == (200, [[540.0]])


def test_bezette_poort_een_nederlandse_melding_en_code_2() -> None:
    vereis_server()
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        uit = _serve("--port", str(bezet.getsockname()[1]), env={"XLWINGS_LICENSE_KEY": "noncommercial"})
    assert uit.returncode == 2
    assert "de poort is al in gebruik" in uit.stderr and "Traceback" not in uit.stderr


def test_onbruikbaar_certificaat_een_nederlandse_melding_en_code_2(tmp_path: Any) -> None:
    vereis_server()
    nep = tmp_path / "cert.pem"
    nep.write_text("geen certificaat\n")
    uit = _serve("--port", str(vrije_poort()), "--certificaat", str(nep), "--sleutel", str(nep),
                 env={"XLWINGS_LICENSE_KEY": "noncommercial"})
    assert uit.returncode == 2
    assert "geen bruikbaar certificaat" in uit.stderr and "Traceback" not in uit.stderr


def test_zonder_licentiesleutel_een_nederlandse_melding_en_code_2() -> None:
    vereis_server()
    uit = _serve("--port", str(vrije_poort()))
    assert uit.returncode == 2
    assert "licentiesleutel van xlwings (XLWINGS_LICENSE_KEY) ontbreekt" in uit.stderr
    assert "Traceback" not in uit.stderr


def test_zonder_de_extra_een_nederlandse_melding_en_code_2(tmp_path: Any) -> None:
    # As on a machine without buurtxl[server]: None in sys.modules makes the import fail.
    (tmp_path / "sitecustomize.py").write_text("import sys\nsys.modules['xlwings_server'] = None\n")
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    omgeving["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(SRC)])
    uit = subprocess.run(
        [sys.executable, "-c", "from buurtxl.cli import main; main()", "serve"], check=False,
        capture_output=True, text=True, env=omgeving, timeout=120,
    )
    assert uit.returncode == 2
    assert "xlwings Server is niet geïnstalleerd" in uit.stderr
    assert "pip install 'buurtxl[server]'" in uit.stderr


def test_cli_laadt_xlwings_server_niet_bij_het_importeren() -> None:
    geladen = (
        "import sys, buurtxl.cli; print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('xlwings_server', 'xlwings', 'uvicorn', 'fastapi')))"
    )
    uit = subprocess.run([sys.executable, "-c", geladen], check=False, capture_output=True, text=True,
                         env={"PYTHONPATH": str(SRC), "PATH": ""}, timeout=120)
    assert uit.stdout.strip() == "[]", uit.stderr
