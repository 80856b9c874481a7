"""Span hygiene shared by the three languages, applied to what the models and rules found.

Real press pages carry things the models were not trained on: headlines in capitals
("БӨКЕТОВ УНИВЕРСИТЕТІ ҚЫТАЙ УНИВЕРСИТЕТІМЕН МЕМОРАНДУМҒА ҚОЛ ҚОЙДЫ"), breadcrumbs
("Жаңалықтар > Жұбанов университеті"), links, names in brackets run into the next words, and
lists of names joined by commas. These passes only cut or drop spans; they never invent one.
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .textutil import CYR_LOWER, CYR_UPPER, Token, strip_span, tokenize

# links, e-mail addresses, file names and identifiers ("IMG_5065s", "photo.jpg")
URL_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|\w+_\w+|\S+\.(?:jpe?g|png|gif|pdf|docx?)\b",
                    re.I)
# separators a name never contains: breadcrumbs, menus, brackets, a blank line
_CUT_RE = re.compile(r"\s*(?:[>|•]|\(|\)|\n\s*\n)\s*")
_COMMA_RE = re.compile(r",\s*")
_LEGAL_TAIL_RE = re.compile(r"^(?:ltd|inc|llc|co|corp|gmbh|ag|s\.a)\b\.?", re.I)


# a site's language switcher ("Қаз Рус Eng", "KZ | RU | EN"): two or more language labels in a row
_LANG_SWITCH_RE = re.compile(r"(?<!\w)(?:(?:Қаз|Каз|Рус|Eng|ҚАЗ|КАЗ|РУС|ENG|KAZ|RUS|KZ|RU|EN)(?:[ \t|/]+|$)){2,}",
                             re.M)


def mask_urls(text: str) -> str:
    """Links, e-mail addresses, file names and language switchers blanked out (same length,
    so offsets stay true): their pieces ("1DXS5MY3fE", "IMG_5065s", "Қаз Рус") are not names."""
    text = URL_RE.sub(lambda m: " " * len(m.group()), text)
    return _LANG_SWITCH_RE.sub(lambda m: " " * len(m.group()), text)


def _capitals_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of lines written in capitals: at least three words, most of them upper case."""
    out = []
    pos = 0
    for line in text.split("\n"):
        words = [t for t in tokenize(line) if t.is_word and not t.text.isdigit()]
        if len(words) >= 3 and sum(1 for t in words if t.text.isupper() and len(t.text) > 1) >= 0.6 * len(words):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _complete(toks: list[Token], is_head) -> bool:
    """Words that can stand as an organisation's name: a head word, a legal form, a short
    name in capitals or a quoted name."""
    return any(is_head(t) or t.text in lx.LEGAL_FORMS or t.is_allcaps or t.text in "«\"“„"
               for t in toks)


# initials after a surname that the model cut at the first letter: "Тайжанов А" + ".Т."
_CAP = "A-Z" + CYR_UPPER
_CUT_INITIAL_RE = re.compile(rf"(?<=\s[{_CAP}])$|(?<=\s[{_CAP}]\.)$|(?<=\s[{_CAP}]\.[{_CAP}])$")
_MORE_INITIALS_RE = re.compile(rf"\.?(?:\s?[{_CAP}]\.)*")
# "Fu Jian … Co., Ltd компаниясының": a Kazakh generic head after a name in Latin letters is
# the sentence's word, not part of the name (a case ending joined by a hyphen stays, as written)
_LATIN_KK_TAIL_RE = re.compile(r"(?<=[A-Za-z.])\s+(?:компания|корпорация|фирма)[а-яәғқңөұүһі]*$")


# a lower-case word and a comma in front of a name: "Осы орай, Жалпыуниверситеттік … кафедрасы"
_LEAD_WORD_RE = re.compile(rf"^[a-z{CYR_LOWER}]+,\s+(?=\S)")
# a point of the compass before a country or a region is part of the name ("Батыс Қазақстан
# гуманитарлық академиясы", "West Kazakhstan Agrarian University")
_COMPASS_RE = re.compile(r"(?:Батыс|Шығыс|Солтүстік|Оңтүстік|Орталық|West|East|North|South|Central)\s$")


# initials glued in front of a person the model began at the second one ("Д.Н.Билялов"
# found as "Н.Билялов", the "Д" taken into the name before it: "КазНПУ имени Абая Д")
_LEAD_INITIALS_RE = re.compile(rf"(?<![\w.])(?:[{_CAP}]\.\s?)+$")


