"""Text normalisation shared by the three languages.

Real Kazakh and Russian text often mixes Latin look-alike letters into
Cyrillic words (``бiлiм`` with a Latin ``i``, ``зертхaна`` with a Latin ``a``),
and writes ә/ө with the IPA letters ə/ɵ.  Such words would never match their
clean spelling in the lexical index, so they are repaired here before
case folding.
"""
from __future__ import annotations

import re
import unicodedata

# Latin (and IPA) letters that look like Cyrillic ones.  ``i`` maps to the
# Kazakh ``і`` because that is what writers mean in mixed-script words.
_LOOKALIKE = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к",
    "i": "і", "h": "һ", "m": "м", "t": "т", "b": "в", "n": "п",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У",
}
# Lowercase Latin letters whose Cyrillic twin is unambiguous in lowercase
# handwriting-like fonts; ``m``, ``t``, ``b``, ``n`` look different in lowercase
# Cyrillic, so they are only converted when uppercase.
_SAFE_LOWER = set("aceopxyki")
_ALWAYS = {"ə": "ә", "Ə": "Ә", "ɵ": "ө", "Ɵ": "Ө", "ё": "е", "Ё": "Е"}

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def fix_lookalikes(word: str) -> str:
    """Replace Latin look-alike letters in a word that is otherwise Cyrillic.

    A word is repaired only when it has at least one Cyrillic letter and every
    Latin letter in it has a Cyrillic twin; genuine Latin words (``PCR``,
    ``ISO``) stay as they are.
    """
    word = "".join(_ALWAYS.get(ch, ch) for ch in word)
    if not any(_cyr(ch) for ch in word):
        return word
    latin = [ch for ch in word if ch.isascii() and ch.isalpha()]
    if not latin:
        return word
    if not all(ch in _SAFE_LOWER or (ch.isupper() and ch in _LOOKALIKE) for ch in latin):
        return word
    return "".join(_LOOKALIKE.get(ch, ch) if ch.isascii() else ch for ch in word)


_ALWAYS_RE = re.compile("[" + "".join(_ALWAYS) + "]")
_LATIN = re.compile(r"[A-Za-z]")
# A word that mixes scripts: lookaheads from each word start, no backtracking blow-up.
_MIXED_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+")


def _fix_token(m: re.Match) -> str:
    w = m.group(0)
    # Fast path: most words are pure ASCII or purely non-Latin.
    if w.isascii() or not _LATIN.search(w):
        return w
    return fix_lookalikes(w)


def clean_text(text: str) -> str:
    """Unicode-NFC, repair look-alike letters word by word, squeeze spaces; case kept.

    This is what the embedder sees and what content hashes are computed on
    (the model is cased, so case is kept), so two spellings of the same text
    share one cached embedding.
    """
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _ALWAYS_RE.search(text):
            text = _ALWAYS_RE.sub(lambda m: _ALWAYS[m.group(0)], text)
        if _LATIN.search(text):
            text = _MIXED_WORD.sub(_fix_token, text)
    return " ".join(text.split())


def normalize_text(text: str) -> str:
    """:func:`clean_text` plus case folding: the form the lexical analyser sees."""
    return clean_text(text).casefold()


def tokenize(text: str) -> list[str]:
    """Normalised word tokens (letters/digits), in order."""
    return _TOKEN.findall(normalize_text(text))


_SENT_END = re.compile(r"(?<=[.!?;…])\s+|\n+")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences (on .!?; and line breaks); keeps original spelling."""
    parts = [p.strip() for p in _SENT_END.split(text or "")]
    return [p for p in parts if p]
