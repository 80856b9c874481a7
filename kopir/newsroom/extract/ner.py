"""Rule-based named-entity spotting (PER / ORG / LOC) for kk, ru and en.

The approach is the classic one for news text without a trained model:
capitalised runs of tokens are candidates; word lists (stems of org head
words, legal forms, places, first names, surname endings, position titles)
decide their type and where they start and stop. Lower-case words are pulled
into an organisation when an org head word needs them ("Министерство
образования и науки", "Сыртқы істер министрлігі", "Abai region akimat").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import gazetteer, kk_rules, ru_natasha, tidy
from . import lexicon as lx
from .gazetteer import NameSpotter
from .textutil import (
    CYR_LOWER,
    CYR_UPPER,
    Token,
    detect_language,
    is_initial_text,
    split_sentences,
    stem_lookup,
    tokenize,
)

OPEN_Q = "«\"“„'‘"
CLOSE_Q = "»\"”“'’"
EN_CONNECTORS = {"of", "the", "and", "for", "&", "de", "on", "in"}
# Lower-case name particles that still belong to a capitalised name ("аль-Фараби", "ибн").
NAME_PARTICLE_RE = re.compile(r"^(аль|әл|ал|ал-|el|al|ibn|ибн|ван|фон|де|van|von|de|da|di|bin)(-|$)", re.I)


@dataclass(slots=True)
class Span:
    """An entity mention: character offsets into the analysed text and a label."""

    start: int
    end: int
    label: str  # "PER" | "ORG" | "LOC"
    text: str
    normal: str = ""  # nominative form where a model gave one (Russian via natasha)

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text}


def _is_capword(t: Token) -> bool:
    if not t.is_word or t.text.isdigit():
        return False
    if t.is_cap:
        return True
    # "аль-Фараби", "әл-Фараби": lower-case particle + capitalised name
    return bool(NAME_PARTICLE_RE.match(t.text)) and any(c.isupper() for c in t.text)


def _is_org_head(t: Token) -> bool:
    w = t.lower
    if w in lx.ORG_HEADS:
        return True
    # long stems take any inflection; short ones ("қор", "банк", "сот") only a short one,
    # otherwise "Қорытынды" would be an organisation
    if stem_lookup(w, lx.ORG_HEADS, max_suffix=6, min_stem=6):
        return True
    for k in range(3, len(w)):
        if w[:k] in lx.ORG_HEADS and _HEAD_TAIL_RE.match(w[k:]):
            return True
    return False


# Endings allowed after a short head stem: Kazakh possessive + case, Russian case.
_HEAD_TAIL_RE = re.compile(
    r"^(?:(?:с?[ыі]|[ыі]?)(?:ның|нің|на|не|нда|нде|нан|нен|н|мен|ға|ге|қа|ке|да|де|дан|ден|тан|тен|"
    r"ды|ді|ты|ті|ны|ні|ндағы|ндегі)?|а|у|ом|е|ы|и|ов|ам|ами|ах|ой|ом|ами|s)$"
)


def _is_loc(t: Token) -> bool:
    w = t.lower
    if w in lx.LOCATIONS:
        return True
    if len(w) <= 3:
        return False
    return stem_lookup(w, lx.LOCATIONS, max_suffix=6, min_stem=4)


_TITLE_PREFIXES = frozenset(("vice", "deputy", "pro", "board", "chairman", "chair", "president"))


def _is_position(t: Token) -> bool:
    w = t.lower
    if w.endswith("ing") and w not in lx.POSITION_HEADS:
        return False  # "Engineering", "Marketing": fields, not titles
    if "-" in w and w.rsplit("-", 1)[1] in lx.POSITION_HEADS and w.split("-", 1)[0] in _TITLE_PREFIXES:
        return True  # "Vice-Dean", "Vice-Principal", "Pro-Rector", "Board-Rector"
    return w in lx.POSITION_HEADS or stem_lookup(w, lx.POSITION_HEADS, max_suffix=4, min_stem=5)


def _is_first_name(t: Token) -> bool:
    return stem_lookup(t.text, lx.FIRST_NAMES, max_suffix=3, min_stem=3)


_SURNAME_RE = None


def _is_surname(t: Token) -> bool:
    global _SURNAME_RE
    if _SURNAME_RE is None:
        suf = "|".join(sorted(lx.SURNAME_SUFFIXES, key=len, reverse=True))
        _SURNAME_RE = re.compile(rf"^\w{{2,}}(?:{suf})(?:{_INFL})?$")
    w = t.lower
    if len(w) < 4 or not t.is_cap or t.is_allcaps:
        return False
    return bool(_SURNAME_RE.match(w))


# Russian case endings and Kazakh case suffixes that may follow a surname.
_INFL = ("а|у|ым|ом|е|ой|ы|ых|ого|ому|им|ой|ну|ның|нің|тың|тің|дың|дің|қа|ке|ға|ге|а|е|та|те|"
         "да|де|нда|нде|тан|тен|дан|ден|нан|нен|ты|ті|ды|ді|ны|ні|мен|пен|бен|ке|тен|ке|ша|ше")


def _is_initial(tokens: list[Token], i: int) -> bool:
    t = tokens[i]
    return (is_initial_text(t.text) and i + 1 < len(tokens)
            and tokens[i + 1].text == ".")


def _legal_form(t: Token) -> bool:
    # "ЖШС-мен", "АҚ-ның": a Kazakh case ending after a hyphen
    return t.text in lx.LEGAL_FORMS or t.text.rstrip(".") in lx.LEGAL_FORMS or t.text.split("-")[0] in lx.LEGAL_FORMS


class _Sentence:
    def __init__(self, text: str, start: int, end: int, lang: str):
        self.text = text
        self.tokens = tokenize(text[start:end], start)
        self.lang = lang
        self.taken = [False] * len(self.tokens)
        self.spans: list[Span] = []

    def add(self, i: int, j: int, label: str) -> None:
        """Record tokens[i:j] as an entity unless they overlap one already found."""
        if i >= j or any(self.taken[i:j]):
            return
        # trim punctuation at the edges, but keep closing quotes that pair an opening one
        while i < j and not self.tokens[i].is_word and self.tokens[i].text not in OPEN_Q:
            i += 1
        while j > i and not self.tokens[j - 1].is_word and self.tokens[j - 1].text not in CLOSE_Q + ".":
            j -= 1
        # a dot after the last word ends the sentence, unless that word is a one-letter initial
        # ("Guo Yu." — "Yu" is an initial only before a surname)
        if j - i >= 2 and self.tokens[j - 1].text == "." and len(self.tokens[j - 2].text) > 1:
            j -= 1
        if i >= j:
            return
        s, e = self.tokens[i].start, self.tokens[j - 1].end
        for k in range(i, j):
            self.taken[k] = True
        self.spans.append(Span(s, e, label, self.text[s:e]))


def _quoted_end(tokens: list[Token], i: int, limit: int = 12) -> int | None:
    """If tokens[i] opens a quote, return the index after the closing quote."""
    if tokens[i].text not in OPEN_Q:
        return None
    for j in range(i + 1, min(len(tokens), i + limit)):
        if tokens[j].text in CLOSE_Q:
            return j + 1 if j > i + 1 else None
    return None


def _pass_legal_and_quoted(s: _Sentence) -> None:
    """ТОО «Х», «Х» ЖШС, X Y LLP, компания «Х», «Х» арнасы."""
    toks = s.tokens
    n = len(toks)
    for i in range(n):
        if s.taken[i]:
            continue
        t = toks[i]
        # "РГП на ПХВ «…»": a state enterprise "on the right of economic management"
        if i + 3 < n and t.text in lx.LEGAL_FORMS_BEFORE and toks[i + 1].lower == "на" \
                and toks[i + 2].text in ("ПХВ", "ПОУ"):
            q = _quoted_end(toks, i + 3, limit=25)
            if q:
                s.add(i, q, "ORG")
                continue
        if i + 1 < n and (t.text in lx.LEGAL_FORMS_BEFORE
                          or (t.text in lx.LEGAL_FORMS_AFTER and toks[i + 1].text in OPEN_Q)):
            q = _quoted_end(toks, i + 1)
            if q:
                s.add(i, q, "ORG")
                continue
            # ТОО Spektromart — unquoted capitalised name after the form
            j = i + 1
            while j < n and _is_capword(toks[j]) and j - i <= 4:
                j += 1
            if j > i + 1:
                s.add(i, j, "ORG")
            continue
        q = _quoted_end(toks, i)
        if q:
            inner = toks[i + 1:q - 1]
            if not inner or not _is_capword(inner[0]):
                continue
            # «X» ЖШС / «X» LLP / «ҚазМұнайГаз» ҰК» АҚ
            if q < n and _legal_form(toks[q]):
                end = q + 1
                if end + 1 < n and toks[end].text in CLOSE_Q and _legal_form(toks[end + 1]):
                    end += 2
                s.add(i, end, "ORG")
                continue
            # «Хабар» арнасы / «Нұр Отан» партиясы (Kazakh head after the name)
            if q < n and toks[q].is_word and not toks[q].is_cap and _is_org_head(toks[q]):
                s.add(i + 1, q - 1, "ORG")
                continue
            # компания «Газпром» (head before the name); English puts a quoted name before
            # its head, and a quoted phrase with lower-case words there is a title of a work
            if i > 0 and toks[i - 1].is_word and _is_org_head(toks[i - 1]) and not (
                    s.lang == "en" and any(t.is_word and not _is_capword(t) for t in inner)):
                s.add(i + 1, q - 1, "ORG")
                continue
            # "Х" LLP for English texts: any capitalised run then a legal form
    # Unquoted: "EMC LLP", "Semey Engineering JSC"
    for i in range(n):
        if s.taken[i] or not (toks[i].text in lx.LEGAL_FORMS_AFTER or toks[i].text.rstrip(".") in lx.LEGAL_FORMS_AFTER):
            continue
        j = i
        plain_j = None  # where the name starts if it crosses no "of"/"and"
        while j > 0 and (_is_capword(toks[j - 1]) or toks[j - 1].text in {"&", "-"}) and not s.taken[j - 1] and i - j < 6:
            j -= 1
            # "Institute of Processing and Food Industry LLP": an English name goes on to the
            # left over "of"/"and"/"for" while the words before them are capitalised and the
            # part before "and" is not a complete name of its own ("Shakarim University and")
            if s.lang == "en" and j >= 2 and toks[j - 1].lower in ("of", "and", "for") \
                    and _is_capword(toks[j - 2]) and not s.taken[j - 2] and i - j < 8 \
                    and not (toks[j - 1].lower == "and" and (_is_org_head(toks[j - 2]) or _legal_form(toks[j - 2])
                                                             or _is_loc(toks[j - 2]))):
                plain_j = j if plain_j is None else plain_j
                j -= 1
        # ... and only when the words it reaches start with an organisation's head word
        # ("Institute of ..."), not "Engineers of EMC LLP"
        if plain_j is not None:
            first_conn = next(k for k in range(j, i) if toks[k].lower in ("of", "and", "for"))
            only_and = all(toks[k].lower == "and" for k in range(j, i) if toks[k].lower in ("of", "and", "for"))
            # "National Agrarian Science and Educational Centre NJSC", "Zenchenko and K LLP" —
            # but not two names ("Kazatomprom and EMC LLP": a short name before "and")
            left_word = toks[first_conn - 1]
            if not (any(_is_org_head(toks[k]) for k in range(j, first_conn))
                    or (only_and and not left_word.is_allcaps and not _CAMEL_ABBR.match(left_word.text)
                        and not _CAMEL_NAME.match(left_word.text)
                        and not gazetteer.builtin().find(left_word.text))):
                j = plain_j
        if j < i:
            s.add(j, i + 1, "ORG")


def _pass_en_akimat(s: _Sentence) -> None:
    """English "akimat of the Pavlodar region", "Akimat of Semey" (lower-case head first)."""
    toks = s.tokens
    n = len(toks)
    for i in range(n):
        if s.taken[i] or toks[i].lower not in ("akimat", "akimats"):
            continue
        k = i + 1
        if k < n and toks[k].lower == "of":
            k += 1
            if k < n and toks[k].lower == "the":
                k += 1
            j = k
            while j < n and _is_capword(toks[j]) and not s.taken[j] and j - k < 4:
                j += 1
            if j > k:
                if j < n and (toks[j].lower in lx.REGION_WORDS or toks[j].lower in lx.CITY_WORDS):
                    j += 1
                s.add(i, j, "ORG")


_EN_LOWER_HEADS = frozenset("akimat akimats university institute college academy refinery plant factory "
                            "mine mill school-lyceum school-gymnasium gymnasium lyceum".split())


def _quoted(toks: list[Token], i: int, j: int) -> bool:
    """tokens[i:j] stand between quotes ("Al-Farabi Startups", «Syr Sulu»)."""
    return i > 0 and j < len(toks) and toks[i - 1].text in OPEN_Q and toks[j].text in CLOSE_Q


def _after_honorific(toks: list[Token], i: int) -> bool:
    """"Mr. Wang Lei", "Dr Anna Kowalska": a name follows."""
    k = i - 1
    if k >= 0 and toks[k].text == ".":
        k -= 1
    return k >= 0 and toks[k].lower in ("mr", "mrs", "ms", "dr", "prof", "sir", "madam")


def _en_title_case(s: _Sentence) -> bool:
    """A headline in Title Case ("Shakarim University Hosts Open Day For Future Students"):
    capitals there say nothing about names, and the body names the same things again."""
    words = [t for t in s.tokens if t.is_word and not t.text.isdigit()]
    if len(words) < 5:
        return False
    caps = [t for t in words if t.is_cap]
    ordinary = [t for t in caps if _en_frequent(t.lower) and not _is_org_head(t) and not _is_position(t)
                and t.lower not in EN_CONNECTORS]
    return len(caps) >= 0.8 * len(words) and len(ordinary) >= 3


_NAMED_AFTER_RE = re.compile(r"\s+named\s+after\.?\s+(?:(?:[Aa]cademician|[Aa]cademic|[Pp]rofessor)\s+)?"
                             r"(?:[A-Z][a-z]?\.\s*)*$")


def _en_named_after(text: str, spans: list[Span]) -> list[Span]:
    """"Institute of Geology named after K. Turyssov" is one organisation's name."""
    out: list[Span] = []
    for sp in spans:
        if sp.label == "PER" and out and out[-1].label == "ORG" \
                and _NAMED_AFTER_RE.fullmatch(text[out[-1].end:sp.start]):
            org = out.pop()
            out.append(Span(org.start, sp.end, "ORG", text[org.start:sp.end]))
            continue
        out.append(sp)
    return out


