"""buurtxl's defaults for xlwings Server's settings.

xlwings Server imports the `Settings` class of a `config.py` in its project folder instead of its
own. Only the defaults change: an `XLWINGS_…` environment variable or a line in `.env` still wins,
in that order (pydantic-settings), so a municipality configures the server the usual way.
"""

from xlwings_server.config import Settings as XlwingsSettings  # type: ignore[import-untyped]


class Settings(XlwingsSettings):
    # =BUURTXL.BASISSUBSIDIE(): one prefix for all functions, the add-in's name in Excel.
    functions_namespace: str = "BUURTXL"
    project_name: str = "buurtxl"
    # environment stays xlwings' default "prod": no suffix on the namespace (BUURTXL_DEV).
    # Socket.IO only serves streaming functions, which buurtxl has none of; without it, any
    # number of workers can run side by side without a message queue (Redis).
    enable_socketio: bool = False
    enable_examples: bool = False
    enable_hotreload: bool = False
    # Custom functions in Excel on the web call the server from another origin (xlwings'
    # .env.template says the same). The functions compute public rules; sign-in (Entra ID)
    # still guards every call when it is switched on.
    cors_allow_origins: list[str] = ["*"]  # noqa: RUF012  # a pydantic field: copied per instance
