"""buurtxl's defaults for xlwings Server's settings.

xlwings Server imports the `Settings` class of a `config.py` in its project folder instead of its
own. Only the defaults change: an `XLWINGS_…` environment variable or a line in `.env` still wins,
in that order (pydantic-settings), so a municipality configures the server the usual way.
"""

from uuid import UUID

from pydantic import UUID4, Field
from xlwings_server.config import Settings as XlwingsSettings  # type: ignore[import-untyped]


class Settings(XlwingsSettings):
    # =BUURTXL.BASISSUBSIDIE(): one prefix for all functions, the add-in's name in Excel.
    functions_namespace: str = "BUURTXL"
    project_name: str = "buurtxl"
    # environment stays xlwings' default "prod": no suffix on the namespace (BUURTXL_DEV).
    # Socket.IO only serves streaming functions, which buurtxl has none of; without it, any
    # number of workers can run side by side without a message queue (Redis).
    enable_socketio: bool = False
    # The add-in's identity in Excel and the admin center. xlwings' defaults are shared by every
    # xlwings add-in that keeps them; these are buurtxl's own (one per environment, as xlwings has).
    manifest_id_dev: UUID4 = UUID("2ef46821-2c69-4c73-a107-5a2fda70e683")
    manifest_id_qa: UUID4 = UUID("a548c6bd-7ec3-4c72-b1b7-0000ffafa127")
    manifest_id_uat: UUID4 = UUID("92824466-9f3e-421b-9ea3-77668201dc09")
    manifest_id_staging: UUID4 = UUID("f8a42ce3-1fba-43ec-9cee-e96dd708c099")
    manifest_id_prod: UUID4 = UUID("e4d4b781-20db-4a46-b83e-801084ab0822")
    enable_examples: bool = False
    enable_hotreload: bool = False
    # Custom functions in Excel on the web call the server from another origin (xlwings'
    # .env.template says the same). The functions compute public rules; sign-in (Entra ID)
    # still guards every call when it is switched on.
    cors_allow_origins: list[str] = ["*"]  # a pydantic field: copied per instance
    # buurtxl's own limits (BUURTXL_…, also read from .env), sized for the scheme: a call over a few
    # thousand rows of all arguments of SUBSIDIE_TOTAAL fits; a request beyond them gets 413
    # (excel/poortwachter.py, docs/SERVER.md).
    max_verzoek_mb: int = Field(2, ge=1, le=1000, validation_alias="BUURTXL_MAX_VERZOEK_MB")
    max_cellen: int = Field(50_000, ge=1, le=10_000_000, validation_alias="BUURTXL_MAX_CELLEN")