_POSSESSIVE_RE = re.compile(r"['’]s$")
# a board or a document of an organisation, in front of its name: "Board of Trustees of the
# ... University", "Charter of the International Association of Energy Universities"
_BOARD_RE = re.compile(r"^(?:(?:Supervisory )?Board(?: of (?:Directors|Trustees))?|Charter|Statute|Strategy"
                       r"|Memorandum|Programme|Program|Agreement|Roadmap) of (?:the )?(?=\S)")
_NUMBER_AFTER_RE = re.compile(r"\s?№\s?\d+")
# an embassy or consulate is named with the host country: "Embassy of Turkey in the Republic
# of Kazakhstan"
_MISSION_RE = re.compile(r"^(?:Embassy|Consulate(?: General)?) of ")
_MISSION_IN_TITLE_RE = re.compile(r" of the (?=(?:Embassy|Consulate) of )")
_INNER_POSSESSIVE_RE = re.compile(r"(?<!People)['’]s\s")   # (not "People’s Republic of China")
_HOST_AFTER_RE = re.compile(r" in (?:the )?(?:Republic of )?[A-Z][a-z]+(?=\W|$)")
# words that with a head make no name of their own: "University", "Scientific Center",
# "Educational Institutions"
_EN_GENERIC = frozenset("the scientific research educational regional local main new our this its".split())


