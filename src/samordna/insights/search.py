"""Swedish stemming for the insight bank: the same tokens for the index and the query.

Works the same on SQLite and PostgreSQL: each insight keeps its stemmed words
(``search_text``, space-delimited), and a query matches when every stemmed
query word is among them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[a-zåäöéü0-9]+", re.IGNORECASE)
# Words too common to help a search or a theme (Swedish function words).
STOP = frozenset(
    """och att det som en i på är av för med till den har de inte om ett var jag hen han hon
    vi ni men så kan från eller när man nu ska sig sin sitt sina vid hur vad alla efter mycket
    också där dem denna detta dessa blir bli varit mer mot under utan inom hos än då""".split()
)


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("swedish")


def tokens(text: str) -> list[str]:
    """Stemmed Swedish words of a text, without stop words."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    return [s for s in _stemmer().stemWords([w for w in words if w not in STOP]) if len(s) > 1]


def index_text(text: str) -> str:
    return " " + " ".join(dict.fromkeys(tokens(text))) + " "
