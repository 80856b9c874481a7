"""Text normalisation shared by search and matching front doors.

Real Kazakh and Russian text often mixes Latin look-alike letters into Cyrillic
words (a Latin "i" for "і", "a" for "а"); search folds them so that a query
typed either way finds the same rows.
"""

from __future__ import annotations

import re
import unicodedata

_LATIN_TO_CYRILLIC = str.maketrans(
    {
        "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у",
        "i": "і", "k": "к", "m": "м", "h": "һ", "b": "в", "t": "т",
    }
)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"\w+", re.UNICODE)


def fold_word(word: str) -> str:
    """Fold one casefolded word: Latin look-alikes become Cyrillic in Cyrillic words."""
    if _CYRILLIC.search(word) and re.search(r"[a-z]", word):
        word = word.translate(_LATIN_TO_CYRILLIC)
    return word.replace("ё", "е")


def normalise(text: str) -> str:
    """Casefold, NFC-normalise and fold look-alike letters; keep word boundaries."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    return " ".join(fold_word(w) for w in _WORD.findall(text))


def search_blob(*parts: str) -> str:
    """The text a row is searched by: every language of every searchable field."""
    return " ".join(normalise(p) for p in parts if p)


def search_terms(query: str, *, limit: int = 8) -> list[str]:
    """The normalised words of a user's query (at most ``limit``, longest first kept)."""
    words = [w for w in normalise(query).split() if len(w) >= 2 or w.isdigit()]
    return words[:limit]
