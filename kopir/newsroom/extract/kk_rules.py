"""Kazakh press-release corrections to the tagger's spans.

KazNERD, on which the tagger learnt, is transcribed TV news; university press releases name
things the tagger rarely saw: a university's units by their subject before the head word
("биология және биотехнология факультетінде", "химия кафедрасының"), labs by a quoted name
("«Цифрлық кен орны» оқу зертханасын"), institutions named after a person ("М. Әуезов
атындағы Оңтүстік Қазақстан университетінің"). These passes work on the spans and the
tokens only; names are kept as written (inflected), as the rest of the extractor does.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from . import lexicon as lx
from .textutil import CYR_UPPER, Token

# A unit's or a body's head word, in any case form.
UNIT_HEAD_RE = re.compile(
    r"^(факультет|кафедра|институт|орталы[қғ]|департамент|басқарма|зертхана|зауыт|"
    r"колледж|академия|комбинат|агенттіг|министрлі|әкімдіг|технопарк|инкубатор|"
    r"университет|лаборатория)\w*$")
# A university's units are named by their subject in lower case ("химия кафедрасы"); other
# bodies need a capitalised name ("Білім беру ғылымдары институты"): news text is full of
# "зерттеу орталығы", "облыс орталығы" that name nothing in particular.
LOWER_CASE_UNIT_RE = re.compile(r"^(факультет|кафедра)\w*$")
# A quoted name with a unit's head is named with the head ("«Өнеркәсіптік қауіпсіздік»
# кафедрасы"); an agency or a channel is named by the quoted name alone ("«Хабар» агенттігі").
QUOTED_UNIT_RE = re.compile(r"^(факультет|кафедра|зертхана|лаборатория|орталы[қғ]|институт|мектеб|мектеп|"
                            r"станция|технопарк|инкубатор)\w*$")
# Oblique case endings: a word with one of them is not inside a name (genitive too: the
# possessor is a name of its own, "университетінің химия кафедрасы").
OBLIQUE_RE = re.compile(
    r"\w{2,}(ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|ына|іне|сына|сіне|нда|нде|да|де|та|те|дан|ден|тан|тен|нан|нен|"
    r"ды|ді|ты|ті|ны|ні|ын|ін|мен|бен|пен)$")
# Words that open no name: determiners, ordinary adjectives, numbers.
NOT_IN_NAME = frozenset(
    "жаңа осы бұл сол үлкен заманауи барлық әр өз біздің оның олардың бір екі үш төрт бес алты "
    "жеті сегіз тоғыз он алғашқы жас кейбір көптеген мұндай арнайы бірлескен мен пен бен "
    "университеттің университет қазір былтыр биыл баспасөз ол де да бірақ сондай-ақ облыс облыстық "
    "аудан аудандық қала қалалық".split())
CONNECTORS = frozenset(("және", "бойынша", ","))
# verb forms (participles, converbs, finite forms): a clause, not a name
VERB_RE = re.compile(r"\w{2,}(ған|ген|қан|кен|ып|іп|уынша|йды|йді|ады|еді|атын|етін)$|\w{3,}п$")
PLURAL_RE = re.compile(r"\w+(лар|лер|дар|дер|тар|тер)\w*$")
# a plural noun on its own ("студенттер", "магистранттар") is people, not a field; with a
# possessive it names a field ("Білім беру ғылымдары")
BARE_PLURAL_RE = re.compile(r"\w+(лар|лер|дар|дер|тар|тер)$")
LOCATIVE_ADJ_RE = re.compile(r"\w+(дағы|дегі|тағы|тегі|ндағы|ндегі)$")
POSITION_IN_ORG = frozenset("әкімі ректоры төрағасы басшысы директоры деканы меңгерушісі орынбасары профессоры "
                             "доценті академигі оқытушысы қызметкері мүшесі өкілі".split())


# "ҚазҰУ-да", "ЕҰУ-ға", "«Самұрық-Қазына» АҚ-мен": a short name with a case ending
HYPHEN_CASE_RE = re.compile(
    r"^[А-ЯЁӘҒҚҢӨҰҮІҺA-Z][\wА-Яа-я]*[А-ЯЁӘҒҚҢӨҰҮІҺA-Z]-(да|де|та|те|ға|ге|қа|ке|дан|ден|тан|тен|нан|нен|"
    r"мен|бен|пен|ны|ні|ды|ді|ты|ті|на|не)$")
# a head word in the dative, locative, ablative or instrumental ends the name it heads (the
# genitive does not: "… министрлігінің Халықаралық қатынастар институты" is one name)
ENDS_NAME_RE = re.compile(r"\w+(ға|ге|қа|ке|на|не|да|де|та|те|нда|нде|дан|ден|тан|тен|нан|нен|мен|бен|пен)$")


def _ends_name(t: Token) -> bool:
    return bool(ENDS_NAME_RE.match(t.lower)) and not LOCATIVE_ADJ_RE.match(t.lower)


def _is_head(t: Token) -> bool:
    return t.is_word and bool(UNIT_HEAD_RE.match(t.lower))


def _head_at(toks: list[Token], k: int) -> bool:
    """A head word at k; "мектебі" only as "жоғары мектебі" (a university's higher school)."""
    return _is_head(toks[k]) or (k > 0 and toks[k - 1].lower == "жоғары"
                                 and bool(re.match(r"^мекте[бп]", toks[k].lower)))


# A state body's department is named with its parent ("… министрлігінің Түркістан облысы
# бойынша департаменті", "… әкімдігінің білім басқармасы") or its region ("Абай облысы …
# басқармасы"); a university's units are not ("Шәкәрім университетінің химия кафедрасы").
GOV_SUB_RE = re.compile(r"^(департамент|басқарма|комитет|бөлім)\w*$")
REGION_PARENT_RE = re.compile(r"^(облыс|қала|аудан)(ы|ының|сы|сының)$")
GOV_PARENT_RE = re.compile(r"^(министрлі|әкімдіг|комитет|агенттіг)\w*(ның|нің|дың|дің|тың|тің)$")


def _oblique(t: Token) -> bool:
    if t.is_cap and t.lower.endswith(("стан", "та", "те", "да", "де")):
        return False  # Қазақстан, Астана, "Қайта өңдеу": names, not an ablative or locative
    return bool(OBLIQUE_RE.match(t.lower)) and not _is_head(t)


def _sentence_initial(text: str, toks: list[Token], k: int) -> bool:
    return k == 0 or toks[k - 1].text in (".", "!", "?") or "\n" in text[toks[k - 1].end:toks[k].start]


def _newline_between(text: str, a: Token, b: Token) -> bool:
    return "\n" in text[a.end:b.start]


def _covering(spans, a: int, b: int):
    return [sp for sp in spans if sp.start < b and a < sp.end]


def unit_phrases(text: str, toks: list[Token], spans: list, make) -> list:
    """Add "<subject words> <head>" and "«<name>» <modifiers> <head>" organisations."""
    out = list(spans)
    for k, t in enumerate(toks):
        if not (_is_head(t) or QUOTED_UNIT_RE.match(t.lower)) or PLURAL_RE.match(t.lower):
            continue
        # «Name» [up to two modifiers] head
        m = k - 1
        while m >= 0 and k - m <= 2 and toks[m].is_word and not toks[m].is_cap and not _is_head(toks[m]):
            m -= 1
        if m >= 0 and toks[m].text in "»\"”" and QUOTED_UNIT_RE.match(t.lower):
            o = next((x for x in range(m - 1, max(-1, m - 12), -1) if toks[x].text in "«\"“"), None)
            if o is not None and o < m - 1:
                a, b = toks[o].start, t.end
                over = _covering(out, a, b)
                if all(a <= sp.start and sp.end <= b for sp in over):
                    out = [sp for sp in out if sp not in over]
                    out.append(make(a, b, "ORG"))
                    continue
        if not _head_at(toks, k):
            continue
        # "Қытай орталық радиосы": "орталық" before a lower-case word is the adjective "central"
        if t.lower == "орталық" and k + 1 < len(toks) and toks[k + 1].is_word and not toks[k + 1].is_cap:
            continue
        # "Сәтбаев университетінің": the tagger read the name as a person's
        if k > 0 and not _covering(out, t.start, t.end):
            per = [sp for sp in out if sp.label == "PER" and sp.end == toks[k - 1].end
                   and sp.start == toks[k - 1].start]  # one word: a surname as a name
            if per and not text[per[0].end:t.start].strip():
                out = [sp for sp in out if sp is not per[0]]
                out.append(make(per[0].start, t.end, "ORG"))
                continue
        # subject words before the head (nominative nouns and adjectives, "және", commas);
        # a field may be plural ("цифрлық технологиялар кафедрасы", "жастар саясаты басқармасы")
        plural_ok = bool(LOWER_CASE_UNIT_RE.match(t.lower) or GOV_SUB_RE.match(t.lower))
        first = None
        m = k - 1
        while m >= 0 and k - m <= 7:
            w = toks[m]
            if _newline_between(text, w, toks[m + 1]):
                break
            if w.lower in CONNECTORS:
                m -= 1
                continue
            if not w.is_word or w.text.isdigit() or _oblique(w) or w.lower in NOT_IN_NAME \
                    or VERB_RE.match(w.lower) or LOCATIVE_ADJ_RE.match(w.lower) \
                    or (BARE_PLURAL_RE.match(w.lower) and not plural_ok) \
                    or w.lower in lx.POSITION_HEADS or _is_head(w):
                break
            if any(sp.label in ("PER", "ORG") for sp in _covering(out, w.start, w.end)):
                break
            first = m
            m -= 1
        if first is None:
            continue
        while first < k and toks[first].lower in CONNECTORS:
            first += 1
        parent = None
        if GOV_SUB_RE.match(t.lower) and first > 0:
            parent = next((sp for sp in out if sp.end == toks[first - 1].end and sp.label == "ORG"
                           and GOV_PARENT_RE.match(toks[first - 1].lower)
                           and not text[sp.end:toks[first].start].strip()), None)
            # "Абай облысының денсаулық сақтау басқармасы": a region's department
            if parent is None and REGION_PARENT_RE.match(toks[first - 1].lower) and first > 1 \
                    and toks[first - 2].is_cap and not text[toks[first - 1].end:toks[first].start].strip():
                parent = make(toks[first - 2].start, toks[first - 1].end, "LOC")
        # a capitalised name, not at a sentence's start unless it is three words or more
        # ("Білім беру ғылымдары институты")
        if parent is None and not LOWER_CASE_UNIT_RE.match(t.lower) and not (
                toks[first].is_cap and (not _sentence_initial(text, toks, first) or k - first >= 3)):
            continue
        # "Семинар биология және ... факультетінде": a sentence's first word followed straight
        # by another word of the phrase is the sentence's subject
        if first < k - 1 and toks[first].is_cap and _sentence_initial(text, toks, first) \
                and toks[first + 1].is_word and toks[first + 1].lower not in CONNECTORS \
                and not any(sp.label == "LOC" for sp in _covering(out, toks[first].start, toks[first].end)):
            first += 1
        # the head itself may belong to a span already (the tagger's "кафедрасының")
        a, b = toks[first].start, t.end
        if parent is not None:
            a = parent.start
        over = _covering(out, a, b)
        # "Гази университетінің Білім беру ғылымдары институты" read as one name: the unit
        # after a university's genitive is a name of its own
        if first > 0 and _is_head(toks[first - 1]) and toks[first - 1].lower.endswith(("ның", "нің", "дың", "дің", "тың", "тің")):
            for sp in [sp for sp in over if sp.label == "ORG" and sp.start < a and sp.end == b]:
                out = [x for x in out if x is not sp]
                out.append(make(sp.start, toks[first - 1].end, "ORG"))
                over.remove(sp)
        if any(sp.label in ("PER",) or sp.start < a or sp.end > b for sp in over if sp.label != "LOC"):
            continue
        out = [sp for sp in out if sp not in over or sp.label == "LOC"]
        out.append(make(a, b, "ORG"))
    return out


# "әл-Фараби атындағы": a lower-case particle opens the person's name
_NAME_PARTICLE_RE = re.compile(rf"^(?:әл|ал|аль)-[{CYR_UPPER}]")
_NAMED_TITLES = frozenset(("академик", "профессор"))


def named_after(text: str, toks: list[Token], spans: list, make) -> list:
    """"М. Әуезов атындағы Оңтүстік Қазақстан университетінің": the person's name and the
    organisation after "атындағы" (up to its head word) are one organisation's name."""
    out = list(spans)
    for k, t in enumerate(toks):
        if t.lower != "атындағы":
            continue
        # the organisation: words up to the first head word, at most six
        end = next((m for m in range(k + 1, min(len(toks), k + 7))
                    if _head_at(toks, m) or re.match(r"^мекте[бп]", toks[m].lower)
                    or (toks[m].is_allcaps and len(toks[m].text) <= 6)
                    or re.match(r"^\w*[А-ЯЁӘҒҚҢӨҰҮІҺA-Z]-[а-яәғқңөұүһі]+$", toks[m].text)), None)
        if end is None or any(not toks[m].is_word or _newline_between(text, toks[m - 1], toks[m])
                              or (m < end and not toks[m].is_cap and (
                                  VERB_RE.match(toks[m].lower) or (len(toks[m].text) >= 6 and _ends_name(toks[m]))))
                              for m in range(k + 1, end + 1)):
            continue  # "М.Әуезов атындағы дәрісханада өткен кездесуде факультет": a clause between
        # the person: capitalised words and initials right before "атындағы"
        m = k - 1
        # (a word in an oblique case is not part of the name: "Кездесуде Қ.Жұбанов атындағы")
        while m >= 0 and k - m <= 6 and not _newline_between(text, toks[m], toks[m + 1]) and (
                ((toks[m].is_cap or _NAME_PARTICLE_RE.match(toks[m].text)) and not _oblique(toks[m])
                 and not (_sentence_initial(text, toks, m) and OBLIQUE_RE.match(toks[m].lower))) or (
                    toks[m].text == "." and m > 0 and len(toks[m - 1].text) == 1 and toks[m - 1].text.isupper())):
            m -= 1
        if m == k - 1:
            continue
        if m >= 0 and toks[m].lower in _NAMED_TITLES and len(toks[m + 1].text) == 1:
            m -= 1  # "академик Ә.Қуатбеков атындағы": the title before initials belongs to the name
        a, b = toks[m + 1].start, toks[end].end
        # a legal form or closing quote right after the head stays with a span that had it
        over = _covering(out, a, b)
        b = max([b] + [sp.end for sp in over if sp.label == "ORG"])
        if any(sp.start < a for sp in over):
            continue
        out = [sp for sp in out if sp not in over]
        out.append(make(a, b, "ORG"))
    return out


def initials(text: str, toks: list[Token], spans: list, make) -> list:
    """"Д.Б. Төлеген", "Г.С. Әбдіхалық": initials and a capitalised surname are a person (the
    tagger, trained on transcribed speech, has seen few initials)."""
    out = list(spans)
    n = len(toks)
    k = 0
    while k < n - 2:
        t = toks[k]
        if not (len(t.text) == 1 and t.text.isupper() and toks[k + 1].text == ".") or \
                (k > 1 and toks[k - 1].text == "." and len(toks[k - 2].text) == 1):
            k += 1
            continue
        m = k
        while m + 1 < n and len(toks[m].text) == 1 and toks[m].text.isupper() and toks[m + 1].text == "." \
                and not text[toks[m].end:toks[m + 1].start]:
            m += 2
        if m >= n or not toks[m].is_cap or len(toks[m].text) < 3 or toks[m].lower in ("атындағы",):
            k = m + 1
            continue
        a, b = t.start, toks[m].end
        # "... атындағы": the person names an organisation, left to named_after
        if m + 1 < n and toks[m + 1].lower == "атындағы":
            k = m + 1
            continue
        over = _covering(out, a, b)
        if any(sp.label == "ORG" and sp.end > b for sp in over):
            k = m + 1
            continue
        per = [sp for sp in over if sp.label == "PER" and sp.start == toks[m].start]
        out = [sp for sp in out if sp not in over]
        out.append(make(a, per[0].end if per else b, "PER"))
        k = m + 1
    return out


def abbreviations(text: str, toks: list[Token], spans: list, make) -> list:
    """An upper-case Cyrillic short name no span covers ("ШҚУ", "ЕҰУ") is an organisation's."""
    out = list(spans)
    for t in toks:
        w = t.text
        if 2 <= len(w) <= 6 and w.isalpha() and w.isupper() and re.match(r"[А-ЯЁӘҒҚҢӨҰҮІҺ]", w) \
                and w not in lx.LEGAL_FORMS and t.lower not in lx.LOCATIONS \
                and t.lower not in lx.NOT_ORG_ABBREVIATIONS and not _covering(out, t.start, t.end):
            out.append(make(t.start, t.end, "ORG"))
    return out


# a Russian-style or patronymic surname with a case ending ("Натыровқа", "Сейітқызының")
_INFLECTED_SURNAME_RE = re.compile(
    r"\w{3,}(?:ов|ев|ёв|ин|ова|ева|ина|ұлы|қызы)(?:қа|ке|ға|ге|ның|нің|тың|тің|дың|дің|мен|бен|пен|ны|ні|ты|ті|"
    r"ды|ді|на|не|да|де|та|те|нда|нде|нан|нен|дан|ден|тан|тен)$")


_SURNAME_RE = re.compile(r"\w{3,}(?:ов|ев|ёв|ин|ова|ева|ёва|ина)$")
_PATRONYMIC_RE = re.compile(r"\w+(?:ұлы|қызы|улы|кызы|вич|вна|чна)\w*$")


def split_and_drop(text: str, toks: list[Token], spans: list, make) -> list:
    """Cut organisation spans at a position word or at a word in an oblique case inside them
    ("Абай облысының әкімі Шәкәрім университетінде"), at "мен" between two names; drop a
    bare head word ("Орталық", "Университет") and a lower-case rest with no head word."""
    out = []
    position = {t.start: k for k, t in enumerate(toks)}
    starts = [t.start for t in toks]

    def within(a: int, b: int) -> list[Token]:
        """The tokens inside [a, b) (tokens are sorted by their start)."""
        return [t for t in toks[bisect_left(starts, a):bisect_left(starts, b)] if t.end <= b]

    def word_after(end: int) -> Token | None:
        return next((t for t in toks[bisect_left(starts, end):] if t.is_word), None)

    def token_before(start: int) -> Token | None:
        k = bisect_left(starts, start) - 1
        while k >= 0 and toks[k].end > start:
            k -= 1
        return toks[k] if k >= 0 else None

    for sp in spans:
        if sp.label == "PER":
            inner = [t for t in within(sp.start, sp.end) if t.is_word]
            if all(t.is_allcaps and 1 < len(t.text.split("-")[0]) <= 4 for t in inner):
                continue  # "КАСУ АҚШ-тың": short names, no person (a name in a headline in capitals stays)
            lead = 0
            # "Ректор Қанапиянов", "сарапшы-кеңесші Нұғұманов": a title is not part of the name
            while lead < len(inner) - 1 and (inner[lead].lower in lx.POSITION_HEADS or not (
                    inner[lead].is_cap or _NAME_PARTICLE_RE.match(inner[lead].text))):
                lead += 1
            # "А. К. Натыровқа Алғыс": a surname with a case ending is the name's last word
            end = next((t for t in inner[lead:-1] if _INFLECTED_SURNAME_RE.match(t.lower)
                        and not t.lower.endswith(("вна", "чна"))), None)  # not "Викторовна"
            words = [t for t in inner[lead:] if len(t.text) > 1 and t.text[1:] != "."]  # not initials
            if end is None and len(words) == len(inner) - lead >= 3 and _SURNAME_RE.match(words[1].lower) \
                    and not any(_PATRONYMIC_RE.match(t.lower) for t in words[1:]):
                end = words[1]  # "Қайрат Нұртаев Қауымдастықтың": a name and a surname, then the next word
            if lead or end is not None:
                sp = make(inner[lead].start, end.end if end is not None else sp.end, "PER")
            out.append(sp)
            continue
        if sp.label == "ORG" and sp.text.split()[0].lower() in lx.NOT_ORG_ABBREVIATIONS:
            continue  # "PhD Д": a degree before initials
        spanned = within(sp.start, sp.end)
        if sp.label != "ORG" or sp.text[:1] in "«\"“" or any(
                t.text.split("-")[0] in lx.LEGAL_FORMS for t in spanned):
            out.append(sp)  # a quoted name or a name with its legal form is the rules' own
            continue
        inner = [t for t in spanned if t.is_word]
        # "мен" ("and", "with") stands between two names
        parts, prev = [], 0
        for i, t in enumerate(inner):
            if t.lower == "мен":
                parts.append(inner[prev:i])
                prev = i + 1
        parts.append(inner[prev:])
        # "Хайфа университеті және Бар-Илан университеті", "ҚазҰУ-да Ланчжоу университетінің",
        # "… университетіне Ляонин мұнай-химия университетінің": a name that ends in its head
        # word (or a short name with a case ending) before "және" or in a case other than the
        # genitive is complete; what follows is the next name
        new = []
        for part in parts:
            prev = 0
            for i, t in enumerate(part[:-1]):
                if (_is_head(t) and (part[i + 1].lower == "және" or _ends_name(t))) or HYPHEN_CASE_RE.match(t.text):
                    new.append(part[prev:i + 1])
                    prev = i + 2 if part[i + 1].lower == "және" else i + 1
            new.append(part[prev:])
        parts = [p for p in new if p]
        for part in parts:
            # keep what follows the last position word or oblique-case word before the end
            cut = 0
            # a name ending in its head word keeps an accusative inside ("Еңбек және халықты
            # әлеуметтік қорғау министрлігі")
            keep = ("ның", "нің", "дың", "дің", "тың", "тің", "ын", "ін")
            if _is_head(part[-1]):
                keep += ("ты", "ті", "ды", "ді", "ны", "ні")
            for i, t in enumerate(part[:-1]):
                initial = i == 0 and _sentence_initial(text, toks, position[t.start])
                if t.lower in POSITION_IN_ORG or (_oblique(t) and (not t.is_cap or initial)
                                                  and not t.lower.endswith(keep)):
                    cut = i + 1  # "Меморандумға университеттің": a sentence's first word in a case
            part = part[cut:]
            while part and (part[0].lower in NOT_IN_NAME or part[0].lower in CONNECTORS or (
                    len(part) > 2 and part[0].lower in lx.EVENT_HEADS and not part[1].is_cap)):
                part = part[1:]  # "Екі университеттің", "Семинар биология …": no name opens so
            nxt = word_after(sp.end)
            if len(part) > 1 and part[-1].lower == "басқарма" and nxt is not None \
                    and nxt.lower in ("төрағасы", "мүшесі", "төрағасының"):
                part = part[:-1]  # "ЕҰУ Басқарма төрағасы": the title of the board's chair
            if not part:
                continue
            if part[0].lower == "баспасөз":
                continue  # "Баспасөз орталығы": the press office signing the release
            # "Университеттің Басқарма (төрағасы)": the board of an unnamed university
            if part[-1].lower == "басқарма" and all(_is_head(t) or t.lower == "басқарма" for t in part):
                continue
            if len(part) == 1 and _is_head(part[0]) and not part[0].is_allcaps:
                continue  # a bare head word: "Орталық", "Университет", "Инкубатор"
            if not (part[0].is_cap or part[0].text[0].isdigit()) and not any(_is_head(t) for t in part):
                continue
            a, b = part[0].start, part[-1].end
            # keep the quotes or legal form that opened or ended the span
            if part[0] is inner[0]:
                a = sp.start
            if part[-1] is inner[-1]:
                b = sp.end
            # "Республикасы Энергетика министрлігінің": the country's name belongs to it
            prev = token_before(a)
            if part[0].lower.startswith("республика") and prev is not None and prev.lower in ("қазақстан",) \
                    and not text[prev.end:a].strip():
                a = prev.start
            if a == sp.start and b == sp.end:
                out.append(sp)
            else:
                out.append(make(a, b, "ORG"))
    return out


# The state's name in front of a body's: "Қазақстан Республикасының Президенттік орталығы",
# "ҚР Ұлттық ғылым академиясы" — part of the official name.
_REPUBLIC = (("Қазақстан", "Республикасының"), ("Қазақстан", "Республикасы"), ("ҚР",))
# a unit of a state body, named after its parent in the genitive: "Түрікменстан Сыртқы істер
# министрлігінің Халықаралық қатынастар институты" is one name
_STATE_UNIT_RE = re.compile(r"^(институт|департамент|комитет|басқарма|орталы[қғ]|агенттіг|академия)\w*$")

# a body attached to the head of state or the government ("… жанындағы": "under the …")
_ATTACHED_TO_RE = re.compile(r"^(?:ҚР|Қазақстан Республикасы(?:ның)?) (?:Президенті|Үкіметі) жанындағы$")
_MINISTRY_RE = re.compile(r"^(министрлі|елшілі)\w*$")


def state_names(text: str, toks: list[Token], spans: list, make) -> list:
    """Official names of state bodies: the republic's name in front of an organisation, a
    country's name in front of its ministry, a named unit after its parent body in the genitive,
    and embassies (:func:`_embassies`) are joined into one name; spans inside it go."""
    starts = [t.start for t in toks]
    out = sorted(spans + _embassies(text, toks, spans, make), key=lambda sp: sp.start)
    done = []
    for sp in out:
        if sp.label != "ORG":
            done.append(sp)
            continue
        a, b = sp.start, sp.end
        k = bisect_left(starts, a)
        last = bisect_left(starts, b) - 1  # the name's last token
        prev = done[-1] if done else None
        if prev is not None and prev.label == "LOC" and k > 0 and toks[k - 1].end == prev.end \
                and _MINISTRY_RE.match(toks[last].lower):
            done.pop()  # "Түрікменстан Сыртқы істер министрлігі": the country names its ministry
            a = prev.start
        for prefix in _REPUBLIC:
            n = len(prefix)
            if k >= n and tuple(t.text for t in toks[k - n:k]) == prefix \
                    and not text[toks[k - n].start:a].count("\n") \
                    and not any(d.end > toks[k - n].start for d in done if d.label == "ORG"):
                done = [d for d in done if d.end <= toks[k - n].start]
                a = toks[k - n].start
                break
        k = bisect_left(starts, a)
        for n in (3, 4, 5):  # "ҚР Президенті жанындағы Ұлттық ғылым академиясы"
            if k >= n and _ATTACHED_TO_RE.match(" ".join(t.text for t in toks[k - n:k])) \
                    and not any(d.end > toks[k - n].start for d in done if d.label in ("ORG", "PER")):
                done = [d for d in done if d.end <= toks[k - n].start]
                a = toks[k - n].start
                break
        if 0 <= last < len(toks) and GOV_PARENT_RE.match(toks[last].lower):
            m = last + 1
            while m < len(toks) and m - last <= 5 and toks[m].is_word and (toks[m].is_cap or m > last + 1) \
                    and not _STATE_UNIT_RE.match(toks[m].lower) and not _oblique(toks[m]):
                m += 1
            if m > last + 1 and m < len(toks) and _STATE_UNIT_RE.match(toks[m].lower) \
                    and not text[toks[last].end:toks[m].start].strip(" ").count("\n") \
                    and all(t.is_word for t in toks[last + 1:m]):
                b = toks[m].end
        done.append(sp if (a, b) == (sp.start, sp.end) else make(a, b, "ORG"))
    # spans swallowed by a longer one go
    final = []
    for sp in done:
        if any(o is not sp and o.start <= sp.start and sp.end <= o.end and (o.end - o.start) > (sp.end - sp.start)
               for o in done):
            continue
        final.append(sp)
    return final


def units_after_genitive(text: str, toks: list[Token], spans: list, make) -> list:
    """"… Мәжілісінің Заңнама және сот-құқықтық реформа комитетінің", "Атырау университетінің
    Химия және химиялық технология факультетінде": a capitalised word after a body's genitive
    opens its unit's own name, which runs to the unit's head word. Applied where the tagger
    ran the parent into the unit's first word and stopped before the head; a span that
    reaches the head stays whole (:func:`state_names` joins such official names)."""
    starts = [t.start for t in toks]
    out = list(spans)
    for sp in spans:
        if sp.label != "ORG" or sp.text[:1] in "«\"“" or sp not in out:
            continue
        first, last = bisect_left(starts, sp.start), bisect_left(starts, sp.end) - 1
        for k in range(first, last):
            t, nxt = toks[k], toks[k + 1]
            if not (t.is_word and _GENITIVE_RE.match(t.lower) and nxt.is_word and nxt.is_cap):
                continue
            head = None
            for m in range(k + 2, min(len(toks), k + 9)):
                w = toks[m]
                if not w.is_word or _newline_between(text, toks[m - 1], w):
                    break
                if _is_head(w) or GOV_SUB_RE.match(w.lower) or w.lower.startswith(("мектеб", "мектеп")):
                    head = m
                    break
                if VERB_RE.match(w.lower) or (w.lower not in CONNECTORS and _oblique(w)):
                    break
            if head is None or head <= last:
                continue
            a, b = nxt.start, toks[head].end
            inside = _covering(out, a, b)
            if any(o.label == "PER" or (o is not sp and o.start < a) for o in inside):
                continue
            out = [o for o in out if o not in inside]
            out.append(make(sp.start, t.end, "ORG"))
            out.append(make(a, b, "ORG"))
            break
    return sorted(out, key=lambda o: o.start)


_EMBASSY_RE = re.compile(r"^(елшілі|консулдығ)\w*$")
_GENITIVE_RE = re.compile(r"\w+(ның|нің|дың|дің|тың|тің)$")


def _opens_embassy(text: str, toks: list[Token], spans: list, j: int) -> bool:
    """A capitalised word that may open an embassy's name: a sentence's first word only as a
    place ("Оған ҚХР …": "to him")."""
    return toks[j].is_cap and (not _sentence_initial(text, toks, j) or any(
        sp.label == "LOC" for sp in _covering(spans, toks[j].start, toks[j].end)))


def _embassies(text: str, toks: list[Token], spans: list, make) -> list:
    """"Жапонияның Қазақстандағы елшілігі", "Әзірбайжан елшілігінің": the country's name (in
    the genitive or not) and where the embassy is, before the lower-case head word."""
    found = []
    for k, t in enumerate(toks):
        if not (t.is_word and not t.is_cap and _EMBASSY_RE.match(t.lower)):
            continue
        m = k - 1 if k > 0 and toks[k - 1].lower == "бас" else k  # "бас консулдығы": consulate general
        while m > 0 and k - m < 5 and toks[m - 1].is_word:
            w = toks[m - 1]
            if not w.is_cap and LOCATIVE_ADJ_RE.match(w.lower) and m > 1 and _opens_embassy(text, toks, spans, m - 2):
                m -= 2  # "ҚХР Алматы қаласындағы": where it is, after the country
            elif w.is_cap and (_GENITIVE_RE.match(w.lower) or LOCATIVE_ADJ_RE.match(w.lower) or w.is_allcaps):
                m -= 1
            elif _opens_embassy(text, toks, spans, m - 1) and not _oblique(w):
                m -= 1
            else:
                break
        if toks[m].is_cap and not any(sp.start < t.end and toks[m].start < sp.end and sp.label != "LOC" for sp in spans):
            found.append(make(toks[m].start, t.end, "ORG"))
    return found
