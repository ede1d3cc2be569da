"""Fill a Word template (docxtpl: Jinja tags inside a .docx) with one letter's fields.

The package ships one template per letter (`sjablonen/`, built by scripts/maak_brieven.py); a
municipality may pass its own. Everything that can be wrong with such a template is a `SjabloonFout`
with a Dutch message naming the template and the field: a field the letters do not have, a tag
Jinja cannot read, a file that is no Word document. Values are XML-escaped (a group called
"Wyck & Céramique"), and no tag may survive into a letter.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import BuurtxlFout
from .inhoud import DEEL, VELDEN

MAP = "sjablonen"
# What a Jinja tag looks like in a letter that still has one (an unrendered or broken tag).
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


class SjabloonFout(BuurtxlFout, ValueError):
    """A letter template cannot be used (message in Dutch, naming the template and the field)."""


def bestandsnaam(soort: str) -> str:
    return f"beschikking_{soort}.docx"


def standaard(soort: str) -> bytes:
    """The template the package ships for `soort`."""
    return resources.files(__package__).joinpath(MAP, bestandsnaam(soort)).read_bytes()


def _omgeving():
    from jinja2 import Environment, StrictUndefined

    # StrictUndefined: a misspelt field inside a list item ({{ deel.bedragg }}) is an error, not "".
    return Environment(undefined=StrictUndefined, autoescape=True)


def _bekend(soort: str) -> str:
    return ", ".join([*VELDEN[soort], *DEEL])


class Sjabloon:
    """One template, checked once, filled once per letter."""

    def __init__(self, soort: str, pad: Path | None = None) -> None:
        from docxtpl import DocxTemplate
        from jinja2 import TemplateError

        self.soort = soort
        self.naam = pad.name if pad is not None else f"{bestandsnaam(soort)} (standaardsjabloon)"
        self._inhoud = pad.read_bytes() if pad is not None else standaard(soort)
        try:
            self._sjabloon = DocxTemplate(io.BytesIO(self._inhoud))
            self._sjabloon.init_docx()
        except (zipfile.BadZipFile, KeyError, ValueError) as fout:
            raise SjabloonFout(f"{self.naam}: geen Word-document (.docx) dat buurtxl kan lezen ({fout})") from None
        except Exception as fout:  # python-docx's own errors (PackageNotFoundError, lxml) share no base
            raise SjabloonFout(f"{self.naam}: geen Word-document (.docx) dat buurtxl kan lezen ({fout})") from None
        try:
            onbekend = self._sjabloon.get_undeclared_template_variables(
                jinja_env=_omgeving(), context=dict(VELDEN[soort])
            )
        except TemplateError as fout:
            raise SjabloonFout(self._syntax(fout)) from None
        if onbekend:
            namen = ", ".join(f"'{n}'" for n in sorted(onbekend))
            raise SjabloonFout(
                f"{self.naam}: onbekend veld {namen} in het sjabloon voor de {soort}; "
                f"bekende velden: {_bekend(soort)}"
            )

    def _syntax(self, fout: Exception) -> str:
        regel = getattr(fout, "message", None) or str(fout)
        return (f"{self.naam}: een veld of opdracht in het sjabloon is niet te lezen (Jinja zegt: {regel}); "
                "controleer de accolades {{ … }} en {% … %}")

    def vul_in(self, velden: Mapping[str, Any]) -> bytes:
        """The letter as .docx bytes. Raises `SjabloonFout` for a field the letter does not have."""
        from docxtpl import DocxTemplate
        from jinja2 import TemplateError, UndefinedError

        sjabloon = DocxTemplate(io.BytesIO(self._inhoud))
        try:
            sjabloon.render(dict(velden), jinja_env=_omgeving())
        except UndefinedError as fout:
            gevonden = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", str(fout))
            naam = next((g for g in gevonden.groups() if g), str(fout)) if gevonden else str(fout)
            raise SjabloonFout(
                f"{self.naam}: onbekend veld '{naam}' in het sjabloon voor de {self.soort}; "
                f"bekende velden: {_bekend(self.soort)}"
            ) from None
        except TemplateError as fout:
            raise SjabloonFout(self._syntax(fout)) from None
        uit = io.BytesIO()
        sjabloon.save(uit)
        over = resttags(uit.getvalue())
        if over:
            raise SjabloonFout(
                f"{self.naam}: het sjabloon bevat {', '.join(repr(t) for t in over[:3])}, dat niet is ingevuld; "
                "een veld hoort op één regel, zonder opmaakwisseling binnen de accolades"
            )
        return uit.getvalue()


def resttags(docx: bytes) -> list[str]:
    """Jinja tags left in a letter's text (body, headers, footers), as a reader would see them."""
    from docx import Document

    document = Document(io.BytesIO(docx))
    teksten = [a.text for a in document.paragraphs]
    for tabel in document.tables:
        teksten += [c.text for rij in tabel.rows for c in rij.cells]
    for sectie in document.sections:
        teksten += [a.text for a in (*sectie.header.paragraphs, *sectie.footer.paragraphs)]
    return [t for tekst in teksten for t in _TAG.findall(tekst)]
