"""From entity spans to facts: organisations (legal form, aliases), people with positions,
places, and events with dates."""

from __future__ import annotations

import re

from . import lexicon as lx
from .dates import find_dates
from .gazetteer import NameSpotter
from .ner import Span, find_entities
from .textutil import detect_language, latin_key, split_sentences, stem_lookup, tokenize

_QUOTES = "«»\"“”„'‘’"


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().strip(",;:")


def _unquote(name: str) -> str:
    """Drop quotes that wrap the whole name; keep inner ones ("ТОО «Spektromart»")."""
    name = _clean(name)
    if len(name) > 2 and name[0] in _QUOTES and name[-1] in _QUOTES:
        name = name[1:-1].strip()
    if name.count("«") != name.count("»"):
        name = name.replace("«", "").replace("»", "").strip()
    return name


def _legal_form_near(text: str, sp: Span) -> str | None:
    """Legal form written right before or after an organisation span (ТОО «X», «X» ЖШС, X LLP)."""
    inner = tokenize(sp.text)
    for t in inner:
        if t.text in lx.LEGAL_FORMS or t.text.rstrip(".") in lx.LEGAL_FORMS:
            return t.text.rstrip(".")
    before = tokenize(text[max(0, sp.start - 12):sp.start])
    after = tokenize(text[sp.end:sp.end + 12])
    words_b = [t.text for t in before if t.is_word]
    words_a = [t.text for t in after if t.is_word]
    if words_b and words_b[-1] in lx.LEGAL_FORMS_BEFORE:
        return words_b[-1]
    if words_a and words_a[0].rstrip(".") in lx.LEGAL_FORMS_AFTER:
        return words_a[0].rstrip(".")
    return None


def _org_kind(name: str, legal_form: str | None) -> str:
    low = name.lower()
    if legal_form:
        return "company"
    if re.search(r"университет|university|институт|institute|академи|academy|колледж|college", low):
        return "university"
    if re.search(r"акимат|әкімдіг|akimat|министр|ministry|агентств|agency|комитет|committee|"
                 r"правительств|үкімет|government|парламент|мажилис|мәжіліс|сенат", low):
        return "government"
    if re.search(r"company|компани|корпорац|corporation|банк|bank|завод|plant|factory|holding|холдинг", low):
        return "company"
    return "organization"


def _abbreviation(name: str) -> str | None:
    """Initial-letter abbreviation of a multi-word name ("Kazakh National University" -> KNU)."""
    words = [w for w in re.findall(r"\w+", name) if w[0].isupper()]
    if len(words) >= 2:
        return "".join(w[0] for w in words).upper()
    return None


_CONNECTOR_WORDS = frozenset("of the and for имени им атындағы и және".split())


def _name_words(name: str) -> list[str]:
    return re.findall(r"[\w-]+", name.replace("«", " ").replace("»", " "))


def _chunked_abbreviation(short: str, words: list[str]) -> bool:
    """Is `short` ("KazNU", "ҚазҰУ", "ЕНУ", "KNU") made of the beginnings of `words` in order
    ("Kazakh National University", "Қазақ ұлттық университеті")? Connectors may be skipped."""
    if len(short) < 2 or not short[0].isupper() or sum(c.isupper() for c in short) < 2:
        return False
    # chunks: an upper-case letter with the lower-case letters after it
    chunks = re.findall(r"[A-ZА-ЯЁӘҒҚҢӨҰҮІҺ][a-zа-яёәғқңөұүіһ]*", short)
    if "".join(chunks) != short:
        return False
    content = [w for w in words if w.lower() not in _CONNECTOR_WORDS]
    if len(content) != len(chunks) or len(content) < 2:
        return False
    return all(w.lower().startswith(c.lower()) for c, w in zip(chunks, content, strict=True))


_LEGAL_FORM_WORD_RE = re.compile(r"\b(" + "|".join(map(re.escape, lx.LEGAL_FORMS)) + r")\b")