def _en_tidy(text: str, spans: list[Span]) -> list[Span]:
    """English span ends: "Satbayev University’s" without the possessive ending; "Board of the
    National Geological Service" is the service (the board is a title's part); "School-Gymnasium
    № 12" with its number; a name followed by a verb of a Title Case headline ("Beibit Mamrayev
    Holds ...") without the verb; "Employer's Day" is no person."""
    out = []
    for sp in spans:
        a, b = sp.start, sp.end
        if _POSSESSIVE_RE.search(text[a:b]):
            b -= 2
        if sp.label == "ORG":
            # "Shakarim University’s Vice-Rector for Science": the name ends at the possessive
            m = _INNER_POSSESSIVE_RE.search(text, a, b)
            if m:
                b = m.start()
            m = _MISSION_IN_TITLE_RE.search(text, a, b)
            if m:
                a = m.end()  # "Counsellor for Education of the Embassy of Turkey": the embassy
            if all(w.lower() in _EN_GENERIC or w.lower().removesuffix("s") in lx.ORG_HEADS for w in text[a:b].split()):
                continue
            m = _BOARD_RE.match(text[a:b])
            if m and len(text[a + m.end():b].split()) >= 2:
                a += m.end()
            m = _NUMBER_AFTER_RE.match(text, b)
            if m:
                b = m.end()
            if _MISSION_RE.match(text[a:b]):
                m = _HOST_AFTER_RE.match(text, b)
                if m:
                    b = m.end()
        if sp.label == "PER":
            words = text[a:b].split()
            if len(words) >= 2 and words[0] == "Great":
                a = text.index(words[1], a + 5)   # "the Great Abai": the poet
            if any(_POSSESSIVE_RE.search(w) for w in words):
                continue
            if len(words) >= 2 and len(words[0]) >= 2 and words[0].isupper() and words[0].isalpha():
                # "PATS Assanov Zhandos": an organisation's short name, then the person
                out.append(Span(a, a + len(words[0]), "ORG", words[0]))
                if len(words) == 2:
                    continue
                a = text.index(words[1], a + len(words[0]))
            if len(words) >= 3 and words[-1].endswith("s") and words[-1].lower() not in lx.FIRST_NAMES \
                    and _en_zipf(words[-1].lower()) >= 4.2:
                b = a + len(text[a:b].rsplit(" ", 1)[0])
        out.append(sp if (a, b) == (sp.start, sp.end) else Span(a, b, sp.label, text[a:b]))
    return out


