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
    for w in words:
        wl = word_language(w, text_lang)
        if w in STOPWORDS[wl] or (len(w) < 2 and not w.isdigit()):
            continue
        out.append(w if w.isdigit() else stem(w, wl))
    return out


def analyze_with_surface(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    """Like :func:`analyze` but pairs each term with the normalised surface word.

    Used by explanations to show which words matched.
    """
    words = tokenize(text)
    text_lang = lang or detect_language(text)
    out = []
    for w in words:
        wl = word_language(w, text_lang)
        if w in STOPWORDS[wl] or (len(w) < 2 and not w.isdigit()):
            continue
        out.append((w if w.isdigit() else stem(w, wl), w))
    return out
