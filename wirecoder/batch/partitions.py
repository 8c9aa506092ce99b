"""Partitions: the inputs cut into numbered slices, and their files on disk.

Partition ``n`` holds articles ``n*K .. n*K+K-1`` of the input order (K =
--partition-size), so the same inputs always give the same partitions. Each
partition writes ``OUT/<layer>/part-0000n.parquet`` for every layer, each
through a temporary file renamed into place, and then its marker
``OUT/_done/part-0000n.json`` (counts, seconds, and a fingerprint of its
articles). A partition whose marker is there with the same fingerprint is
finished: a rerun skips it. Temporary names start with a dot and the marker
folder with an underscore, which dataset readers (pyarrow, DuckDB globs on
``*.parquet``) leave out.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import E, InputError, WirecoderError
from ..readers import ArticleInput
from .layers import LAYERS, error_row

DONE = "_done"
BATCH = "_batch.json"


@dataclass
class Partition:
    index: int
    articles: list[tuple[int, str, ArticleInput]] = field(default_factory=list)  # (position, input, article)
    errors: list[dict] = field(default_factory=list)  # error rows of inputs that could not be read

    @property
    def size(self) -> int:
        return len(self.articles) + len(self.errors)

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for position, _, article in self.articles:
            digest.update(f"{position}\0{article.id}\0{article.published}\0{article.url}\0".encode())
            digest.update(article.text.encode("utf-8"))
        for row in self.errors:
            digest.update(f"{row['position']}\0{row['message']}\0".encode())
        return digest.hexdigest()[:32]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


def partitions(inputs: Iterable[tuple[str, ArticleInput | InputError]], size: int) -> Iterator[Partition]:
    """(input name, article or reading error) in input order -> partitions of ``size``."""
    current = Partition(0)
    for position, (input_name, item) in enumerate(inputs):
        index = position // size
        if index != current.index:
            yield current
            current = Partition(index)
        if isinstance(item, WirecoderError):
            where = item.fields.get("where") or item.fields.get("path") or input_name
            current.errors.append(error_row(None, str(where), index, position, item.code, str(item)))
        else:
            current.articles.append((position, input_name, item))
    if current.size:
        yield current


def prepare(out: str | Path, size: int) -> Path:
    """Create the output folder (or check it holds a batch of the same partition size)."""
    out = Path(out)
    try:
        for layer in (*LAYERS, DONE):
            (out / layer).mkdir(parents=True, exist_ok=True)
        marker = out / BATCH
        if marker.exists():
            old = json.loads(marker.read_text(encoding="utf-8"))["partition_size"]
            if old != size:
                raise InputError(E.E094, path=str(out), old=old, new=size)
        else:
            _atomic(marker, json.dumps({"partition_size": size, "layers": list(LAYERS)}).encode())
    except OSError as err:
        raise InputError(E.E060, path=str(out), detail=err.strerror or str(err)) from None
    return out


def done(out: Path, partition: Partition) -> dict | None:
    """The marker of a finished partition with these same articles, else None."""
    marker = out / DONE / f"{partition.name}.json"
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if data.get("fingerprint") == partition.fingerprint else None


def write_partition(out: str | Path, partition: Partition, rows: dict[str, list[dict]], seconds: float) -> None:
    """Every layer's part file, then the marker that says the partition is finished."""
    import pyarrow.parquet as pq

    from ..export.parquet import _pyarrow, schema

    pa, out = _pyarrow(), Path(out)
    for layer, columns in LAYERS.items():
        table = pa.Table.from_pylist(rows[layer], schema=schema(columns))
        target = out / layer / f"{partition.name}.parquet"
        temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        pq.write_table(table, temporary)
        os.replace(temporary, target)
    marker = {"partition": partition.index, "fingerprint": partition.fingerprint, "seconds": round(seconds, 3),
              "rows": {layer: len(rows[layer]) for layer in LAYERS}}
    _atomic(out / DONE / f"{partition.name}.json", json.dumps(marker).encode())


def _atomic(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def stale(out: Path, count: int) -> list[Path]:
    """Part files and markers of partitions past the last one (the inputs shrank since)."""
    found = []
    for folder in (*LAYERS, DONE):
        for path in sorted((out / folder).glob("part-*")):
            number = path.name[5:10]
            if not number.isdigit():
                continue  # not a part file of this batch ("part-notes.txt")
            index = int(number)
            if index >= count:
                found.append(path)
    return found
