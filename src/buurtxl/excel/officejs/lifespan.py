"""Start-up of each xlwings Server worker: move the loaded modules out of the garbage collector's way.

After the imports, `gc.freeze()` puts every object alive so far in a permanent generation that the
collector no longer scans; a call over 10,000 rows then no longer pays for scanning pandas, numpy
and xlwings' objects in each collection (BENCHMARKS.md, section 4).
"""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    gc.collect()
    gc.freeze()
    yield