def _cap_runs(s: _Sentence) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words (with inner connectors for English/Russian names)."""
    toks = s.tokens
    n = len(toks)
    runs = []
    i = 0
    while i < n:
        if s.taken[i] or not _is_capword(toks[i]):
            i += 1
            continue
        j = i + 1
        while j < n and not s.taken[j]:
            t = toks[j]
            if _is_capword(t):
                j += 1
                continue
            # initials: "А. Б. Иванов" -> the dot after a single capital
            if t.text == "." and is_initial_text(toks[j - 1].text):
                j += 1
                continue
            # hyphenated tails split by spaces "SHAKARIM EXPO – 2024" are handled by events
            if s.lang == "en" and t.lower in EN_CONNECTORS and _en_bridges(toks, i, j):
                k = j
                while k < n and toks[k].lower in EN_CONNECTORS:
                    k += 1
                if k < n and _is_capword(toks[k]) and not s.taken[k] and k - j <= 2:
                    j = k
                    continue
            break
        runs.append((i, j))
        i = j
    return runs


def _en_bridges(toks: list[Token], i: int, j: int) -> bool:
    """May the connector at `j` join the capitalised words `toks[i:j]` to the next ones?
    "of"/"the"/"for" may ("University of Nottingham"); "on"/"in" only inside an
    organisation's name ("Committee on Ethics", not "Nurlan Urankhayev on Monday"); "and"
    only in the subject of a "Head of ..." name ("Ministry of Science and Higher
    Education"), not between two names ("Nazarbayev University and Satbayev University")."""
    word = toks[j].lower
    run = toks[i:j]
    if word in ("on", "in"):
        return toks[j - 1].lower in ("committee", "council", "commission", "board")
    if word in ("and", "&"):
        if _is_org_head(toks[j - 1]) or _legal_form(toks[j - 1]):
            return False
        # the words since the last connector ("Head of the | International Relations")
        subject = run[max((m + 1 for m, t in enumerate(run) if t.lower in EN_CONNECTORS), default=0):]
        # the words after "and" with a head word of their own are the next name ("Institute of
        # Agricultural Engineering and Zhangir Khan ... University")
        k = j + 1
        while k < len(toks) and (_is_capword(toks[k]) or toks[k].text == "."):
            if _is_org_head(toks[k]) and k > j + 1 and len(subject) <= 3 and not any(map(_is_org_head, run)) \
                    and all(_kind_of_token(t, "en") == "UNK" or t.lower in lx.NATIONALITIES for t in subject):
                # "International Relations and Cooperation Department", "One Belt and One Way
                # Oil Engineering Institute": subject words with no head (nor a place or a
                # person's name) of their own are joined to the head after "and"
                return True
            if _is_org_head(toks[k]) or _legal_form(toks[k]) or _is_position(toks[k]):
                return False  # ... or a title that opens the next person's mention
            k += 1
        # ... or of a title ("Vice-Rector for Science and Innovation")
        return any((_is_org_head(t) or _is_position(t)) and k + 1 < len(run) and run[k + 1].lower in ("of", "for")
                   for k, t in enumerate(run))
    return True


_CAMEL_ABBR = re.compile(rf"^[A-Z{CYR_UPPER}][a-z{CYR_LOWER}]{{1,4}}[A-Z{CYR_UPPER}]{{1,4}}$")
# several capitalised parts in one word (not "McDonald", "MacLeod")
_CAMEL_NAME = re.compile(rf"^(?!Ma?c[A-Z])(?:[A-Z{CYR_UPPER}][a-z{CYR_LOWER}]+){{2,}}$")
# English words a person's name does not contain: the tell of a title of a work ("Selected
# Works", "Abay Studies") or of a subject ("Faculty of Law") taken for a name.
_EN_COMMON_END = re.compile(r"(?:ies|ks|ss|tion|sion|ment|ing|ology|ure|ism|ics|ness|ity|ence|ance|ship|ary|ery)$")
_EN_COMMON = frozenset(
    "selected works collected complete studies history anthology book books poems songs letters "
    "notes essays stories tales volume readings heritage culture art arts science law economy dialogue".split()
)


_EN_FREQUENT_ZIPF = 3.0  # about once in a million words of English
_EN_GIVEN_ZIPF = 5.0     # "National" 5.5


@functools.lru_cache(maxsize=50_000)
def _en_zipf(word: str) -> float:
    """How common a lower-case word is in English, on the Zipf scale (by the `wordfreq` lists
    shipped in its wheel; imported on first use, it takes 0.3 s to load)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _en_frequent(word: str) -> bool:
    """An ordinary English word. First names the lexicon knows are not counted as ordinary."""
    return word not in lx.FIRST_NAMES and _en_zipf(word) >= _EN_FREQUENT_ZIPF


def _en_common(t: Token) -> bool:
    """A word of a title or a subject; the ending counts after a stem of two letters or more
    ("Press", "Studies"; not the given name "Jing")."""
    if t.lower in _EN_COMMON:
        return True
    m = _EN_COMMON_END.search(t.lower)
    return bool(m) and m.start() >= 2


# "O’Donnell", "McAllister", "MacLeod": shapes only a surname has
_EN_SURNAME_SHAPE = re.compile(r"^(?:O['’]|Ma?c)[A-Z][a-z]{2,}$")


def _kind_of_token(t: Token, lang: str) -> str:
    if _legal_form(t):
        return "LF"
    if _is_position(t) or (t.lower in lx.POSITION_MODIFIERS):
        return "POS"
    if _is_org_head(t):
        return "ORGH"
    if t.lower in lx.NOT_ORG_ABBREVIATIONS:
        return "UNK"
    if t.is_allcaps and len(t.text) <= 6:
        return "LOC" if t.lower in lx.LOCATIONS else "ABBR"
    if _CAMEL_ABBR.match(t.text) or _CAMEL_NAME.match(t.text):
        # "KazNU", "ҚазҰУ", "MedTech", "KazMunayGas": an organisation's name, not a person's
        return "ABBR"
    if _is_loc(t):
        return "LOC"
    if _is_first_name(t):
        return "FN"
    if _is_surname(t) or (lang == "en" and _EN_SURNAME_SHAPE.match(t.text)):
        return "SN"
    if t.lower in EN_CONNECTORS:
        return "CONN"
    return "UNK"


def _extend_org_right(s: _Sentence, j: int, max_lower: int = 4) -> int:
    """Pull lower-case words and a following capitalised name into an organisation
    that starts with its head word ("Министерство образования и науки Республики Казахстан")."""
    toks = s.tokens
    n = len(toks)
    k = j
    seen_lower = 0
    best = j
    while k < n and not s.taken[k] and toks[k].is_word:
        t = toks[k]
        if _is_capword(t):
            best = k + 1
            k += 1
            continue
        if _is_position(t):
            break
        seen_lower += 1
        if seen_lower > max_lower:
            break
        k += 1
        if t.lower in ("имени", "им"):
            continue
    return best


_INFL_RE = None


def _inflected(t: Token) -> bool:
    """A Kazakh/Russian name with a case ending: a name cannot continue after it."""
    global _INFL_RE
    if _INFL_RE is None:
        _INFL_RE = re.compile(rf"\w{{3,}}(?:{_KK_CASE})$")
    return bool(_INFL_RE.match(t.lower))


_KK_CASE = ("ның|нің|тың|тің|дың|дің|ға|ге|қа|ке|да|де|та|те|нда|нде|дан|ден|тан|тен|нан|нен|"
            "ды|ді|ты|ті|ны|ні|мен|пен|бен")


# a pinyin given name: one or two syllables ("Changyi", "Xiaoliang", "Qian", "Dong-hai")
_PINYIN_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
                    r"(?:iang|iong|uang|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ui|ao|ou|iu|ie|ue|er|an|en|in|un|"
                    r"ia|ua|uo|a|o|e|i|u|v)")
_PINYIN_GIVEN = re.compile(rf"^{_PINYIN_SYLLABLE}(?:-?{_PINYIN_SYLLABLE})?$")


def _chinese_name_at(toks: list[Token], k: int, j: int) -> bool:
    """"Liu Xiaoliang", "Guo Changyi": a common Chinese surname, then a pinyin given name."""
    if toks[k].text not in lx.CHINESE_SURNAMES or k + 1 >= j:
        return False
    given = toks[k + 1]
    if not (given.is_cap and not given.is_allcaps and _PINYIN_GIVEN.match(given.lower)):
        return False
    return _en_zipf(given.lower) < 4.5  # "Yu", "Qian" yes; "Long Island" no


def _classify_run(s: _Sentence, i: int, j: int) -> None:
    """Cut a capitalised run where one name ends and the next begins, then type each part."""
    toks = s.tokens
    kinds = [_kind_of_token(toks[k], s.lang) for k in range(i, j)]
    if s.lang == "en":
        for k in range(i, j - 1):
            if _chinese_name_at(toks, k, j):
                # the surname comes first: typed as the first and last word of a name
                kinds[k - i], kinds[k + 1 - i] = "FN", "SN"
        # "State University", "Tashkent State University of Economics", "First President
        # Foundation": a modifier before a head word is part of the name, unless a title word
        # follows it ("Deputy Director of Center")
        kinds = ["UNK" if kd == "POS" and toks[i + m].lower in lx.POSITION_MODIFIERS
                 and not (m + 1 < len(kinds) and kinds[m + 1] == "POS")
                 and any(kd2 in ("ORGH", "LF") for kd2 in kinds[m + 1:]) else kd
                 for m, kd in enumerate(kinds)]

    # "D. Serikbaev EKSTU", "Kh. Dosmukhamedov Atyrau University": a person's initial and
    # surname before a head word or a short name belong to the organisation's name
    if s.lang == "en" and j - i >= 4 and kinds[-1] in ("ORGH", "LF", "ABBR") and toks[i + 1].text == "." \
            and len(toks[i].text) <= 2 and toks[i].is_cap and toks[i].text.isalpha() \
            and all(kd in ("ORGH", "LF", "ABBR", "LOC", "UNK", "SN", "FN") for kd in kinds[2:]) \
            and not any(toks[k].lower in EN_CONNECTORS for k in range(i, j)):
        s.add(i, j, "ORG")
        return
    cuts = [i]
    for k in range(i + 1, j):
        prev, cur = kinds[k - 1 - i], kinds[k - i]
        if (
            (prev == "SN" and cur == "FN" and _two_names_meet(toks, kinds, i, k, j))
            # ("Satbayev University", "Nazarbayev University": in English a name before a
            # head word names the organisation)
            or (prev in ("FN", "SN") and cur in ("LOC", "ORGH", "ABBR", "POS")
                and not (s.lang == "en" and (cur == "ORGH" or (cur == "LOC" and kinds[-1] == "ORGH"))))
            or (prev == "POS" and cur not in ("POS", "CONN") and k - 1 > i)
            or (s.lang == "kk" and prev in ("FN", "SN", "UNK", "LOC") and _inflected(toks[k - 1])
                and not _is_org_head(toks[k]))
        ):
            cuts.append(k)
    if s.lang == "en":
        cuts.extend(_en_of_cuts(toks, kinds, i, j))
        # "Spektromart Irina Sokolova", "Graduate Yerzhan Tolegenov": a known first name after
        # unknown words starts the person — unless the run is an organisation's name with a
        # person's name in it ("Abylkas Saginov Karaganda Technical University")
        for k in range(i + 1, j - 2):
            if len(toks[k].text) == 1 and toks[k].text.isupper() and toks[k + 1].text == "." \
                    and not (toks[k - 1].text == "." and len(toks[k - 2].text) == 1) \
                    and _is_capword(toks[j - 1]) and kinds[-1] not in ("ORGH", "LF") \
                    and toks[k - 1].lower not in ("after", "named") \
                    and not (k + 3 == j and kinds[k - 1 - i] in ("FN", "UNK")):
                cuts.append(k)  # (not "Natalia A. Nesterenko": a first name, then a middle initial)
        if kinds[-1] not in ("ORGH", "LF"):
            for k in range(i + 1, j - 1):
                if kinds[k - i] == "FN" and kinds[k - i - 1] == "UNK" and kinds[k - i + 1] in ("SN", "UNK", "FN"):
                    cuts.append(k)
                    break
        cuts = sorted(set(cuts))
    cuts.append(j)
    for a, b in zip(cuts, cuts[1:], strict=False):
        _classify_segment(s, a, b, kinds[a - i:b - i])


_PATRONYMIC_RE = re.compile(r"(?:uly|uli|kyzy|qyzy|ұлы|қызы|вич|вна)$", re.I)


def _two_names_meet(toks: list[Token], kinds: list[str], i: int, k: int, j: int) -> bool:
    """A surname at ``k - 1`` then a first name at ``k``: two people ("Zhanseit Tuymebaev
    Bakytzhan Sarsenov") when a first name precedes the surname or a surname follows the first
    name; otherwise one name written surname first ("Assanov Zhandos", "Асанов Жандос",
    "Assanov Zhandos Bolatuly")."""
    if "FN" in kinds[:k - 1 - i]:
        return True
    return k + 1 < j and kinds[k + 1 - i] == "SN" and not _PATRONYMIC_RE.search(toks[k + 1].text)


def _en_of_cuts(toks: list[Token], kinds: list[str], i: int, j: int) -> list[int]:
    """English "A of B" where B has a head word of its own is two names: "Centre for
    Continuing Education of Toraighyrov University", "Mikko Lehtinen of the University of
    Oulu" — but "University of Oulu" and "Ministry of Education of the Republic of
    Kazakhstan" are one."""
    cuts = []
    start = i
    for k in range(i + 1, j - 1):
        if toks[k].lower != "of" or kinds[k - 1 - i] == "CONN":
            continue
        left = kinds[start - i:k - i]
        while left and left[0] in ("POS", "CONN"):  # "Professor Mikko Lehtinen of ..."
            left = left[1:]
        # the right part is a name with its own head (up to the next "of")
        nxt = next((m for m in range(k + 1, j) if toks[m].lower == "of"), j)
        right = kinds[k + 1 - i:nxt - i]
        personlike = len(left) >= 2 and all(kd in ("FN", "SN", "UNK") for kd in left)
        lead = start
        while lead < k and kinds[lead - i] in ("POS", "CONN"):
            lead += 1
        known_person = personlike and (any(kd in ("FN", "SN") for kd in left) or _after_honorific(toks, lead))
        # a name, not a bare head ("of Technologies")
        named = "ORGH" in right and any(kd not in ("ORGH", "CONN") for kd in kinds[k + 1 - i:])
        if (named and ("ORGH" in left or personlike)) or known_person:
            cuts.append(k)
            start = k + 1
    return cuts


def _classify_segment(s: _Sentence, i: int, j: int, kinds: list[str]) -> None:
    toks = s.tokens
    lang = s.lang
    kinds = list(kinds)
    sent_initial = i == 0 or (i == 1 and not toks[0].is_word)

    # Peel position titles off the front: "Deputy Prime Minister Yeraly Tugzhanov",
    # "Ректор", "Президент" — they are not part of the name.
    peeled_for = False
    titled = False  # a title stood before the name ("Professor Hans Müller")
    while i < j and kinds[0] in ("POS", "CONN"):
        peeled_for = toks[i].lower == "for"
        titled = kinds[0] == "POS"  # the title right before the name, not "Akim of ..."
        i += 1
        kinds.pop(0)
        sent_initial = False
    if i >= j:
        return
    # "Vice-Rector for Science and Innovation Daniyar Seitkali": after "for" comes the
    # title's field, not an organisation; only the trailing name is an entity.
    if lang == "en" and peeled_for:
        # "... for International Affairs of KAIST Choi Dong-hyun": the organisation and the
        # person after the last "of" are read as any other run
        of = [k for k in range(i, j) if toks[k].lower == "of"]
        if of:
            _classify_segment(s, of[-1] + 1, j, kinds[of[-1] + 1 - i:])
            return
        tail = _person_tail(toks, kinds, i, j, lang == "en")
        if tail is not None:
            s.add(tail, j, "PER")
        elif j - i <= 3 and all(kd in ("FN", "SN") for kd in kinds):
            s.add(i, j, "PER")
        return
    # ... and off the back (Kazakh word order: "Нұрлан Уранхаев әкімі" is rare; English
    # "Kusherbayev, Secretary" is split by the comma anyway).
    while j > i and kinds[-1] in ("POS", "CONN"):
        j -= 1
        kinds.pop()
    if i >= j:
        return

    # Sentence-initial capitals carry no information: drop an unknown first word
    # ("Әрине", "Today", "Сегодня") unless the run is a single word with org/place context.
    if (toks[i].lower in lx.CAP_STOPWORDS and not (i + 1 < j and toks[i + 1].text == ".")) or (
        sent_initial and kinds[0] == "UNK" and j - i > 1 and kinds[1] not in ("SN", "FN")
        and lang != "en"
    ):
        i += 1
        kinds.pop(0)
        sent_initial = False
        if i >= j:
            return

    # "Currently Al-Farabi Kazakh National University is ...": an adverb opening the sentence
    if lang == "en" and sent_initial and j - i > 1 and kinds[0] == "UNK" and toks[i].lower.endswith("ly") \
            and _en_frequent(toks[i].lower):
        i += 1
        kinds.pop(0)
        sent_initial = False
    # English "Students of the Kazakh National University": a sentence-initial ordinary word
    # joined to a name by "of" is not part of the name.
    while lang == "en" and sent_initial and j - i > 2 and kinds[0] == "UNK" and kinds[1] == "CONN":
        i += 1
        kinds.pop(0)
        # ("Meeting of the President of ...": the title after it goes too)
        while i < j - 1 and kinds[0] in ("CONN", "POS"):
            i += 1
            kinds.pop(0)
        sent_initial = False
    if i >= j:
        return

    n = len(toks)
    # Right context: lower-case region words / org heads right after the run.
    k = j
    lower_tail = []
    while k < n and k - j < 4 and toks[k].is_word and not _is_capword(toks[k]) and not s.taken[k]:
        lower_tail.append(toks[k])
        k += 1
    if lower_tail and _is_position(lower_tail[0]) and all(kd == "UNK" for kd in kinds):
        return
    for m, t in enumerate(lower_tail):
        if _is_org_head(t) and not _is_position(t):
            # "Шәкәрім университеті", "Абай облысының әкімдігі", "Сыртқы істер министрлігі";
            # not an ordinary English word opening a sentence ("Press service of ...")
            if lang == "en" and sent_initial and j - i == 1 and kinds[0] == "UNK":
                break
            # English puts a lower-case head after a name only for a few kinds ("Atyrau
            # refinery", "Semey city akimat"), never after a nationality ("Polish company") or
            # a name that has its head already ("QazTech Ventures fund")
            if lang == "en" and (t.lower not in _EN_LOWER_HEADS or "ORGH" in kinds
                                 or all(toks[k].lower in lx.NATIONALITIES for k in range(i, j))):
                break
            if lang in ("kk", "ru") or m == 0:
                s.add(i, j + m + 1, "ORG")
                return
        if t.lower in lx.REGION_WORDS or stem_lookup(t.text, lx.REGION_WORDS, 6, 4) or t.lower in lx.CITY_WORDS:
            if m == 0:
                # "Абай облысы", "Abai region", "Павлодарская область"
                nxt = j + 1
                if "ORGH" in kinds:  # "Akimat of the Abai region"
                    s.add(i, j + 1, "ORG")
                elif nxt < n and toks[nxt].is_word and _is_org_head(toks[nxt]) and not _is_position(toks[nxt]):
                    s.add(i, nxt + 1, "ORG")
                else:
                    s.add(i, j + 1, "LOC")
                return
            break
        if lang == "en" or m >= 2:
            break

    # Event names ("Science Week", "SHAKARIM EXPO") are handled by the event extractor.
    if any(toks[k].lower in lx.EVENT_HEADS for k in range(i, j)) and "ORGH" not in kinds:
        return
    # "Press Service", "Press Office": the release's own signature, not a named organisation
    if lang == "en" and toks[i].lower == "press" and j - i == 2:
        return
    # A bare head word ("Орталық", "Театр", "Council") names no particular organisation.
    if all(kd == "ORGH" for kd in kinds) and not toks[i].lower.startswith(STANDALONE_ORGS):
        return
    # where a trailing person's name starts (i, j and kinds stay as they are from here on)
    person_tail = _person_tail(toks, kinds, i, j, lang == "en")
    # English "Faculty of Law Akerke Zhakysh": a complete "HEAD of Subject" name, then a
    # person's two or three name words (none of them an ordinary English word).
    if lang == "en" and j - i >= 5 and kinds[0] == "ORGH" and kinds[1] == "CONN":
        # a known first name or surname shows where the person starts ("Department of
        # Veterinary Medicine Gulnara Zhumabekova"); otherwise the subject is one word
        tail = person_tail
        if tail is not None and tail >= i + 3 and any(kd in ("FN", "SN") for kd in kinds[tail - i:]):
            s.add(i, tail, "ORG")
            s.add(tail, j, "PER")
            return
        if 2 <= j - (i + 3) <= 3 and all(kd in ("UNK", "FN", "SN") for kd in kinds[3:]) \
                and not any(_en_common(toks[k]) for k in range(i + 3, j)):
            s.add(i, i + 3, "ORG")
            s.add(i + 3, j, "PER")
            return
    # Org by head word inside the run.
    if "LF" in kinds or "ORGH" in kinds:
        # Split a trailing person off: "Al-Farabi KazNU Zhanseit Tuymebaev"
        tail = person_tail
        if tail is None and lang == "en":
            tail = _en_unknown_person_tail(toks, kinds, i, j)
            if tail is not None and all(kd in ("ORGH", "CONN") for kd in kinds[:tail - i]):
                s.add(tail, j, "PER")  # "Commission Yener Yildirim": a bare head names nothing
                return
        if tail is not None and tail > i:
            org_end = tail
            if kinds[0] == "ORGH" and lang == "ru":
                org_end = max(org_end, i + 1)
            s.add(i, org_end, "ORG")
            s.add(tail, j, "PER")
            return
        end = j
        if lang == "ru" and kinds[-1] == "ORGH":
            end = _extend_org_right(s, j)
        s.add(i, end, "ORG")
        return

    tail = person_tail
    if tail is not None and tail > i and lang == "en" and any(
            k in ("CONN", "LOC", "ABBR", "ORGH") for k in kinds[: tail - i]):
        head = kinds[: tail - i]
        is_loc = all(k in ("LOC", "CONN") for k in head) or toks[i].lower == "republic"
        s.add(i, tail, "LOC" if is_loc else "ORG")
        s.add(tail, j, "PER")
        return
    if lang == "en" and "CONN" in kinds and not all(k in ("LOC", "CONN") for k in kinds):
        return  # "Code of Humanity of Abay": a title, not a name
    # English "... of the Republic of Kazakhstan": treat "Republic" as a place word.
    if all(kd in ("LOC", "CONN") for kd in kinds) or (
        toks[i].lower in ("republic", "республика", "республики", "республикасы", "республикасының")
    ):
        s.add(i, j, "LOC")
        return

    if all(kd == "ABBR" for kd in kinds):
        s.add(i, j, "ORG")
        return

    # Mixed run: leading places/abbreviations then a person ("Almaty Yerzhan Babakumarov").
    tail = person_tail
    if tail is not None and tail > i and all(k in ("LOC", "ABBR", "CONN", "ORGH") for k in kinds[: tail - i]):
        head_kinds = kinds[: tail - i]
        lab = "LOC" if all(k in ("LOC", "CONN") for k in head_kinds) else "ORG"
        s.add(i, tail, lab)
        s.add(tail, j, "PER")
        return

    if lang == "en" and kinds[0] == "ABBR" and all(kd in ("ABBR", "LOC") for kd in kinds):
        s.add(i, j, "ORG")  # "EPAM Kazakhstan": a company's country office
        return
    if lang == "en" and (toks[j - 1].lower in lx.STREET_WORDS
                         or (j < len(toks) and toks[j].lower in lx.STREET_WORDS)):
        return  # "Satpayev Street": an address, not a person
    personish = any(kd in ("FN", "SN") for kd in kinds) or any(
        _is_initial(toks, m) for m in range(i, j)
    )
    if personish and lang == "en" and (any(_en_common(toks[k]) for k in range(i, j)) or _quoted(toks, i, j)):
        return  # "Abay Studies", "Al-Farabi Startups": a title of a work or a project
    if personish:
        s.add(i, j, "PER")
        return

    if kinds[0] == "LOC" and j - i >= 1:
        s.add(i, j, "LOC")
        return

    # Unknown capitalised words.
    if sent_initial and j - i == 1:
        return  # an ordinary word at the start of a sentence
    word = toks[i].text
    latin = bool(re.match(r"[A-Za-z]", word))
    if lang in ("ru", "kk") and latin:
        # Latin-script names inside Cyrillic news are mostly brands/companies/media.
        s.add(i, j, "ORG")
        return
    if lang == "en":
        # two or three unknown capitalised words are a name when one of them is not an
        # ordinary English word ("Mikko Lehtinen", not "Open Day" or "Green Bridge")
        # ("National Kurultai": a given name is not one of the commonest words; "the Great
        # Abai" is the poet)
        given = toks[i + 1] if toks[i].text == "Great" else toks[i]
        if 2 <= j - i <= 3 and "ABBR" not in kinds and not any(_en_common(toks[k]) for k in range(i, j)) \
                and not _quoted(toks, i, j) and (_after_honorific(toks, i) or titled or (
                not all(_en_frequent(toks[k].lower) for k in range(i, j)) and _en_zipf(given.lower) < _EN_GIVEN_ZIPF)):
            s.add(i, j, "PER")
        # "KAIST Choi Dong-hyun": an organisation's short name, then a person
        elif kinds[0] == "ABBR" and 3 <= j - i <= 4 and all(kd == "UNK" for kd in kinds[1:]) \
                and not any(_en_frequent(toks[k].lower) for k in range(i + 1, j)):
            s.add(i, i + 1, "ORG")
            s.add(i + 1, j, "PER")
        return
    # Cyrillic unknown capitalised run inside the sentence: names are the likeliest.
    if j - i <= 3 and (j - i >= 2 or UNKNOWN_SINGLE_AS_PER):
        s.add(i, j, "PER")


# Tuned on the dev splits: a lone unknown capitalised word is a person less often than not.
UNKNOWN_SINGLE_AS_PER = False


STANDALONE_ORGS = tuple(
    "парламент сенат мажилис мәжіліс госдум parliament senate mazhilis еврокомисси роскосмос "
    "үкімет правительств government akimat акимат".split()
)


def _en_unknown_person_tail(toks: list[Token], kinds: list[str], i: int, j: int) -> int | None:
    """"Department of International Relations and Protocol Nuri Aivaz", "School of Mining and
    Geosciences Randy Hazlett": two words no list knows after an organisation's name are a
    person's name when the last is a rare word in English (surnames are) and neither is an
    ordinary word of a name ("Centre", "Studies")."""
    if j - i < 3 or any(kd != "UNK" for kd in kinds[j - 2 - i:]):
        return None
    first, last = toks[j - 2], toks[j - 1]
    if _en_common(first) or _en_common(last) or first.is_allcaps or last.is_allcaps:
        return None
    if _en_zipf(last.lower) >= 2.5 or _en_zipf(first.lower) >= 4.0:
        return None
    return j - 2


def _person_tail(toks: list[Token], kinds: list[str], i: int, j: int, english: bool = False) -> int | None:
    """Index where a trailing person name (2–3 tokens with a first name or surname) starts."""
    for length in (3, 2):
        if j - i <= length:
            continue
        start = j - length
        tail = kinds[start - i:]
        if length == 3 and english and tail[0] not in ("FN", "SN"):
            continue  # "Veterinary Medicine Gulnara Zhumabekova": two-word names are the rule
        if english and any(_en_common(toks[k]) for k in range(start, j)):
            continue  # "Anthology of Abay Studies": a title, not "Abay Studies" the person
        if all(k in ("FN", "SN", "UNK") for k in tail) and any(k in ("FN", "SN") for k in tail):
            return start
    return None


def _natasha_ru(text: str, normalise: bool) -> list[Span] | None:
    """Russian: natasha's spans, with the rules' legal-form organisations ("ТОО «X»",
    "«X» ЖШС") taking the place of the natasha spans they overlap (natasha often cuts the
    closing quote or the form)."""
    found = ru_natasha.spans(text, normalise=normalise)
    if found is None:
        return None
    legal, _ = _rule_spans(text, "ru", runs=False)
    out = list(legal)
    for start, stop, label, normal in found:
        if any(start < sp.end and sp.start < stop for sp in legal):
            continue
        if normal and "имени" in text[start:stop]:
            normal = normal.replace(" имя ", " имени ")  # pymorphy reads "имени" as a form of "имя"
        out.append(Span(start, stop, label, text[start:stop], normal))
    out.sort(key=lambda sp: sp.start)
    return _ru_people(text, _ru_tidy(text, out))


_RU_NAMED_AFTER_END = re.compile(rf"(?:\bим\.?|\bимени)\s*(?:[{CYR_UPPER}]\.\s*){{0,3}}[{CYR_UPPER}]?\.?$")
_RU_NAMED_AFTER_REST = re.compile(rf"\.?\s*(?:[{CYR_UPPER}]\.\s*){{0,3}}(?:[{CYR_UPPER}][\w-]+)")
# an adjective ending: "Ошского государственного" is cut before its head word
_RU_ADJ_END = re.compile(r"(?:ого|его|ой|ей|ый|ий|ая|яя|ое|ее|ом|ем|ых|их|ым|им|ую|юю)$")
# a degree or a title abbreviation run on after a name: "… им. С. Торайгырова д.полит.н."
_RU_TRAILING_ABBR = re.compile(r"\s+[а-яё]{1,5}\.$")
_RU_BOARD = ("правление", "правления", "правлении", "правлением")


def _ru_tidy(text: str, spans: list[Span]) -> list[Span]:
    """Russian span ends natasha gets wrong on university pages: "ВКГУ им.С. Аманжолова" cut at
    the glued initial; a person run on after an organisation ("АО ГК Аллюр Айгуль
    Ахметовой", "… им Д. Серикбаева Жасулан Шаймарданов"); "Правления" (the board in a
    title) and a bare head word ("Университета") taken for a name."""
    out: list[Span] = []
    skip_until = -1
    for sp in spans:
        if sp.start < skip_until:
            continue
        a, b, label, normal = sp.start, sp.end, sp.label, sp.normal
        if label == "ORG" and _RU_NAMED_AFTER_END.search(text[a:b]):
            m = _RU_NAMED_AFTER_REST.match(text, b)
            if m:
                b, normal, skip_until = m.end(), "", m.end()
                out = [o for o in out if o.end <= a or o.start >= b]
        m = _RU_TRAILING_ABBR.search(text[a:b]) if label == "ORG" else None
        if m and text[a:b][m.start():].strip() != "им.":
            b, normal = a + m.start(), ""
        toks = [t for t in tokenize(text[a:b], a) if t.is_word]
        # "Правления-Ректор Казахского национального университета", "Ректор Ерлан Шуланов": a
        # title run on in front (the board only in an organisation: "Правление" may be one)
        lead = 0
        while lead < len(toks) - 1 and (
                (label == "ORG" and toks[lead].lower.split("-")[0] in _RU_BOARD)
                or (_is_position(toks[lead]) and toks[lead].is_cap and not toks[lead].is_allcaps)):
            lead += 1
        if lead:
            a, normal, toks = toks[lead].start, "", toks[lead:]
        if label == "PER" and len(toks) > 2 and any(t.lower in ("им", "имени") for t in toks[1:]) and (
                toks[0].is_allcaps or _CAMEL_ABBR.match(toks[0].text) or _is_org_head(toks[0])):
            label, normal = "ORG", ""  # "КарГУ им. Е.А. Букетова Тобылов Адиль" read as a person
        if label == "ORG" and toks and _RU_ADJ_END.search(toks[-1].lower):
            nxt = tokenize(text[b:b + 40], b)
            if nxt and nxt[0].is_word and not nxt[0].is_cap and _is_org_head(nxt[0]) and not text[b:nxt[0].start].strip():
                b, normal, skip_until = nxt[0].end, "", nxt[0].end  # "Ошского государственного университета"
        if label == "ORG" and toks:
            if len(toks) == 1 and toks[0].lower in lx.NOT_ORG_ABBREVIATIONS:
                continue  # "НИИ", "ППС": a kind of body or of staff, not a name
            if not toks[0].is_cap and len(toks) > 1 and all(_is_org_head(t) for t in toks) or (
                    toks[0].lower.endswith(("ами", "ями", "ах", "ях")) and all(_is_org_head(t) or _is_loc(t) for t in toks)):
                continue  # "кафедры университета", "университетами Кыргызстана": no name
            if len(toks) == 1 and (toks[0].lower in _RU_BOARD or (
                    _is_org_head(toks[0]) and not toks[0].is_allcaps and not toks[0].lower.startswith(STANDALONE_ORGS))):
                continue  # (the Government, the Senate are named by their head word alone)
            tail = _ru_person_tail(toks)
            # (not inside a quoted name: ТОО «Агрофирма «Родина»»)
            if tail is not None and not any(q in text[toks[tail - 1].end:b] for q in OPEN_Q + CLOSE_Q):
                out.append(Span(a, toks[tail - 1].end, "ORG", text[a:toks[tail - 1].end]))
                out.append(Span(toks[tail].start, b, "PER", text[toks[tail].start:b]))
                continue
        if (a, b) != (sp.start, sp.end):
            sp = Span(a, b, label, text[a:b], normal)
        out.append(sp)
    return out


# "А.Байтурсынова Байсаловой Айман": initials and a surname are a whole mention; two more
# names after them are the next person
_RU_TWO_PEOPLE_RE = re.compile(rf"^((?:[{CYR_UPPER}]\.\s?){{1,2}}[{CYR_UPPER}][{CYR_LOWER}-]+)\s+([{CYR_UPPER}][{CYR_LOWER}]+\s+[{CYR_UPPER}][{CYR_LOWER}]+)$")
# "при Туркестане Б. Нишанкулов": a word, then an initial and a surname (Russian puts no
# middle initial between a first name and a surname)
_RU_WORD_INITIAL_RE = re.compile(rf"^[{CYR_UPPER}][{CYR_LOWER}]+\s+(?=[{CYR_UPPER}]\.\s?[{CYR_UPPER}][{CYR_LOWER}]+$)")
_RU_NAMED_AFTER_BEFORE = re.compile(r"(?:\bим\.?|\bимени)\s*$")


def _ru_people(text: str, spans: list[Span]) -> list[Span]:
    """Person spans natasha runs together or takes from an organisation's name: the person
    a palace or a university is named after ("дворце студентов им. У.А. Жолдасбекова") is not
    a mention of a person; two people in a row are two."""
    out: list[Span] = []
    for sp in spans:
        if sp.label != "PER":
            out.append(sp)
            continue
        if _RU_NAMED_AFTER_BEFORE.search(text[max(0, sp.start - 8):sp.start]):
            continue
        m = _RU_TWO_PEOPLE_RE.match(sp.text)
        if m:
            out.append(Span(sp.start, sp.start + m.end(1), "PER", m.group(1)))
            out.append(Span(sp.start + m.start(2), sp.end, "PER", m.group(2)))
            continue
        m = _RU_WORD_INITIAL_RE.match(sp.text)
        if m:
            sp = Span(sp.start + m.end(), sp.end, "PER", sp.text[m.end():])
        out.append(sp)
    return out


def _ru_person_tail(toks: list[Token]) -> int | None:
    """Where a person's name run on after an organisation's begins: a known first name and a
    capitalised word, or initials and a surname, at the end — not the person an organisation
    is named after ("имени Манаша Козыбаева")."""
    n = len(toks)
    if n >= 3 and toks[-1].is_cap and not _is_org_head(toks[-1]) and not _is_org_head(toks[-2]) and (
            _is_first_name(toks[-2]) or (toks[-2].is_cap and not toks[-2].is_allcaps and _is_surname(toks[-1]))
            or (_is_surname(toks[-2]) and not toks[-1].is_allcaps and not _is_surname(toks[-1]))):
        # (the last also surname first: "Тобылов Адиль")
        start = n - 2
    elif n >= 2 and is_initial_text(toks[-2].text) and toks[-1].is_cap and len(toks[-1].text) > 2:
        start = n - 2
        while start > 0 and is_initial_text(toks[start - 1].text):
            start -= 1
        if start == 0:
            return None
    else:
        return None
    named = [k for k in range(start) if toks[k].lower in ("им", "имени")]
    if named:
        # the person an organisation is named after: lower-case titles, initials and one
        # surname ("имени академика Е.А. Букетова") or a first name and a surname ("имени
        # Манаша Козыбаева"); a name after that is somebody else's
        k = named[-1] + 1
        while k < n and not _is_capword(toks[k]):  # (a particle opens the name: "аль-Фараби")
            k += 1
        if k < n and is_initial_text(toks[k].text):
            while k < n and is_initial_text(toks[k].text):
                k += 1
            k += 1
        elif k + 1 < n and _is_first_name(toks[k + 1]) and not toks[k + 1].lower.endswith(("а", "я")):
            k += 1  # one name, then a first name not in the genitive: "имени аль-Фараби Жансеит …"
        else:
            k += 2
        if start < k:
            return None
    if start == 1 and _is_org_head(toks[0]):
        return None  # "Университет Alikhan Bokeikhan": the name completes the head
    return start


# How the Kazakh tagger's spans and the rules' spans are merged (measured on a held-out part
# of KazNERD valid; see bench/extraction/README.md): "tagger" = model only; "legal" = the
# rules' legal-form organisations replace overlapping model spans; "fill" = "legal" plus
# rule spans in places where the model found nothing. "legal" and "fill" then apply the
# Kazakh press-release passes (`_kk_press`); "legal-only-tagger" is "legal" without them
# (for measuring what they change on KazNERD).
KK_MERGE = "legal"


def _rule_spans(text: str, lang: str, runs: bool = True, legal: bool = True) -> tuple[list[Span], list[Span]]:
    """(legal-form organisations, all rule spans in text order) for `text`; ``runs=False``
    stops after the legal forms and quoted names (the capitalised runs are not classified);
    ``legal=False`` leaves the first list empty. An English headline in Title Case gives no
    runs: its capitals say nothing about names, and the body names the same things again."""
    legal_spans: list[Span] = []
    spans: list[Span] = []
    for s0, e0 in split_sentences(text):
        s = _Sentence(text, s0, e0, lang)
        _pass_legal_and_quoted(s)
        if legal:
            legal_spans.extend(sp for sp in s.spans if any(_legal_form(t) for t in tokenize(sp.text)))
        if lang == "en":
            _pass_en_akimat(s)
        if runs and not (lang == "en" and _en_title_case(s)):
            for i, j in _cap_runs(s):
                _classify_run(s, i, j)
        spans.extend(sorted(s.spans, key=lambda sp: sp.start))
    return legal_spans, spans


def _tagger_kk(text: str, mode: str | None = None) -> list[Span] | None:
    """Kazakh: spans of the statistical tagger (:mod:`.kk_ner`), merged with the rules'
    legal-form organisations ("«Спектромарт» ЖШС": KazNERD, transcribed TV news, has few of
    them, and the form itself is unambiguous). None when the packaged model is missing."""
    from . import kk_ner

    tagger = kk_ner.load_default()
    if tagger is None:
        return None
    mode = mode or KK_MERGE
    if mode == "tagger":
        return [Span(a, b, lab, text[a:b]) for a, b, lab in tagger.spans(text)]
    found = []
    for toks, tags in tagger.tagged(text):
        for a, b, lab in kk_ner.chunks(tags):
            if lab in kk_ner.OUTPUT_LABELS:
                end = _end_after_inflected_head(toks, a, b) if lab == "ORG" else b
                found.append(Span(toks[a].start, toks[end - 1].end, lab, text[toks[a].start:toks[end - 1].end]))
            elif lab == "POSITION":
                sp = _org_in_position(text, toks, a, b)
                if sp is not None:
                    found.append(sp)
    legal, rules = _rule_spans(text, "kk", runs=mode == "fill")  # only "fill" reads the runs
    out = list(legal)
    out.extend(sp for sp in found if not any(sp.start < lg.end and lg.start < sp.end for lg in legal))
    if mode == "fill":
        out.extend(sp for sp in rules
                   if not any(sp.start < o.end and o.start < sp.end for o in out))
    if mode != "legal-only-tagger":
        out = _kk_press(text, out)
    out.sort(key=lambda sp: sp.start)
    return out


def _kk_press(text: str, spans: list[Span]) -> list[Span]:
    """The Kazakh press-release passes of :mod:`.kk_rules` over the tagger's spans."""
    toks = tokenize(text)

    def make(a: int, b: int, label: str) -> Span:
        return Span(a, b, label, text[a:b])

    spans = kk_rules.split_and_drop(text, toks, spans, make)
    spans = kk_rules.unit_phrases(text, toks, spans, make)
    spans = kk_rules.named_after(text, toks, spans, make)
    spans = kk_rules.initials(text, toks, spans, make)
    spans = kk_rules.abbreviations(text, toks, spans, make)
    spans = kk_rules.state_names(text, toks, spans, make)
    return kk_rules.units_after_genitive(text, toks, spans, make)


def _end_after_inflected_head(toks: list[Token], a: int, b: int) -> int:
    """Where an organisation from tokens a..b ends: after a head word with a case ending, as
    Kazakh organisations are head-final ("Шәкәрім университетінде Ғылым апталығы" ends at
    "университетінде" and what follows is something else); else at b."""
    for k in range(a, b - 1):
        t = toks[k]
        if _is_org_head(t) and _inflected(t) and not t.lower.endswith(("ы", "і", "сы", "сі")):
            return k + 1
    return b


def _org_in_position(text: str, toks: list[Token], a: int, b: int) -> Span | None:
    """The organisation or place inside a position phrase. KazNERD (and so the tagger) marks
    "Шәкәрім университетінің ректоры" or "Абай облысының әкімі" as one POSITION; the product
    wants the organisation / region it names, which stands before the title words."""
    j = b
    while j > a and (not toks[j - 1].is_word or _is_position(toks[j - 1])
                     or toks[j - 1].lower in lx.POSITION_MODIFIERS or not _is_capword(toks[j - 1])
                     or toks[j - 1].lower == "басқарма"):  # "ЕҰУ Басқарма төрағасы": the board's chair
        j -= 1
    i = a
    while i < j and not _is_capword(toks[i]) and toks[i].text not in OPEN_Q:
        i += 1
    if i >= j:
        return None
    # a head word right after the capitalised words belongs to the name ("университетінің")
    if j < b and toks[j].is_word and _is_org_head(toks[j]) and not _is_position(toks[j]):
        j += 1
    part = toks[i:j]
    if any(_is_org_head(t) and not _is_position(t) for t in part) or any(_legal_form(t) for t in part):
        label = "ORG"
    elif j < b and (toks[j].lower in lx.REGION_WORDS or stem_lookup(toks[j].text, lx.REGION_WORDS, 6, 4)):
        j += 1  # "Абай облысының"
        label = "LOC"
    elif all(_is_loc(t) for t in part if t.is_word):
        label = "LOC"
    else:
        return None
    s, e = toks[i].start, toks[j - 1].end
    return Span(s, e, label, text[s:e])


def find_entities(text: str, lang: str | None = None, *, normalise: bool = False, rules_only: bool = False,
                  names: NameSpotter | None = None) -> list[Span]:
    """Find person, organisation and location mentions.

    Returns spans with character offsets into `text`, sorted by position.
    `lang` is "kk", "ru" or "en"; detected when omitted. Russian goes through natasha when it
    is installed (``normalise`` adds nominative forms), Kazakh through the packaged perceptron
    tagger (:mod:`.kk_ner`); both keep the rules' legal-form organisations. ``rules_only``
    forces the rules. Known names are added last: the built-in list of well-known
    organisations and, when given, ``names`` (the directory's, see :mod:`.gazetteer`).
    """
    lang = lang or detect_language(text)
    text = tidy.mask_urls(text)
    found = None
    if lang == "ru" and not rules_only:
        found = _natasha_ru(text, normalise)
    if lang == "kk" and not rules_only:
        found = _tagger_kk(text)
    if found is None:
        _, found = _rule_spans(text, lang, legal=False)
        if lang == "en":
            found = _en_tidy(text, _en_named_after(text, found))
    found = tidy.tidy(text, found, lambda a, b, label: Span(a, b, label, text[a:b]), _is_org_head)
    return _with_known_names(text, found, [gazetteer.builtin()] + ([names] if names else []))


def _with_known_names(text: str, spans: list[Span], spotters: list[NameSpotter]) -> list[Span]:
    """Add the known names the model or the rules missed; a known name that covers shorter
    spans ("Al-Farabi Kazakh National University" over "Kazakh National University")
    replaces them, and a span with the same extent takes the known name's type. A span that
    only partly overlaps a known name is kept as it is."""
    out = list(spans)
    for spotter in spotters:
        for a, b, label in spotter.find(text):
            overlapping = [sp for sp in out if sp.start < b and a < sp.end]
            if not overlapping:
                out.append(Span(a, b, label, text[a:b]))
            elif len(overlapping) == 1 and overlapping[0].end == b and overlapping[0].start < a \
                    and label == "ORG" and len(before := text[overlapping[0].start:a].split()) >= 2 \
                    and not all(w in lx.LEGAL_FORMS or w.isupper() for w in before):
                # "International Technopark of IT Startups Astana Hub": two names side by side
                sp = overlapping[0]
                head = text[sp.start:a].rstrip(" ,")
                out = [x for x in out if x is not sp]
                out.append(Span(sp.start, sp.start + len(head), sp.label, head))
                out.append(Span(a, b, label, text[a:b]))
            elif all(a <= sp.start and sp.end <= b for sp in overlapping) and not any(
                    sp.start == a and sp.end == b and sp.label == label for sp in overlapping):
                # a known name also fixes the type ("Ertis Pharm" read as a person's name)
                normal = next((sp.normal for sp in overlapping if sp.start == a and sp.end == b), "")
                out = [sp for sp in out if sp not in overlapping]
                out.append(Span(a, b, label, text[a:b], normal))
    out.sort(key=lambda sp: sp.start)
    return out