def _lead_initials(text: str, spans: list, make) -> list:
    """Persons extended left over the initials glued in front of them; a span that took
    the first initial ends before it."""
    moved = {}
    for k, sp in enumerate(spans):
        if sp.label == "PER":
            a = max(0, sp.start - 12)
            m = _LEAD_INITIALS_RE.search(text, a, sp.start)
            if m and m.start() < sp.start:
                moved[k] = m.start()
    if not moved:
        return spans
    out = []
    for k, sp in enumerate(spans):
        if k in moved:
            out.append(make(moved[k], sp.end, sp.label))
            continue
        cut = min((s for j, s in moved.items() if sp.start < s < sp.end <= spans[j].start + 1), default=None)
        if cut is None:
            out.append(sp)
            continue
        a, b = strip_span(text, sp.start, cut)
        if b > a:
            out.append(make(a, b, sp.label))
    return out


def tidy(text: str, spans: list, make, is_head) -> list:
    """Cut spans at separators and list commas; drop upper-case words of a capitals headline
    that are not an organisation's name with its head word. ``make(start, end, label)`` builds
    a span; ``is_head(token)`` tells an organisation's head word."""
    caps = _capitals_lines(text)
    spans = _lead_initials(text, spans, make)
    out = []
    for sp in spans:
        if sp.label == "ORG":
            m = _LEAD_WORD_RE.match(sp.text)
            if m:
                sp = make(sp.start + m.end(), sp.end, sp.label)
            m = _COMPASS_RE.search(text, max(0, sp.start - 12), sp.start)
            if m and sp.text.split()[0].lower() in lx.LOCATIONS and not any(
                    o.start < sp.start and o.end > m.start() for o in spans if o is not sp):
                sp = make(m.start(), sp.end, sp.label)
        if sp.label == "PER" and _CUT_INITIAL_RE.search(text, sp.start, sp.end):
            m = _MORE_INITIALS_RE.match(text, sp.end)
            if m.end() > sp.end:
                sp = make(sp.start, m.end(), sp.label)
        pieces = [(sp.start, sp.end)]
        m = _LATIN_KK_TAIL_RE.search(text, sp.start, sp.end) if sp.label == "ORG" else None
        if m and m.end() == sp.end and m.start() > sp.start:
            pieces = [(sp.start, m.start())]
        # separators
        cut = []
        for a, b in pieces:
            last = a
            for m in _CUT_RE.finditer(text, a, b):
                if m.start() > last:
                    cut.append((last, m.start()))
                last = m.end()
            if last < b:
                cut.append((last, b))
        pieces = cut
        separated = len(pieces) > 1
        # list commas: "Хайфа университеті, Бар-Илан университеті" is two names, where the
        # part before the comma is a name with its head; "Математика, физика және
        # информатика институты" is one (not "Co., Ltd" either)
        if sp.label == "ORG":
            cut = []
            for a, b in pieces:
                last = a
                for m in _COMMA_RE.finditer(text[a:b]):
                    if _LEGAL_TAIL_RE.match(text[a + m.end():b]):
                        continue
                    if not _complete(tokenize(text[last:a + m.start()], last), is_head):
                        continue
                    cut.append((last, a + m.start()))
                    last = a + m.end()
                cut.append((last, b))
            pieces = cut
            if "," in sp.text and not any(_complete(tokenize(text[a:b], a), is_head) for a, b in pieces):
                continue  # a list of words, no name
            after_comma = [t for t in tokenize(sp.text.rsplit(",", 1)[-1]) if t.is_word] \
                if len(pieces) == 1 and "," in sp.text else []
            if len(after_comma) == 1 and is_head(after_comma[0]):
                continue  # "Азия, Оңтүстік-Шығыс Азия, Орталық", "… өкілдері, университет": a list
        elif sp.label == "PER" and "," in sp.text:
            # "Тайжанов А.Т.,Ғалымжанова Г.Т.": a list of people
            pieces = [(a + m.start(), a + m.end()) for a, b in pieces for m in re.finditer(r"[^,]+", text[a:b])]
        kept = []
        for a, b in pieces:
            a, b = strip_span(text, a, b)
            toks = tokenize(text[a:b], a)
            if not any(t.is_word for t in toks):
                continue
            words = [t for t in toks if t.is_word]
            if sp.label == "ORG":
                if separated and not _complete(words, is_head):
                    continue  # "Жаңалықтар > …": a menu word
                if len(pieces) > 1 and len(words) == 1 and is_head(words[0]) and not words[0].is_allcaps:
                    continue  # a bare head word left over ("университет")
            if sp.label == "PER" and len(pieces) > 1 and sum(1 for t in words if t.is_cap) < 2:
                continue
            if any(c0 <= a and b <= c1 for c0, c1 in caps) and all(t.text.isupper() for t in words) \
                    and not any(is_head(t) for t in words):
                continue  # a word of a headline in capitals ("ФОРУМЫ", "ТУРАЛЫ", "ДЛЯ")
            kept.append((a, b))
        if kept == [(sp.start, sp.end)]:
            out.append(sp)
        else:
            out.extend(make(a, b, sp.label) for a, b in kept)
    return out