def _with_form(name: str, lf: str | None) -> str:
    """``name`` with the legal form ``lf`` on the side it is written ("EMC LLP", "ТОО X"),
    unless the name already holds it."""
    if not lf or lf in name:
        return name
    return f"{name} {lf}" if lf in lx.LEGAL_FORMS_AFTER else f"{lf} {name}"


def _short_form_of(short: str, full: str) -> bool:
    """`short` names the same organisation as `full` within one text: its words are the end
    or the beginning of the full name ("Kazakh National University" in "Al-Farabi Kazakh
    National University"), or the same words with an abbreviation in place of several
    ("Al-Farabi KazNU")."""
    sw, fw = _name_words(short), _name_words(full)
    a = [latin_key(w) for w in sw]
    b = [latin_key(w) for w in fw]
    if not a or len(a) >= len(b):
        return False
    if len(a) >= 2 and (b[-len(a):] == a or b[: len(a)] == a):
        return True
    # strip the words both share at the front and at the back, then compare by abbreviation
    p = 0
    while p < len(a) - 1 and a[p] == b[p]:
        p += 1
    q = 0
    while q < len(a) - p - 1 and a[-1 - q] == b[-1 - q]:
        q += 1
    rest_s = sw[p: len(sw) - q]
    rest_f = fw[p: len(fw) - q]
    return len(rest_s) == 1 and (_chunked_abbreviation(rest_s[0], rest_f)
                                 or rest_s[0].upper() == (_abbreviation(" ".join(rest_f)) or ""))


def _merge_short_forms(orgs: dict[str, dict]) -> None:
    """Fold the short forms of an organisation used in the same text (an abbreviation, the
    name without its honorific first words) into the longest form, as aliases."""
    items = sorted(orgs.items(), key=lambda kv: -len(kv[1]["name"]))
    for key, item in items:
        if key not in orgs:
            continue
        for key2, full in items:
            if key2 == key or key2 not in orgs or len(full["name"]) <= len(item["name"]):
                continue
            if item.get("legal_form") and full.get("legal_form") != item.get("legal_form"):
                continue
            if _short_form_of(item["name"], full["name"]):
                for alias in [item["name"], *item["aliases"]]:
                    if alias != full["name"] and alias not in full["aliases"]:
                        full["aliases"].append(alias)
                del orgs[key]
                break


