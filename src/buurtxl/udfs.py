"""The Excel functions under the module name xlwings knows them by: `UDF Modules = buurtxl.udfs` in the
add-in's settings and `XLPy.CallUDF("buurtxl.udfs", …)` in `xl/buurtxl_udfs.bas`. They live in
`buurtxl.excel.udfs`; this module only re-exports them.
"""

from .excel.udfs import *  # noqa: F403  (exactly its __all__: the worksheet functions)
from .excel.udfs import __all__ as __all__
