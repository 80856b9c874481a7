"""Light stemmers: Kazakh suffix stripping (own), Russian/English via Snowball.

Kazakh is agglutinative: ``зертханаларымызда`` = зертхана + лар + ымыз + да.
Snowball has no Kazakh, so :func:`stem_kk` strips the frequent inflectional and
a few derivational suffixes from the right, longest first, as long as a stem of
at least three letters with a vowel remains.  It over-stems some words; what
matters for retrieval is that the inflected forms of one word land on the same
stem, which iterated stripping gives.
"""
from __future__ import annotations

from functools import lru_cache

_KK_VOWELS = set("аәеёиоөуұүыіэюя")

# Grouped for readability; order inside the tuple does not matter because the
# longest matching suffix wins at each step.
_KK_SUFFIXES = tuple(sorted(set(
    # plural
    "лар лер дар дер тар тер".split()
    # possessive
    + "ым ім ың ің ын ін сы сі мыз міз ымыз іміз ңыз ңіз ыңыз іңіз сыз сіз".split()
    # case: genitive, dative, accusative, locative, ablative, instrumental
    + "ның нің дың дің тың тің".split()
    + "ға ге қа ке на не".split()
    + "ны ні ды ді ты ті".split()
    + "да де та те нда нде".split()
    + "дан ден тан тен нан нен ндан нден".split()
    + "мен бен пен менен бенен пенен".split()
    # derivational / attributive
    + "лық лік дық дік тық тік шы ші шылық шілік лы лі ғы гі қы кі".split()
    + "дағы дегі тағы тегі ндағы ндегі".split()
    # frequent verbal forms (participles, verbal nouns in case)
    + "ған ген қан кен атын етін йтын йтін уге уға уды уді удың удің".split()
), key=len, reverse=True))
# Derivational suffixes change the word, so they need a longer remaining stem
# (жабдық "equipment" must not become жаб).
_KK_DERIVATIONAL = frozenset("лық лік дық дік тық тік шы ші шылық шілік лы лі ғы гі қы кі".split())
# One-letter possessive endings are stripped only from long words, where a
# final ы/і is almost always a suffix (зертханалары -> зертханалар).
_KK_SHORT = ("ы", "і")


def _has_vowel(s: str) -> bool:
    return any(c in _KK_VOWELS for c in s)


@lru_cache(maxsize=200_000)
def stem_kk(word: str, min_stem: int = 3) -> str:
    """Strip Kazakh suffixes from a lower-case word (see module docstring)."""
    w = word
    for _ in range(5):
        for suf in _KK_SUFFIXES:
            if w.endswith(suf):
                rest = w[: -len(suf)]
                need = min_stem + 1 if suf in _KK_DERIVATIONAL else min_stem
                if len(rest) >= need and _has_vowel(rest):
                    w = rest
                    break
        else:
            if len(w) >= 6 and w.endswith(_KK_SHORT):
                w = w[:-1]
                continue
            break
    return w


try:  # PyStemmer (C Snowball) is fast enough for 100k-document builds
    import Stemmer as _pystemmer

    _RU = _pystemmer.Stemmer("russian")
    _EN = _pystemmer.Stemmer("english")
    _RU.maxCacheSize = _EN.maxCacheSize = 100_000

    def stem_ru(word: str) -> str:
        """Snowball Russian stem."""
        return _RU.stemWord(word)

    def stem_en(word: str) -> str:
        """Snowball English (Porter2) stem."""
        return _EN.stemWord(word)

except ImportError:  # pragma: no cover - fallback keeps the engine importable
    _RU_ENDS = tuple(sorted("ами ями ого его ому ему ыми ими ая яя ое ее ые ие ой ей ий ый ую юю "
                            "ов ев ам ям ах ях ом ем а я о е ы и у ю ь ость ости ция ции".split(),
                            key=len, reverse=True))
    _EN_ENDS = ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s", "ly")

    def _strip(word: str, ends: tuple[str, ...], keep: int) -> str:
        for e in ends:
            if word.endswith(e) and len(word) - len(e) >= keep:
                return word[: -len(e)]
        return word

    def stem_ru(word: str) -> str:
        return _strip(word, _RU_ENDS, 3)

    def stem_en(word: str) -> str:
        return _strip(word, _EN_ENDS, 3)


def stem(word: str, lang: str) -> str:
    """Stem a normalised word in ``lang`` (``kk``/``ru``/``en``)."""
    if lang == "kk":
        return stem_kk(word)
    if lang == "ru":
        return stem_ru(word)
    return stem_en(word)
