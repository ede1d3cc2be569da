"""buurtxl's Excel functions for xlwings Server (the Office.js route).

xlwings Server registers the custom functions it finds in a top-level package named
`custom_functions` on its project folder (`XLWINGS_PROJECT_DIR`, set by `buurtxl serve`). This is
that package: it re-exports `buurtxl.udfs` unchanged, so both Excel routes run the same functions.
"""

from buurtxl.udfs import *  # noqa: F403
from buurtxl.udfs import __all__  # noqa: F401
