"""Lexical analysis: text -> index terms, with per-word language choice.

A document may mix languages (a Kazakh description with English equipment
names, or the kk/ru/en variants concatenated), so the stemmer is picked per
word: Latin words are English, Cyrillic words with a Kazakh-specific letter are
Kazakh, other Cyrillic words follow the language detected for the whole text.
"""
from __future__ import annotations

from .language import KK_LETTERS, detect_language
from .normalize import tokenize
from .stemming import stem

STOPWORDS = {
    "en": set("a an the and or of to in on for with by from at as is are be been was were this "
              "that these those it its we our us you your they their i he she not no can will "
              "would should could may might also which who whom what when where how than then "
              "there here such into about over under between through all any each other".split()),
    "ru": set("и в во на с со по для не что это как от из к о об у за при или также а но мы нам "
              "нас вы вам они их его ее её он она оно же ли бы то так все всё был была были быть "
              "есть который которая которые которых под над между через после до без более "
              "только уже еще ещё этот эта эти этих того чтобы".split()),
    "kk": set("және мен бен пен бұл осы сол ол олар біз біздің сіз де да та те ма ме ба бе па пе "
              "үшін туралы арқылы бойынша бар жоқ емес еді деп ал бірақ немесе әр әрі сияқты "
              "ретінде қажет керек".split()),
}


def word_language(word: str, text_lang: str) -> str:
    """Language whose stemmer should handle ``word`` (already normalised)."""
    if word.isascii():
        return "en"
    if any(c in KK_LETTERS for c in word):
        return "kk"
    return text_lang if text_lang in ("kk", "ru") else "ru"


_TERM_CACHE: dict[tuple[str, str], tuple[str | None, str]] = {}
_TERM_CACHE_MAX = 500_000


def _term(word: str, text_lang: str) -> tuple[str | None, str]:
    """(index term or None for a stop word, word language), memoised: corpora
    repeat words, and stemming dominates analysis time otherwise."""
    key = (word, text_lang)
    try:
        return _TERM_CACHE[key]
    except KeyError:
        pass
    wl = word_language(word, text_lang)
    if word in STOPWORDS[wl] or (len(word) < 2 and not word.isdigit()):
        term = None
    else:
        term = word if word.isdigit() else stem(word, wl)
    if len(_TERM_CACHE) >= _TERM_CACHE_MAX:
        _TERM_CACHE.clear()
    _TERM_CACHE[key] = (term, wl)
    return term, wl


def analyze(text: str, lang: str | None = None) -> list[str]:
    """Index terms of ``text``: normalised, stop words dropped, stemmed.

    ``lang`` is the text's language if known; otherwise it is detected.
    Pure digits are kept (standards and product codes such as ``17025``).
    """
    words = tokenize(text)
    if not words:
        return []
    text_lang = lang or detect_language(text)
    out = []
    get = _TERM_CACHE.get
    for w in words:
        hit = get((w, text_lang))
        term = hit[0] if hit is not None else _term(w, text_lang)[0]
        if term is not None:
            out.append(term)
    return out


def analyze_with_surface(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    """Like :func:`analyze` but pairs each term with the normalised surface word.

    Used by explanations to show which words matched.
    """
    words = tokenize(text)
    text_lang = lang or detect_language(text)
    out = []
    for w in words:
        term = _term(w, text_lang)[0]
        if term is not None:
            out.append((term, w))
    return out
