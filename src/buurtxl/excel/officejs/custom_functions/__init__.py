"""buurtxl's Excel functions for xlwings Server (the Office.js route).

xlwings Server registers the custom functions it finds in a top-level package named
`custom_functions` on its project folder (`XLWINGS_PROJECT_DIR`, set by `buurtxl serve`). This is
that package: it re-exports the functions of `buurtxl.excel.udfs` unchanged, so both Excel routes run the
same functions, and a function added there is served here too.
"""

from buurtxl.excel import udfs

__all__ = list(udfs.__all__)
globals().update({naam: getattr(udfs, naam) for naam in __all__})
