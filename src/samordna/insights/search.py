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


def _definite(stem: str) -> str:
    """Snowball keeps the definite -n after a vowel (psykiatrin, vården → vård but
    psykiatrin stays); drop it so the definite and indefinite forms meet."""
    if len(stem) >= 6 and stem[-1] == "n" and stem[-2] in "aeiouyåäö":
        return stem[:-1]
    return stem


def tokens(text: str) -> list[str]:
    """Stemmed Swedish words of a text, without stop words."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    stems = _stemmer().stemWords([w for w in words if w not in STOP])
    return [_definite(s) for s in stems if len(s) > 1]


def index_text(text: str) -> str:
    return " " + " ".join(dict.fromkeys(tokens(text))) + " "
