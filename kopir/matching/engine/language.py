"""Language detection for kk / ru / en texts (short texts included).

Kazakh-specific letters decide most Kazakh cases; without them Kazakh and
Russian are told apart by frequent function words and typical endings;
Latin-dominant text is taken as English (the platform's third language).
"""
from __future__ import annotations

import re

LANGS = ("kk", "ru", "en")

# Letters present in Kazakh Cyrillic but not in Russian.  Latin/IPA look-alikes
# (ə, ɵ) are included because Kazakh keyboards without the layout produce them.
KK_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІəƏɵƟ")

# Frequent Kazakh words that contain no Kazakh-specific letter, so they still
# signal Kazakh when a writer typed on a Russian keyboard.
KK_WORDS = {
    "мен", "және", "бар", "жоқ", "бойынша", "бұл", "осы", "ал", "да", "де", "та", "те",
    "еді", "екі", "жаңа", "жылы", "туралы", "арқылы", "бен", "пен", "сол", "бір",
    "керек", "береді", "жасау", "зерттеу", "зертхана", "зертханасы", "оқыту", "жобасы",
    "жоба", "алу", "беру", "тиіс", "емес", "мүмкін", "ретінде", "сияқты", "кейін", "дейін",
    "жер", "мал", "су", "ауыл", "шаруашылығы", "кәсіпорын", "университет",
}
RU_WORDS = {
    "и", "в", "во", "на", "с", "со", "по", "для", "не", "что", "это", "как", "от", "из", "к",
    "о", "об", "у", "за", "при", "или", "также", "а", "но", "мы", "нам", "нужно", "нужен",
    "нужна", "требуется", "который", "которые", "есть", "быть", "их", "его", "ее", "её",
    "под", "над", "между", "через", "после", "до", "без", "более", "так", "же", "все",
    "лаборатория", "лаборатории", "оборудование", "исследования", "предприятие",
}
EN_WORDS = {"the", "and", "of", "to", "in", "for", "with", "on", "a", "an", "is", "we", "our"}

# Endings that are far more typical of one language than the other (Cyrillic only).
_KK_ENDINGS = ("лар", "лер", "дар", "дер", "тар", "тер", "ды", "ді", "ған", "ген", "ына",
               "іне", "уға", "уге", "сы", "сі", "мыз", "міз")
_RU_ENDINGS = ("ость", "ции", "ция", "ого", "ему", "ых", "ий", "ая", "ое", "ые", "ться",
               "ется", "ение", "ания", "ием", "ями", "ами")

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff" or ch in "əƏɵƟ"


_CYR = re.compile(r"[\u0400-\u04ffəƏɵƟ]")
_LAT = re.compile(r"[A-Za-z]")
_KK_CHARS = re.compile("[" + "".join(sorted(KK_LETTERS)) + "]")
_RU_ONLY = re.compile("[ёъщэЁЪЩЭ]")


def detect_language(text: str, default: str = "ru") -> str:
    """Return ``"kk"``, ``"ru"`` or ``"en"`` for ``text``.

    ``default`` is returned for empty text or text with no letters.  Works on
    single words and short titles: one Kazakh-specific letter in a Cyrillic
    text is already strong evidence.
    """
    if not text:
        return default
    cyr = len(_CYR.findall(text))
    lat = len(_LAT.findall(text))
    if lat > cyr:
        return "en"
    if cyr == 0:
        return default
    kk = ru = 0.0
    for w in _WORD.findall(text):
        lw = w.lower()
        if not _CYR.search(lw):
            continue
        if _KK_CHARS.search(lw):
            kk += 2.0
            continue
        # Russian-only letters (ё, ъ, щ, э) appear in Kazakh only in loanwords.
        if _RU_ONLY.search(lw):
            ru += 1.0
        if lw in KK_WORDS:
            kk += 1.5
        elif lw in RU_WORDS:
            ru += 1.5
        elif len(lw) > 4:
            if lw.endswith(_RU_ENDINGS):
                ru += 0.5
            elif lw.endswith(_KK_ENDINGS):
                kk += 0.5
    if kk > ru:
        return "kk"
    if ru > kk:
        return "ru"
    return "kk" if default == "kk" else "ru"
