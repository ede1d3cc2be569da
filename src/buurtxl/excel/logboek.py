"""What the server writes to its log and answers in an error: never a forged line, never a whole input.

Text a client sent (a function name, a cell's value inside an error message) reaches the log through
xlwings Server, Starlette and uvicorn, each formatting it its own way. Rather than escape it at every
call site, `installeer` escapes every log record of the process as it is made: control characters
(a newline, a carriage return, ESC, U+2028 …) in the message, its arguments and its traceback
become visible escapes (`\\n`, `\\x1b`), so one record stays one line and cannot pose as another.
`kort` caps a value echoed back to a client or into the log.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

# C0 and C1 control characters and the Unicode line and paragraph separators: anything a log
# viewer or terminal may treat as the end of a line or as a command.
_STUURTEKEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_WAARDE = 80  # characters of an echoed value
MAX_MELDING = 400  # characters of a whole error message from a function


def veilig(tekst: str) -> str:
    """`tekst` with every control character written as its escape: one line, no terminal commands."""
    return _STUURTEKEN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), tekst)


def kort(tekst: str, maximum: int = MAX_WAARDE) -> str:
    """At most `maximum` characters of `tekst`, with how long it was when cut."""
    if len(tekst) <= maximum:
        return tekst
    lengte = f"{len(tekst):,}".replace(",", ".")
    return f"{tekst[:maximum]}… ({lengte} tekens)"


def weergave(waarde: object) -> str:
    """A client's value as it is quoted in a message: repr (escaped, quoted), capped."""
    return kort(repr(waarde))


# A quoted value inside a message ('…'), long enough to be worth cutting.
_AANGEHAALD = re.compile(f"'([^']{{{MAX_WAARDE + 1},}})'")


def begrens(melding: str) -> str:
    """An error message for a client: each quoted value and the whole message capped, escaped."""
    melding = _AANGEHAALD.sub(lambda m: f"'{kort(m.group(1))}'", melding)
    return veilig(kort(melding, MAX_MELDING))


def _arg(waarde: Any) -> Any:
    if isinstance(waarde, str):
        return veilig(waarde)
    if isinstance(waarde, BaseException):
        return veilig(str(waarde))
    return waarde


def _verloop(fout: BaseException) -> str:
    """A traceback like Python's, with each exception's message escaped (the frames are source)."""
    keten: list[BaseException] = []
    huidige: BaseException | None = fout
    while huidige is not None and all(huidige is not f for f in keten):
        keten.append(huidige)
        huidige = huidige.__cause__ or (None if huidige.__suppress_context__ else huidige.__context__)
    delen: list[str] = []
    for f in reversed(keten):
        if delen:
            delen.append("\nwhich led to:\n\n")
        delen.append("Traceback (most recent call last):\n")
        delen.extend(traceback.format_tb(f.__traceback__))
        soort = type(f)
        delen.append(f"{soort.__module__}.{soort.__qualname__}: {veilig(str(f))}\n")
    return "".join(delen).rstrip("\n")


def ontsmet(record: logging.LogRecord) -> logging.LogRecord:
    """Escape a record's message, arguments and traceback in place (see the module docstring)."""
    record.msg = veilig(record.msg) if isinstance(record.msg, str) else veilig(str(record.msg))
    if isinstance(record.args, tuple):
        record.args = tuple(_arg(a) for a in record.args)
    elif isinstance(record.args, dict):
        record.args = {k: _arg(v) for k, v in record.args.items()}
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        record.exc_text = _verloop(record.exc_info[1])
    return record


def installeer() -> None:
    """Make every log record of this process through `ontsmet` (once; the uvicorn worker calls it)."""
    vorige = logging.getLogRecordFactory()
    if getattr(vorige, "buurtxl", False):
        return

    def fabriek(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return ontsmet(vorige(*args, **kwargs))

    fabriek.buurtxl = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(fabriek)
