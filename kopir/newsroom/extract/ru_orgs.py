"""Russian organisation spans: rules applied to natasha's PER/ORG/LOC spans.

natasha (slovnet NER) finds the name of an organisation well but often not its extent
in the way a reader (and factRuEval-2016) takes it:

* a location in the genitive after the name belongs to it: "МИД России",
  "Национальный банк Казахстана", "Министерство науки и высшего образования РК";
* a lower-case head word before a location makes an organisation of the pair:
  "правительство Китая", "акимат Алматы", "мэрия Москвы" (natasha marks only the place);
* an abbreviation or a foreign name in brackets is an organisation of its own:
  "Союз журналистов (СЖ)", "Казахский национальный университет (КазНУ)";
* a few names natasha reads as places are organisations (ЕС, Евросоюз, Кремль as the
  administration), a few it reads as organisations are not (МКС is a place, СМИ is a word).

Spans are ``[start, stop, label, normal]`` with character offsets in the text; tokens are
``(start, stop, text)``. ``morph`` is a pymorphy analyzer (natasha's MorphVocab) or None.
"""

from __future__ import annotations

import re

# Lemmas of words that head an organisation named by the place after them
# ("правительство Китая", "посольство Казахстана", "акимат Алматы").
HEADS = frozenset("""
правительство парламент мэрия администрация руководство сборная министерство
федерация посольство консульство представительство делегация генштаб спецслужба служба
орган суд прокуратура полиция милиция армия флот комиссия комитет агентство ведомство
дума совет собрание ассамблея сенат конгресс меджлис кнессет хурал маслихат акимат
правление кабинет департамент управление минобороны минфин минздрав минюст
университет академия институт фонд банк казначейство разведка кабмин госдума
""".split())

# Head nouns that natasha leaves out after the adjectives of a name.
ADJ_HEADS = frozenset("колледж лицей гимназия школа центр завод комбинат компания корпорация".split())

# Heads that name a group of people: a body when they stand before a country ("делегация
# Китая"), not before an organisation that has its own name.
PEOPLE_HEADS = frozenset("делегация руководство сборная представительство".split())
# Generic heads that natasha sometimes leaves at the end of a name ("Центр педагогического
# мастерства | университета"): the university is the release's own, not part of the name.
GENERIC_GENITIVE_TAILS = frozenset("университета института академии колледжа вуза банка компании холдинга".split())

# Abbreviations of states that follow an organisation's name in the genitive ("МИД РФ").
STATE_ABBR = frozenset("РФ РК США КНР КНДР ФРГ ОАЭ РБ КР ЮАР ЕС СССР".split())
# ... and of Kazakhstan's regions ("Общественный совет ВКО", "акимат ЗКО")
STATE_ABBR |= frozenset("ВКО ЗКО СКО ЮКО".split())

# Lemmas of names natasha tags LOC that are organisations, and of the opposite.
LOC_TO_ORG = frozenset({"ес", "евросоюз", "еврокомиссия", "европейский союз", "европейская комиссия",
                        "кремль", "белый дом"})
ORG_TO_LOC = frozenset({"мкс"})
ORG_DROP = frozenset({"сми", "почетная грамота", "почётная грамота", "благодарственное письмо",
                      "глава государства", "главы государство"})
# Prepositions after which "Кремль" / "Белый дом" are the buildings, not the administration.
PLACE_PREPS = frozenset({"в", "во", "на", "у", "из", "около", "возле", "над", "под"})
PLACE_NAMES = frozenset({"кремль", "белый дом"})

# The rules applied by refine(), in order (a set so that each can be switched off when measuring).
RULES = {"relabel", "brackets", "tails", "heads", "press"}

# Keep the place inside an organisation the rules built from it ("акимат Абайской области"
# is an organisation, "Абайская область" stays a place as well).
KEEP_PLACES = True

_WORD = re.compile(r"[^\W\d_]", re.UNICODE)


def _parses(morph, word: str):
    if morph is None:
        return []
    try:
        return morph.parse(word)
    except Exception:  # noqa: BLE001 - a dictionary problem means "no analysis"
        return []


def _inflect(parse, grams: set[str]):
    """pymorphy's own inflect with OpenCorpora grammemes (natasha's MorphForm.inflect takes
    UD features instead); None when the form does not exist."""
    try:
        from pymorphy2.analyzer import Parse

        return Parse.inflect(parse, set(grams))
    except Exception:  # noqa: BLE001
        return None


