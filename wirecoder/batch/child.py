"""The process that extracts articles for a batch worker: ``python -m wirecoder.batch.child``.

Why a child: Dask runs tasks in a worker thread, and nothing can stop a thread
that is inside spaCy's C code (a signal alarm only reaches the main thread).
A process can be killed. So each worker keeps one child that loads the model
once and extracts one article per request; the worker kills it when an
article outlasts the time limit, and starts a fresh one for the next article.

Protocol, one JSON object per line: the child first writes ``{"ready": true}``
(or ``{"fatal": message}`` when the pipeline cannot be built), then answers
each article (``{"id", "text", "published", "url", "title", "source",
"warnings"}``) with ``{"record": {...}}`` or ``{"error": {"code", "stage",
"message"}}``. Its stdout carries only this protocol (anything else the
libraries print goes to stderr); end of input ends the child.

Test hook: an article whose text contains the WIRECODER_BATCH_STALL setting
(unset in normal use) makes the child sleep, so tests can check the limit.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time


def main(stages: list[str]) -> int:
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")  # the answers go here ...
    os.dup2(2, 1)  # ... and whatever a library prints goes to stderr
    sys.stdout = sys.stderr
    from .. import settings
    from ..errors import StageError, WirecoderError
    from ..pipeline import Pipeline
    from ..readers import ArticleInput

    def answer(message: dict) -> None:
        protocol.write(json.dumps(message, ensure_ascii=False) + "\n")
        protocol.flush()

    try:
        pipeline = Pipeline(stages)
        stall = settings.get("batch_stall")
    except WirecoderError as err:
        answer({"fatal": str(err)})
        return 3
    gc.freeze()  # the model and lexicons live as long as the child: later collections skip them
    answer({"ready": True})
    for line in sys.stdin:
        fields = json.loads(line)
        fields["warnings"] = tuple(fields["warnings"])
        article = ArticleInput(**fields)
        if stall and stall in article.text:
            time.sleep(24 * 3600)
        result = next(pipeline.pipe([article], batch_size=1))
        if result.ok:
            answer({"record": result.record.to_dict()})
        else:
            error = result.error
            answer({"error": {"code": error.code, "message": str(error),
                              "stage": error.stage if isinstance(error, StageError) else None}})
    return 0


if __name__ == "__main__":
    sys.exit(main([name for name in sys.argv[1].split(",") if name]))
