"""Tokenisation, sentence splitting, language detection and transliteration."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import lexicon

KK_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
LATIN_RE = re.compile(r"[A-Za-z]")
# the Cyrillic letters of Russian and Kazakh, for character classes: "[A-Z" + CYR_UPPER + "]"
CYR_UPPER = "А-ЯЁӘҒҚҢӨҰҮІҺ"
CYR_LOWER = "а-яёәғқңөұүіһ"

# Words: letters/digits joined by inner hyphens or apostrophes ("Әл-Фараби", "O'Brien").
# Letters and digits are split ("University08" is two tokens: scraped pages glue them).
# Capitals joined by an ampersand ("A&F", "AT&T") are one word; other "&" stand alone.
TOKEN_RE = re.compile(r"[A-Z]{1,3}&[A-Z]{1,3}(?![^\W\d_])|[^\W\d_]+(?:[-'’][^\W_]+)*|\d+(?:[.,:]\d+)*|\S",
                      re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_allcaps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        if len(letters) < 2:
            return False
        # "KazNU", "КазНУ", "ЕНУ": acronyms with at least two capitals and few lower-case letters
        upper = sum(1 for c in letters if c.isupper())
        return upper == len(letters) or (upper >= 2 and letters[0].isupper() and len(letters) <= 6
                                         and letters[-1].isupper())

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split text into word and punctuation tokens with character offsets."""
    return [Token(m.group(), offset + m.start(), offset + m.end()) for m in TOKEN_RE.finditer(text)]


# Abbreviations after which a full stop does not end a sentence.
_NO_BREAK = lexicon._words(
    "г гг им ул д т тт др проф акад доц см стр рис mr mrs ms dr prof st no vs etc jr sr ж жж"
)
# Latin transcriptions of one Kazakh/Russian letter, written as an initial ("Kh. Dosmukhamedov",
# "Sh. Ualikhanov", "Zh. Tashenov")
DIGRAPH_INITIALS = frozenset("Kh Sh Zh Ch Ts Yu Ya Ye Yo Sch Shch".split())


def is_initial_text(w: str) -> bool:
    return (len(w) == 1 and w.isupper()) or w in DIGRAPH_INITIALS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character spans of sentences.

    Rules: break after . ! ? … followed by whitespace and a capital/digit/quote,
    on blank lines and on line breaks; not after initials ("А. Б. Иванов") or
    common abbreviations ("г.", "им.", "Prof.").
    """
    spans = []
    start = 0
    n = len(text)
    for m in re.finditer(r"[.!?…]+[»\"”’)]*(?=\s)|\n", text):
        end = m.end()
        if text[m.start()] == "\n":
            if text[start:m.start()].strip():
                spans.append((start, m.start()))
            start = end
            continue
        # look at the next non-space char
        j = end
        while j < n and text[j] in " \t":
            j += 1
        if j < n and not (text[j].isupper() or text[j].isdigit() or text[j] in "«\"“—–-\n"):
            continue
        prev = re.search(r"(\w+)[.!?…]*$", text[start:m.start() + 1])
        if prev and text[m.start()] == ".":
            w = prev.group(1)
            if is_initial_text(w) or w.lower() in _NO_BREAK:
                continue
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, n))
    return [(s, e) for s, e in (strip_span(text, s, e) for s, e in spans) if e > s]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past whitespace at either edge and a dash in front."""
    while start < end and (text[start].isspace() or text[start] in "–—"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def detect_language(text: str) -> str:
    """Guess 'kk', 'ru' or 'en' from script, Kazakh-only letters and function words."""
    sample = text[:5000]
    cyr = len(CYRILLIC_RE.findall(sample))
    lat = len(LATIN_RE.findall(sample))
    if lat > cyr:
        return "en"
    if cyr == 0:
        return "en"
    kk_letters = sum(1 for c in sample if c in KK_LETTERS)
    words = re.findall(r"\w+", sample.lower())
    scores = {lang: sum(1 for w in words if w in fw) for lang, fw in lexicon.FUNCTION_WORDS.items()}
    # Kazakh-only letters are a strong signal; Russian texts quoting Kazakh names have a few.
    kk_score = scores["kk"] + kk_letters / 4
    return "kk" if kk_score > scores["ru"] else "ru"


# --- stems -----------------------------------------------------------------

def stem_lookup(word: str, stems: frozenset[str], max_suffix: int = 7, min_stem: int = 4) -> bool:
    """True if `word` (any case) is a stem from `stems` plus an inflectional tail."""
    w = word.lower()
    if w in stems:
        return True
    for k in range(len(w) - 1, min_stem - 1, -1):
        if len(w) - k > max_suffix:
            break
        if w[:k] in stems:
            return True
    return False


# --- transliteration ---------------------------------------------------------

_CYR2LAT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}


def translit(text: str) -> str:
    """Kazakh/Russian Cyrillic to plain Latin (lower case), other characters kept."""
    return "".join(_CYR2LAT.get(c, c) for c in text.lower())


def latin_key(text: str) -> str:
    """A spelling-insensitive key for matching names across kk/ru/en.

    Шәкәрім, Шакарим and Shakarim all become "shakarim"; Әл-Фараби, Аль-Фараби and
    Al-Farabi become "alfarabi". Lossy on purpose: only used for comparison.
    """
    s = translit(text)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i")
    s = re.sub(r"[^\w\s]", "", s)
    # Collapse the usual romanisation variants.
    for a, b in (("kh", "h"), ("yu", "u"), ("ya", "a"), ("ye", "e"), ("iy", "i"), ("y", "i"),
                 ("q", "k"), ("w", "u"), ("x", "h"), ("j", "zh"), ("zhzh", "zh"), ("c", "ts"),
                 ("tsh", "ch")):
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    return re.sub(r"\s+", " ", s).strip()