def _lemma(morph, word: str) -> str:
    p = _parses(morph, word)
    return (p[0].normal_form if p else word.lower()).replace("ё", "е")


def _phrase_lemma(morph, words: list[str]) -> str:
    """Lemma of a short name phrase for the gazetteers: 'Европейского союза' -> 'европейский союз'."""
    if len(words) == 1:
        return _lemma(morph, words[0])
    # adjective + noun: put the noun's gender on the adjective's lemma
    noun = _parses(morph, words[-1])
    gender = noun[0].tag.gender if noun else None
    out = []
    for w in words[:-1]:
        form = None
        for p in _parses(morph, w):
            if "ADJF" in p.tag:
                form = _inflect(p, {"nomn", "sing"} | ({gender} if gender else set()))
                break
        out.append(form.word if form else w.lower())
    out.append(noun[0].normal_form if noun else words[-1].lower())
    return " ".join(out).replace("ё", "е")


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def keep_shape(written: str, new: str) -> str:
    """``new`` with the capitals and the letter ё of ``written`` ("Воробьёв", "Объединённый")."""
    if written[:1].isupper():
        new = new[:1].upper() + new[1:]
    for k, ch in enumerate(written):
        if ch in "ёЁ" and k < len(new) and new[k] in "еЕ":
            new = new[:k] + ch + new[k + 1:]
    return new


def nominative_head_phrase(morph, words: list[str]) -> list[str]:
    """Adjectives and the head noun of a name in the nominative, in the head's gender and
    number: ["Усть-Каменогорского", "высшего", "политехнического", "колледжа"] ->
    ["Усть-Каменогорский", "высший", "политехнический", "колледж"]. Of a word's readings the one
    whose lemma shares most letters with it wins ("высшего" is "высший", not "высокий"); a word
    that cannot be read is kept as written."""
    if not words or morph is None:
        return list(words)
    noun = words[-1].replace("ё", "е").lower()
    heads = [p for p in _parses(morph, noun) if "NOUN" in p.tag]
    if not heads:
        return list(words)
    head = max(heads, key=lambda p: _common_prefix(p.normal_form, noun))
    case, number, gender = head.tag.case, head.tag.number, head.tag.gender
    out = []
    for w in words:
        prefix, base = "", w
        if "-" in w and not w.endswith("-"):
            prefix, base = w.rsplit("-", 1)
            prefix += "-"
        low = base.replace("ё", "е").lower()
        cands = [p for p in _parses(morph, low)
                 if ("NOUN" in p.tag or "ADJF" in p.tag or "PRTF" in p.tag) and p.tag.case == case]
        if not cands or is_abbr(base):
            out.append(w)
            continue
        best = max(cands, key=lambda p: (_common_prefix(p.normal_form.replace("ё", "е"), low), "NOUN" in p.tag))
        grams = {"nomn"} | ({number} if number else set())
        if number == "sing" and "NOUN" not in best.tag and gender:
            grams.add(gender)
        form = _inflect(best, grams) or _inflect(best, {"nomn"})
        new = form.word if form else None
        if new is not None and not new.startswith(low[:max(4, len(low) - 3)]) and "NOUN" not in best.tag:
            # the dictionary knows the word only as another word's form ("высшего" as a
            # superlative of "высокий"): change the ending instead
            new = _adjective_nominative(low, number, gender) or new
        out.append(prefix + keep_shape(base, new) if new else w)
    return out


def _adjective_nominative(word: str, number: str | None, gender: str | None) -> str | None:
    m = re.match(r"^(.+?)(ого|его|ому|ему|ыми|ими|ым|им|ом|ем|ой|ей|ую|юю|ых|их)$", word)
    if not m:
        return None
    stem, end = m.groups()
    soft = end in ("его", "ему", "ими", "им", "ем", "ей", "юю", "их") or stem[-1:] in "гкхжшщч"
    if number == "plur":
        return stem + ("ие" if soft else "ые")
    if gender == "femn":
        return stem + ("яя" if end in ("ей", "юю") and stem[-1:] not in "жшщч" else "ая")
    if gender == "neut":
        return stem + ("ее" if soft and stem[-1:] not in "гкх" else "ое")
    return stem + ("ий" if soft else "ый")


