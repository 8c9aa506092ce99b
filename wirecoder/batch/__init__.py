"""`wirecoder batch`: the pipeline over many articles on Dask, written as Parquet.

``run(paths, out, ...)`` is the whole command (``run.py``); what a worker does
is in ``worker.py``, the datasets' columns in ``layers.py``, the part files
and their markers in ``partitions.py``. Dask is imported only when a batch runs.
"""

from __future__ import annotations

from .layers import LAYERS
from .run import Summary, run

__all__ = ["LAYERS", "Summary", "run"]
