"""The ASGI app `buurtxl serve` runs: xlwings Server's app, with buurtxl's gate and error answers.

uvicorn imports `main_app` from here in every worker (after `server.richt_in` pointed xlwings Server
at `officejs/`). xlwings Server offers no hook for a middleware in its project folder, so this
module takes its FastAPI app and adds, with FastAPI's own API and before the first request:

- the gate (`poortwachter`): body and cell limits (413), malformed calls (400), inside the CORS layer;
- answers in Dutch, without internal details, for a function's #WAARDE! (400, each echoed value
  capped), a body FastAPI cannot read (400) and an unexpected fault (500, retried by Excel);
- every log record escaped (`logboek`): no line can be forged through a name or a cell.
"""

from __future__ import annotations

import logging

from fastapi import Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse
from xlwings import XlwingsError
from xlwings_server.config import settings  # type: ignore[import-untyped]
from xlwings_server.main import app, main_app  # type: ignore[import-untyped]
from xlwings_server.routers import xlwings as xlwings_router  # type: ignore[import-untyped]

from . import logboek
from .aanroepcontrole import functies
from .poortwachter import MB, Poortwachter

__all__ = ["main_app"]

logger = logging.getLogger("buurtxl.server")
INTERNE_FOUT = "Interne fout van de server; de beheerder vindt de oorzaak in het logboek van buurtxl serve."

logboek.installeer()
if not hasattr(settings, "max_cellen"):
    # xlwings Server falls back to its own settings when buurtxl's do not load; `buurtxl serve`
    # refuses such settings before it starts, so this only guards a start that bypassed it.
    raise RuntimeError("de instellingen van buurtxl (officejs/config.py) zijn niet geladen")

app.add_middleware(
    Poortwachter,
    max_bytes=settings.max_verzoek_mb * MB,
    max_cellen=settings.max_cellen,
    aanroep_pad=f"{settings.app_path}/xlwings/custom-functions-call",
    functies=functies(xlwings_router.custom_functions),
)


async def _waardefout(request: Request, fout: Exception) -> PlainTextResponse:
    # A cell the rules refuse (udf_argumenten.UdfFout) or a missing role: deterministic, so 400,
    # which xlwings' JavaScript shows as #WAARDE! with this text and does not retry.
    melding = logboek.begrens(str(fout))
    logger.info("Functie gaf een fout: %s", melding)
    return PlainTextResponse(melding, status_code=status.HTTP_400_BAD_REQUEST)


async def _onleesbaar(request: Request, fout: Exception) -> PlainTextResponse:
    # FastAPI's own answer (422) would quote the whole body back.
    melding = "Het verzoek heeft niet de vorm van een aanroep van een Excel-functie."
    logger.warning("Verzoek geweigerd (400) %s %s: %s", request.method, request.url.path, melding)
    return PlainTextResponse(melding, status_code=status.HTTP_400_BAD_REQUEST)


async def _interne_fout(request: Request, fout: Exception) -> PlainTextResponse:
    # Starlette logs the traceback after this answer (escaped by logboek); Excel retries a 500.
    return PlainTextResponse(INTERNE_FOUT, status_code=status.HTTP_500_INTERNAL_SERVER_ERROR)


app.add_exception_handler(XlwingsError, _waardefout)
app.add_exception_handler(RequestValidationError, _onleesbaar)
app.add_exception_handler(Exception, _interne_fout)