def _is_genitive(morph, word: str) -> bool:
    if word in STATE_ABBR:
        return True
    return any("gent" in p.tag or "gen2" in p.tag for p in _parses(morph, word))


def is_abbr(word: str) -> bool:
    """"МИД", "КазНУ", "РАН": two to six letters, at least two of them capitals."""
    return 2 <= len(word) <= 6 and word.isalpha() and sum(c.isupper() for c in word) >= 2


def _tok_index(tokens, start: int, stop: int) -> tuple[int, int] | None:
    """Indices [i, j) of the tokens that make up text[start:stop]."""
    ids = [k for k, (a, b, _) in enumerate(tokens) if a >= start and b <= stop]
    if not ids:
        return None
    return ids[0], ids[-1] + 1


def _adjacent(text: str, a: int, b: int) -> bool:
    """Only spaces (no line break, no punctuation) between offsets a <= b."""
    gap = text[a:b]
    return gap.strip(" \u00a0") == "" and "\n" not in gap


def _nominative(morph, words: list[str]) -> str:
    """Head phrase in the nominative ("правоохранительными органами" -> "правоохранительные
    органы"); a word that cannot be inflected is kept as written."""
    out = []
    head = _parses(morph, words[-1])
    case = None
    number = None
    for p in head:
        if "NOUN" in p.tag:
            case, number = p.tag.case, p.tag.number
            break
    for w in words:
        new = w
        for p in _parses(morph, w):
            if ("NOUN" in p.tag or "ADJF" in p.tag) and (case is None or p.tag.case == case):
                grams = {"nomn"} | ({number} if number else set())
                f = _inflect(p, grams) or _inflect(p, {"nomn"})
                if f:
                    new = f.word
                break
        if w[:1].isupper():
            new = new[:1].upper() + new[1:]
        out.append(new)
    return " ".join(out)


def _relabel(text: str, spans: list[list], tokens, morph) -> list[list]:
    out = []
    for sp in spans:
        start, stop, label, normal = sp
        idx = _tok_index(tokens, start, stop)
        words = [t for _, _, t in tokens[slice(*(idx or (0, 0)))] if _WORD.match(t)]
        if not words or len(words) > 3:
            out.append(sp)
            continue
        lem = _phrase_lemma(morph, words)
        if label == "ORG" and lem in ORG_DROP:
            continue
        if label == "ORG" and lem in ORG_TO_LOC:
            sp = [start, stop, "LOC", normal]
        elif label == "LOC" and lem in LOC_TO_ORG:
            prev = tokens[idx[0] - 1][2].lower() if idx and idx[0] > 0 else ""
            if not (lem in PLACE_NAMES and prev in PLACE_PREPS):
                sp = [start, stop, "ORG", normal]
        out.append(sp)
    return out


def _split_brackets(text: str, spans: list[list]) -> list[list]:
    """"Союз журналистов (СЖ)" -> "Союз журналистов", "СЖ"."""
    out = []
    for sp in spans:
        start, stop, label, normal = sp
        seg = text[start:stop]
        m = re.search(r"\s*\(\s*([^()]+?)\s*\)?\s*$", seg)
        if label != "ORG" or "(" not in seg or not m or m.start() == 0:
            out.append(sp)
            continue
        outer_stop = start + m.start()
        inner_start = start + m.start(1)
        inner_stop = start + m.end(1)
        outer_normal = normal.split("(")[0].strip() if normal else ""
        out.append([start, outer_stop, "ORG", outer_normal])
        if _WORD.search(text[inner_start:inner_stop]):
            out.append([inner_start, inner_stop, "ORG", text[inner_start:inner_stop] if normal else ""])
    return out


def _merge_tails(text: str, spans: list[list], morph, normalise: bool) -> list[list]:
    """ORG followed by a LOC in the genitive: "МИД | России" -> "МИД России"."""
    spans = sorted(spans, key=lambda s: s[0])
    out: list[list] = []
    i = 0
    while i < len(spans):
        sp = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if (sp[2] == "ORG" and nxt is not None and nxt[2] == "LOC" and _adjacent(text, sp[1], nxt[0])
                and not text[sp[0]:sp[1]].endswith(")")):
            loc_words = text[nxt[0]:nxt[1]].split()
            if loc_words and _is_genitive(morph, loc_words[-1]):
                normal = ""
                if normalise:
                    normal = (sp[3] or text[sp[0]:sp[1]]) + " " + text[nxt[0]:nxt[1]]
                out.append([sp[0], nxt[1], "ORG", normal])
                if KEEP_PLACES:
                    out.append(nxt)
                i += 2
                continue
        out.append(sp)
        i += 1
    return out