def _same_name_inflected(a: str, b: str) -> bool:
    """Two spelling keys of one name in different grammatical cases: word by word, they
    share all but the last three letters of the shorter word (at least four)."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    for x, y in zip(wa, wb, strict=True):
        need = max(4, min(len(x), len(y)) - 3)
        if x[:need] != y[:need]:
            return False
    return True


_MINISTER_OF_RE = re.compile(r"\b[Mm]inister\s+(?:of|for)\s+(?:the\s+)?$")


def _ministry_name(text: str, sp: Span, name: str) -> str:
    """"Vice Minister of Education and Science" names the ministry without the word: the
    organisation is "Ministry of Education and Science"."""
    if sp.label == "ORG" and _MINISTER_OF_RE.search(text[max(0, sp.start - 30):sp.start]) \
            and not re.match(r"(?i)ministry\b", name):
        return f"Ministry of {name}"
    return name


def _last_break(s: str) -> int:
    """Index of the last clause break in ``s`` (a comma, ";", "(", ":" or a dash), or -1."""
    return max(s.rfind(c) for c in ",;(:—")


def _position_before(text: str, sent_start: int, person: Span, spans: list[Span]) -> dict | None:
    """Title (and its organisation) written before a name: "Rector of X University Y Z",
    "Абай облысының әкімі Y Z", "Ректор КазНУ Y Z"."""
    left = text[sent_start:person.start]
    # only the clause the name belongs to
    cut = _last_break(left)
    if cut >= 0 and not left[cut + 1:].strip() and left[cut] == ",":
        # "the deputy akim of the Pavlodar region, Baurzhan Amanzholov": the title stands in
        # the clause before the comma
        left = left[:cut]
        cut = _last_break(left)
        person = Span(sent_start + len(left), person.end, person.label, person.text)
    # "Chairman of the Board - Rector of ..." keeps the dash inside a title
    clause_start = sent_start + cut + 1 if cut >= 0 else sent_start
    # nor a title that belongs to an earlier person in the sentence ("Rector of X Y Z met
    # the akim of the region A B")
    clause_start = max([clause_start] + [sp.end for sp in spans
                                         if sp.label == "PER" and clause_start <= sp.end <= person.start])
    clause = text[clause_start:person.start]
    toks = [t for t in tokenize(clause, clause_start) if t.is_word]
    if not toks:
        return None
    pos_idx = [k for k, t in enumerate(toks) if t.lower in lx.POSITION_HEADS
               or stem_lookup(t.lower, lx.POSITION_HEADS, 4, 5)]
    if not pos_idx:
        return None
    # start of the title: first position word, pulled left over its modifiers
    k0 = pos_idx[0]
    while k0 > 0 and toks[k0 - 1].lower in lx.POSITION_MODIFIERS:
        k0 -= 1
    orgs = [sp for sp in spans if sp.label in ("ORG", "LOC") and clause_start <= sp.start and sp.end <= person.start]
    # Kazakh: "Абай облысының әкімі" — the organisation stands before the title
    org = orgs[-1] if orgs else None
    title_start = toks[k0].start
    if org and org.start < title_start:
        title_start_final = title_start
        title_end = toks[pos_idx[-1]].end
    else:
        title_start_final = title_start
        title_end = toks[pos_idx[-1]].end
        # English/Russian: "Rector of X" — the org follows the title inside the clause
    tail = re.match(r"\s+(of [Ss]tate|государства|мемлекет)\b", text[title_end:])
    if tail and (org is None or org.start >= title_end):
        # "Head of State", "Глава государства" are whole titles, not title + organisation
        title_end += tail.end()
        org = None
        if text[title_end:person.start].strip() == "":
            return {"title": _clean(text[title_start_final:title_end]), "organization": None}
    title = _clean(text[title_start_final:title_end])
    org_name = _ministry_name(text, org, _clean(org.text.strip(_QUOTES))) if org else None
    if org is None:
        # title with an unnamed organisation after it ("Rector of the university")
        rest = _clean(text[title_end:person.start])
        if re.match(r"(?i)for\s", rest):
            # "Vice-Rector for Science and Innovation": the field belongs to the title
            return {"title": _clean(text[title_start_final:person.start]), "organization": None}
        rest = re.sub(r"^(of|of the)\s+", "", rest, flags=re.I)
        org_name = rest or None
    return {"title": title, "organization": org_name}


def _position_after(text: str, sent_end: int, person: Span, spans: list[Span]) -> dict | None:
    """Appositive title after a name: "Y Z, rector of X University"."""
    m = re.match(r"\s*[,—–-]\s*([^,.;()]{2,120})", text[person.end:sent_end])
    if not m:
        return None
    clause = m.group(1)
    toks = [t for t in tokenize(clause) if t.is_word]
    if not toks or not (toks[0].lower in lx.POSITION_HEADS or toks[0].lower in lx.POSITION_MODIFIERS
                        or stem_lookup(toks[0].lower, lx.POSITION_HEADS, 4, 5)):
        return None
    c0 = person.end + m.start(1)
    if any(sp.label == "PER" and c0 <= sp.start < c0 + len(clause) for sp in spans):
        return None  # the title introduces the next person ("X, Minister of Y Z")
    orgs = [sp for sp in spans if sp.label in ("ORG", "LOC") and c0 <= sp.start < c0 + len(clause)]
    last_pos = max(k for k, t in enumerate(toks) if t.lower in lx.POSITION_HEADS
                   or t.lower in lx.POSITION_MODIFIERS or stem_lookup(t.lower, lx.POSITION_HEADS, 4, 5))
    title = clause[: toks[last_pos].end]
    return {"title": _clean(title), "organization": _clean(orgs[0].text.strip(_QUOTES)) if orgs else None}


def _event_word(w: str) -> bool:
    return w.lower() in lx.EVENT_HEADS or stem_lookup(w, lx.EVENT_HEADS, 4, 5)


def _events(text: str, lang: str, sentences, doc_date: str | None) -> list[dict]:
    events: list[dict] = []
    seen = set()

    def add(name: str, start: int, sent: tuple[int, int]):
        name = _clean(name)
        key = latin_key(name)
        if not name or any(key == k or k.startswith(key) or key.startswith(k) for k in seen):
            return
        seen.add(key)
        ds = [d for d in find_dates(text[sent[0]:sent[1]])]
        ev = {"name": name}
        date = ds[0].iso if ds else doc_date
        if date:
            ev["date"] = date
        events.append(ev)

    for s0, e0 in sentences:
        sent = text[s0:e0]
        # 1) quoted names that are events ("SHAKARIM EXPO – 2024", «Ғылым апталығы»)
        for m in re.finditer(r"[«\"“]([^«»\"“”]{3,80})[»\"”]", sent):
            inner = m.group(1)
            words = re.findall(r"\w+", inner)
            after = re.findall(r"\w+", sent[m.end():m.end() + 30])
            before = re.findall(r"\w+", sent[max(0, m.start() - 30):m.start()])
            if any(_event_word(w) for w in words) or (after and _event_word(after[0])) or (
                before and _event_word(before[-1])
            ):
                # a quoted title that is a topic ("on the topic "...") is not an event name
                if before and before[-1].lower() in ("topic", "тему", "тақырыбында", "theme"):
                    continue
                add(inner, s0 + m.start(1), (s0, e0))
        # 2) capitalised event names ("Science Week", "Неделя науки", "Ғылым апталығы")
        toks = tokenize(sent, s0)
        words = [t for t in toks if t.is_word]
        for k, t in enumerate(words):
            if not _event_word(t.text):
                continue
            if lang == "en":
                # Title-case run ending at the event word: "Science Week", "Astana International Forum"
                a = k
                while a > 0 and words[a - 1].is_cap and words[a - 1].lower not in lx.CAP_STOPWORDS:
                    a -= 1
                if t.is_cap and a < k:
                    add(text[words[a].start:t.end], words[a].start, (s0, e0))
                elif not t.is_cap and k > 0 and words[k - 1].lower in (
                        "regional", "international", "scientific", "republican", "annual"):
                    add(text[words[k - 1].start:t.end], words[k - 1].start, (s0, e0))
            elif lang == "ru":
                # "Неделя науки", "Международный форум ..." — capitalised event word + genitive noun
                if t.is_cap and k + 1 < len(words) and not words[k + 1].is_cap:
                    add(text[t.start:words[k + 1].end], t.start, (s0, e0))
                elif not t.is_cap and k > 0 and words[k - 1].lower.startswith(
                        ("региональн", "международн", "научн", "республиканск")):
                    add(text[words[k - 1].start:t.end], words[k - 1].start, (s0, e0))
            else:  # kk: head-final — "Ғылым апталығы", "өңірлік митап"
                if k > 0 and (words[k - 1].is_cap or words[k - 1].lower.startswith(
                        ("өңірлік", "халықаралық", "ғылыми", "республикалық"))):
                    add(text[words[k - 1].start:t.end], words[k - 1].start, (s0, e0))
    return events


def extract(text: str, lang: str | None = None, names: NameSpotter | None = None) -> dict:
    """Extract facts from one release.

    Returns ``{"lang", "organizations": [{"name", "written", "aliases", "kind", "legal_form"?}],
    "people": [{"name", "written", "aliases", "positions": [{"title", "organization"}]}],
    "places": [{"name"}], "events": [{"name", "date"?}], "dates": [iso...]}``. ``name`` is the
    dictionary form (nominative, first name first), the one the directory is offered;
    ``written`` is the form as it first stands in the text; ``aliases`` are the other forms.
    ``names`` spots known names (the directory's, :meth:`.Linker.spotter`) the model missed.
    """
    lang = lang or detect_language(text)
    spans = find_entities(text, lang, normalise=True, names=names)
    sentences = split_sentences(text)
    all_dates = find_dates(text)
    doc_date = all_dates[0].iso if all_dates else None

    orgs: dict[str, dict] = {}
    places: dict[str, dict] = {}
    people: dict[str, dict] = {}

    def sent_of(sp: Span) -> tuple[int, int]:
        for s0, e0 in sentences:
            if s0 <= sp.start < e0:
                return s0, e0
        return 0, len(text)

    for sp in spans:
        name = _unquote(sp.normal or sp.text)
        written = _unquote(sp.text)
        if not name:
            continue
        if sp.label == "ORG":
            if _ministry_name(text, sp, name) != name:
                # "Vice Minister of Education and Science": the ministry is named in the
                # person's position (as "Ministry of ..."), the text does not name it
                continue
            lf = _legal_form_near(text, sp)
            key = latin_key(_LEGAL_FORM_WORD_RE.sub("", name))
            shown = _with_form(name, lf)
            item = orgs.get(key)
            if item is None:
                item = orgs[key] = {"name": shown, "aliases": [], "kind": _org_kind(name, lf),
                                    "written": _with_form(written, lf)}
                if lf:
                    item["legal_form"] = lx.LEGAL_FORM_CANON.get(lf, lf)
            elif shown != item["name"] and shown not in item["aliases"]:
                item["aliases"].append(shown)
            if written != name and written != item["name"] and written not in item["aliases"]:
                item["aliases"].append(written)
        elif sp.label == "LOC":
            places.setdefault(latin_key(name), {"name": name})
        elif sp.label == "PER":
            s0, e0 = sent_of(sp)
            pos = _position_before(text, s0, sp, spans) or _position_after(text, e0, sp, spans)
            key = latin_key(name)
            # "Kusherbayev" alone after "Krymbek Kusherbayev": same person
            match = next((k for k in people if k == key or k.endswith(" " + key)
                          or key.endswith(" " + k)), None)
            # "Динаре Ахметовой" after "Динара Ахметова": the same person in another case
            match = match or next((k for k in people if _same_name_inflected(k, key)), None)
            if match is None:
                people[key] = {"name": name, "written": written, "aliases": [], "positions": []}
                match = key
            elif len(name.split()) > len(people[match]["name"].split()):
                people[match]["aliases"].extend(
                    x for x in (people[match]["name"], people[match]["written"]) if x != name)
                people[match]["name"], people[match]["written"] = name, written
            for form in (name, written):
                if form not in (people[match]["name"], people[match]["written"]) \
                        and form not in people[match]["aliases"]:
                    people[match]["aliases"].append(form)
            if pos and pos not in people[match]["positions"]:
                people[match]["positions"].append(pos)

    _merge_short_forms(orgs)

    # A name found both as an organisation and as a person ("Al-Farabi KazNU" read once as
    # a person) is the organisation.
    org_keys = {latin_key(v["name"]) for v in orgs.values()}
    org_keys |= {latin_key(a) for v in orgs.values() for a in v["aliases"]}
    org_keys |= set(orgs)
    people = {k: v for k, v in people.items() if k not in org_keys and latin_key(v["name"]) not in org_keys}
    # A lone word never joined to a full name is rarely a person a release is about, and
    # often a place or a brand taken for one ("Тараз", "Тенгизе")
    # (initials count as words: "С.Джакубаева")
    people = {k: v for k, v in people.items() if len(re.findall(r"[^\s.]+", v["name"])) >= 2}

    events = _events(text, lang, sentences, doc_date)
    return {
        "lang": lang,
        "organizations": list(orgs.values()),
        "people": list(people.values()),
        "places": list(places.values()),
        "events": events,
        "dates": sorted({d.iso for d in all_dates}),
    }
