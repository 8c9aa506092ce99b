"""From a rule's regex match to a ``Reading`` (what the expression says).

One builder per rule (``dates`` for calendar names, ``numeric`` for "25/02",
``relative`` for everything counted from something else). A builder returns None when the
match is not a time expression after all (a lowercase "may", an age like
"44-year-old"); the grammar then keeps a shorter or different match.
"""

from __future__ import annotations

import re

from . import dates, numeric, relative
from .helpers import duration
from .lexicon import TimeLexicon
from .readings import Reading

BUILDERS = {**dates.BUILDERS, **numeric.BUILDERS, **relative.BUILDERS}


def build(rule: str, m: re.Match, lex: TimeLexicon, text: str) -> Reading | None:
    return BUILDERS[rule](m, lex, text)


__all__ = ["BUILDERS", "build", "duration"]