def _head_phrases(text: str, spans: list[list], tokens, morph, normalise: bool) -> list[list]:
    """A head word before a place in the genitive: "правительства | Китая" -> ORG."""
    out = []
    taken = [(s[0], s[1]) for s in spans]
    for sp in spans:
        start, stop, label, normal = sp
        idx = _tok_index(tokens, start, stop)
        if label not in ("LOC", "ORG") or idx is None or idx[0] == 0:
            out.append(sp)
            continue
        loc_words = text[start:stop].split()
        k = idx[0] - 1
        a, b, word = tokens[k]
        if (not _adjacent(text, b, start) or not _WORD.match(word) or any(x < b and a < y for x, y in taken)
                or not (_is_genitive(morph, loc_words[-1]) or (label == "ORG" and is_abbr(loc_words[-1])))):
            out.append(sp)
            continue
        lemmas = {p.normal_form.replace("ё", "е") for p in _parses(morph, word) if "NOUN" in p.tag}
        if not lemmas & HEADS or (label == "ORG" and lemmas & PEOPLE_HEADS):
            # "делегация Университета Анкары": people from an organisation, not a body
            out.append(sp)
            continue
        # agreeing adjectives before the head ("правоохранительными органами Китая")
        head_parses = [p for p in _parses(morph, word) if "NOUN" in p.tag and p.normal_form in HEADS]
        first = k
        while first > 0 and k - first < 3:
            pa, pb, pw = tokens[first - 1]
            if not _adjacent(text, pb, tokens[first][0]) or any(x < pb and pa < y for x, y in taken):
                break
            if not any("ADJF" in q.tag and any(q.tag.case == h.tag.case and q.tag.number == h.tag.number
                                               for h in head_parses)
                       for q in _parses(morph, pw)):
                break
            first -= 1
        new_normal = ""
        if normalise:
            head_words = [t for _, _, t in tokens[first:k + 1]]
            new_normal = _nominative(morph, head_words) + " " + text[start:stop]
        out.append([tokens[first][0], stop, "ORG", new_normal])
        if KEEP_PLACES and label == "LOC":
            out.append(sp)
    return out


# Lower-case heads of a university's units and of funds, named by what follows them
# ("кафедра химии и биотехнологии", "лаборатория «Зелёная энергетика»", "фонд «Даму»").
UNIT_HEADS = frozenset("кафедра факультет лаборатория школа".split())
QUOTED_HEADS = UNIT_HEADS | frozenset("фонд центр институт лицей гимназия колледж".split())
# a research institute's abbreviation takes its field in the genitive like a unit does
# ("КазНИИ животноводства и кормопроизводства")
_NII_RE = re.compile(r"^(?:[А-ЯЁ][а-яё]{1,4})?НИИ$")
_NAMED_AFTER = ("им", "им.", "имени")
# heads of bodies named by a place after them ("акимата области Абай", "управления
# образования Павлодарской области", "Палаты предпринимателей области Абай")
PLACE_HEADS = frozenset("акимат управление палата департамент".split())
_PLACE_WORDS = frozenset("область район город село аул посёлок поселок".split())
_OPEN_Q, _CLOSE_Q = "«\"„“", "»\"“”"


def _noun_parse(morph, word: str, lemmas) -> object | None:
    return next((p for p in _parses(morph, word) if "NOUN" in p.tag and p.normal_form.replace("ё", "е") in lemmas),
                None)


def _place_tail(text: str, tokens, m: int, morph) -> int | None:
    """Index of the last token of a place in the genitive at tokens[m:] ("области Абай",
    "Павлодарской области", "города Астаны"), or None."""
    n = len(tokens)
    if m >= n or not _adjacent(text, tokens[m - 1][1], tokens[m][0]):
        return None
    w = tokens[m][2]
    if _noun_parse(morph, w, _PLACE_WORDS) and m + 1 < n and tokens[m + 1][2][:1].isupper() \
            and _adjacent(text, tokens[m][1], tokens[m + 1][0]):
        return m + 1  # области Абай, города Астаны
    if w[:1].isupper() and m + 1 < n and _noun_parse(morph, tokens[m + 1][2], _PLACE_WORDS) \
            and _adjacent(text, tokens[m][1], tokens[m + 1][0]):
        return m + 1  # Павлодарской области
    return None


def _unit_abbr(word: str) -> bool:
    """A unit's short name: "БЖДиООС", "ИВТ" (up to eight letters, two or more capitals)."""
    return 2 <= len(word) <= 8 and word.isalpha() and sum(c.isupper() for c in word) >= 2


def _branches(text: str, spans: list[list]) -> list[list]:
    """A branch is named by its parent: "Казахстанского филиала | МГУ имени М.В.Ломоносова",
    "Астанинского городского филиала | НДП | «Нур Отан»" are one organisation each."""
    out: list[list] = []
    joined = False   # out[-1] is a branch with its parent already
    for sp in sorted(spans, key=lambda s: s[0]):
        if sp[2] == "ORG" and text[sp[1]:sp[1] + 1] == "»" and text[sp[0]:sp[1]].count("«") > text[sp[0]:sp[1]].count("»"):
            sp = [sp[0], sp[1] + 1, "ORG", ""]   # natasha left the closing quote out
        if out and sp[2] == "ORG" and out[-1][2] == "ORG":
            prev = out[-1]
            gap = text[prev[1]:sp[0]]
            opens = len(gap.strip()) == 1 and gap.strip() in _OPEN_Q and text[sp[1]:sp[1] + 1] in _CLOSE_Q
            if (gap.strip() == "" or opens) and "\n" not in gap and (
                    (not joined and _BRANCH_RE.match(text[prev[0]:prev[1]].split()[-1].lower()))
                    or (joined and (opens or is_abbr(text[sp[0]:sp[1]])))):
                out[-1] = [prev[0], sp[1] + (1 if opens else 0), "ORG", ""]
                joined = True
                continue
        out.append(sp)
        joined = False
    return out


_BRANCH_RE = re.compile(r"^(?:филиал|отделени|представительств)\w*$")


def _named_after_end(text: str, tokens, m: int) -> int | None:
    """Index of the surname in "им. А.И. Бараева" / "имени Абая" starting at tokens[m], or None."""
    n = len(tokens)
    if m >= n or tokens[m][2].lower() not in _NAMED_AFTER or not _adjacent(text, tokens[m - 1][1], tokens[m][0]):
        return None
    q = m + 1
    if tokens[m][2].lower() == "им" and q < n and tokens[q][2] == ".":
        q += 1
    while q + 1 < n and len(tokens[q][2]) == 1 and tokens[q][2].isupper() and tokens[q + 1][2] == ".":
        q += 2  # initials
    if q < n and tokens[q][2][:1].isupper() and tokens[q][2].isalpha() and len(tokens[q][2]) > 1:
        return q
    return None


def _units(text: str, spans: list[list], tokens, morph, normalise: bool) -> list[list]:
    """Press releases name a university's units in lower case: a unit head with a complement
    in the genitive ("кафедрой технической физики и теплоэнергетики", "факультета
    информационных технологий"), adjectives before "факультет" ("физико-техническом
    факультете"), or a quoted name after a head ("фонда «Даму»")."""
    taken = [(s[0], s[1], s[2]) for s in spans]

    def absorbed(x: int, y: int, lab: str, a: int, b: int) -> bool:
        # places, people and short names inside the new name may be there already ("области
        # Абай", "КазНИИ экономики АПК и ...")
        return a <= x and y <= b and (lab in ("LOC", "PER") or (lab == "ORG" and is_abbr(text[x:y])))

    def free(a: int, b: int, inner: tuple[int, int] | None = None) -> bool:
        return not any(x < b and a < y and (x, y) != inner and not absorbed(x, y, lab, a, b) for x, y, lab in taken)

    out = list(spans)
    n = len(tokens)
    for k, (_a, b, word) in enumerate(tokens):
        nii = bool(_NII_RE.match(word))
        # lower case, or capitalised only because it opens a sentence ("Кафедра геофизики ...")
        if not nii and not word[:1].islower() and not (k == 0 or tokens[k - 1][2] in (".", "!", "?")):
            continue
        head = None if nii else _noun_parse(morph, word, QUOTED_HEADS | PLACE_HEADS)
        if head is None and not nii:
            continue
        lemma = "кафедра" if nii else head.normal_form.replace("ё", "е")
        end = None
        inner = (tokens[k][0], b) if nii else None   # natasha's "КазНИИ" alone gives way
        # a quoted name after the head: фонда «Даму»
        if k + 2 < n and tokens[k + 1][2] in _OPEN_Q and _adjacent(text, b, tokens[k + 1][0]):
            q = next((m for m in range(k + 2, min(n, k + 10)) if tokens[m][2] in _CLOSE_Q), None)
            if q is not None and q > k + 2 and tokens[k + 2][2][:1].isupper():
                end = q
        elif lemma in UNIT_HEADS and k + 1 < n and _unit_abbr(tokens[k + 1][2]) \
                and _adjacent(text, b, tokens[k + 1][0]):
            end = k + 1  # "кафедры БЖДиООС": the unit by its short name
            inner = (tokens[k + 1][0], tokens[k + 1][1])
        else:
            # lower-case words in the genitive, "и" between them
            m = k + 1
            last = None
            while m < n and m - k <= 6 and _adjacent(text, tokens[m - 1][1], tokens[m][0]):
                w = tokens[m][2]
                if w == "и" and last is not None:
                    m += 1
                    continue
                if last is not None and is_abbr(w) and m + 1 < n and tokens[m + 1][2] == "и":
                    m += 1  # "КазНИИ экономики АПК и развития ...", not "кафедрой металлургии ВКТУ"
                    continue
                parses = _parses(morph, w)
                # the likeliest reading is a noun or an adjective ("были" is a verb), and one of
                # its readings is in the genitive ("химии и биотехнологии")
                if not w[:1].islower() or len(w) < 3 or not parses \
                        or not ("NOUN" in parses[0].tag or "ADJF" in parses[0].tag) \
                        or not any(("NOUN" in p.tag or "ADJF" in p.tag) and p.tag.case in ("gent", "gen2")
                                   for p in parses) \
                        or _noun_parse(morph, w, QUOTED_HEADS | _PLACE_WORDS | PLACE_HEADS):
                    break
                last = m
                m += 1
            end = last
            after = (last if last is not None else k) + 1
            named = _named_after_end(text, tokens, after)
            if named is not None:
                end = named  # "центром зернового хозяйства им. А.И. Бараева"
            elif lemma in PLACE_HEADS:
                end = _place_tail(text, tokens, after, morph)
                if end is None:
                    continue
            elif lemma not in UNIT_HEADS:
                continue
        start = k
        if lemma == "центр" and end is not None and tokens[end][2] in _CLOSE_Q:
            # "инжиниринговый центр «Индустрия 4.0»", not "центр «Спектромарта»"
            if not (k > 0 and any("ADJF" in q.tag and q.tag.case == head.tag.case
                                  for q in _parses(morph, tokens[k - 1][2]))):
                continue
        if lemma in ("факультет", "центр", "лаборатория", "институт", "школа"):
            # agreeing adjectives before: "физико-техническом факультете"
            while start > 0 and k - start < 2 and _adjacent(text, tokens[start - 1][1], tokens[start][0]) and any(
                    "ADJF" in q.tag and q.tag.case == head.tag.case for q in _parses(morph, tokens[start - 1][2])) \
                    and (tokens[start - 1][2][:1].islower() or lemma == "школа"):
                start -= 1
            if end is None and start < k and lemma == "факультет":
                end = k
        if end is None:
            continue
        s0, s1 = tokens[start][0], tokens[end][1]
        # the quoted name alone may be a span already: the head joins it
        if tokens[end][2] in _CLOSE_Q:
            inner = (tokens[k + 2][0], tokens[end - 1][1])
        if not free(s0, s1, inner):
            continue
        out = [x for x in out if not ((x[0], x[1]) == inner or (x[2] != "LOC" and absorbed(*x[:3], s0, s1)))]
        normal = ""
        if normalise:
            rest = text[tokens[k][1]:s1]
            normal = _nominative(morph, [t for _, _, t in tokens[start:k + 1]]) + rest
        out.append([s0, s1, "ORG", normal])
        taken.append((s0, s1, "ORG"))
    # a body natasha found, with its place after it: "Палаты предпринимателей | области Абай"
    for sp in out:
        idx = _tok_index(tokens, sp[0], sp[1]) if sp[2] == "ORG" else None
        if idx is None or not _noun_parse(morph, tokens[idx[0]][2], PLACE_HEADS):
            continue
        end = _place_tail(text, tokens, idx[1], morph)
        if end is not None:
            tail = text[sp[1]:tokens[end][1]]
            sp[1] = tokens[end][1]
            sp[3] = sp[3] + tail if sp[3] else ""
            out = [x for x in out if not (x is not sp and sp[0] <= x[0] and x[1] <= sp[1] and x[2] == "PER")]
    return out


def _press(text: str, spans: list[list], tokens, morph, normalise: bool) -> list[list]:
    """Fixes for the word order of press releases:
    * "акима области Абай Ерболат Каримов": natasha reads the region's name as the first word
      of the person's; the person starts after it;
    * "университет нефти и газа имени | Сафи Утебаева": the organisation includes the name;
    * «Даму»: a quoted name keeps its spelling (pymorphy would make it "Дама");
    * female surnames after a female first name stay female ("Динара Ахметова")."""
    out: list[list] = []
    for sp in sorted(spans, key=lambda s: s[0]):
        start, stop, label, normal = sp
        before = text[max(0, start - 12):start].rstrip().lower()
        words = text[start:stop].split()
        if label == "PER" and before.endswith(("области", "района", "города", "облысы")) and len(words) >= 3:
            cut = start + len(words[0]) + 1
            out.append([cut, stop, "PER", text[cut:stop] if normal else ""])
            continue
        if label == "PER" and out and out[-1][2] == "ORG" and re.fullmatch(r"\s*", text[out[-1][1]:start]) \
                and text[out[-1][0]:out[-1][1]].split()[-1] in ("имени", "им."):
            org = out.pop()
            out.append([org[0], stop, "ORG", (org[3] + " " + text[start:stop]) if org[3] else ""])
            continue
        if label == "ORG" and normal and start > 0 and text[start - 1] in _OPEN_Q and text[stop:stop + 1] in _CLOSE_Q:
            sp = [start, stop, label, text[start:stop]]
        # natasha stops before the head noun ("Усть-Каменогорского высшего политехнического |
        # колледжа"): the head joins the name
        nxt = re.match(r"\s+([а-яё]+)", text[stop:])
        if label == "ORG" and nxt and re.search(r"(ого|его|ой|ей|ий|ый|ая|ое|ых|их|ым|им)$", words[-1].lower()) \
                and _noun_parse(morph, nxt.group(1), HEADS | ADJ_HEADS):
            stop = stop + nxt.end()
            words = text[start:stop].split()
            normal = " ".join(nominative_head_phrase(morph, words)) if normal else ""
            sp = [start, stop, label, normal]
        if label == "ORG" and len(words) >= 3 and words[-1] in GENERIC_GENITIVE_TAILS:
            cut = start + len(text[start:stop].rsplit(" ", 1)[0])
            nwords = normal.split()
            sp = [start, cut, label, " ".join(nwords[:-1]) if len(nwords) == len(words) else ""]
        out.append(sp)
    return out


def refine(text: str, spans, tokens, morph=None, normalise: bool = False) -> list[tuple[int, int, str, str]]:
    """natasha's ``[(start, stop, label, normal)]`` with the organisation rules applied."""
    cur = [list(s) for s in spans]
    tokens = list(tokens)
    if "relabel" in RULES:
        cur = _relabel(text, cur, tokens, morph)
    if "brackets" in RULES:
        cur = _split_brackets(text, cur)
    if "tails" in RULES:
        cur = _merge_tails(text, cur, morph, normalise)
    if "heads" in RULES:
        cur = _head_phrases(text, cur, tokens, morph, normalise)
    if "press" in RULES:
        cur = _press(text, cur, tokens, morph, normalise)
        cur = _units(text, cur, tokens, morph, normalise)
        cur = _branches(text, cur)
    cur.sort(key=lambda s: s[0])
    return [tuple(s) for s in cur]
