"""Statistical Kazakh NER: an averaged structured perceptron with BIO Viterbi decoding.

The rules alone reach PER F1 0.69 / ORG 0.43 on KazNERD: Kazakh names carry case and
possessive endings, organisations are head-final and sentence-initial capitals are
common, which word lists cannot weigh against each other. A linear model over rich
sparse features (word form, affixes, a crude stem, shape, the rules' own word lists, the
neighbours) learns those weights from KazNERD; the decoder is first-order Viterbi with
illegal BIO moves (``O -> I-X``) forbidden.

The model is a plain ``.npz`` inside the package (``models/kk_ner.npz``); nothing under
/work/shared is read at run time. Training lives in :mod:`.train_kk`.

Public entry points: :func:`load_default`, :class:`KkTagger` (``tag`` tokens, ``spans``
of a text), :func:`features`.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np

from . import lexicon as lx
from .textutil import CYRILLIC_RE, LATIN_RE, Token, split_sentences, stem_lookup, tokenize

MODEL_PATH = Path(__file__).with_name("models") / "kk_ner.npz"
OUTPUT_LABELS = ("PER", "ORG", "LOC")

# --- normalisation ------------------------------------------------------------------
# Latin letters that look like Cyrillic ones: OCR'd and hand-typed Kazakh mixes them
# ("Aстана" with a Latin A). Folded only inside words that already contain Cyrillic, so
# genuine Latin names ("EMC", "Google") keep their spelling.
_LATIN_LOOKALIKE = str.maketrans({"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у",
                                  "i": "і", "h": "һ", "k": "к", "b": "в", "m": "м", "t": "т"})
_DIGITS_RE = re.compile(r"\d")


def normalise(word: str) -> str:
    """Casefold, fold Latin look-alikes into Cyrillic (mixed-script words only), digits to 0."""
    w = word.casefold()
    if CYRILLIC_RE.search(w) and LATIN_RE.search(w):
        w = w.translate(_LATIN_LOOKALIKE)
    return _DIGITS_RE.sub("0", w)


# --- crude Kazakh stemmer -------------------------------------------------------------
# Kazakh stacks plural + possessive + case on the stem ("университет-тер-і-нің"). The
# stripper removes them in that order from the right, one layer each, so a case ending
# is never mistaken for part of the stem and vice versa ("университетінің" ->
# "университет", "облысында" -> "облыс"). Crude on purpose: it only has to map the
# inflected forms of one name onto one feature.
_CASE = sorted(set("""
    ның нің дың дің тың тің ға ге қа ке на не а е да де та те нда нде дан ден тан тен нан нен
    ды ді ты ті ны ні н мен бен пен ша ше дағы дегі тағы тегі ндағы ндегі нша нше
""".split()), key=len, reverse=True)
# "сы/сі" (after a vowel-final stem) is left out: "облысы" is "облыс"+"ы", "қаласы" is
# "қала"+"сы", and only a dictionary tells them apart; stripping just "ы/і" keeps every
# form of one word on one stem ("облыс", "қалас"), which is all a feature needs.
_POSSESSIVE = sorted(set("ым ім м ың ің ң ымыз іміз мыз міз ыңыз іңіз ы і".split()), key=len, reverse=True)
_PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")


def _strip(w: str, endings, min_stem: int) -> str:
    for e in endings:
        if w.endswith(e) and len(w) - len(e) >= min_stem:
            return w[: -len(e)]
    return w


def stem(word: str, min_stem: int = 3) -> str:
    """Strip one case, one possessive and one plural ending from a normalised word."""
    w = _strip(word, _CASE, min_stem)
    w = _strip(w, _POSSESSIVE, min_stem)
    return _strip(w, _PLURAL, min_stem)


def shape(word: str) -> str:
    """Word shape with runs collapsed: "Алматы" -> "Xx", "ЖШС" -> "X", "2024" -> "d"."""
    out = []
    for c in word:
        k = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out)[:6]


# --- gazetteers: the rules' word lists as features -------------------------------------
def _gazetteer(word: str) -> tuple[str, ...]:
    from . import ner  # late: ner imports this module lazily as well

    t = Token(word, 0, len(word))
    w = word.lower()
    # feature names in a fixed order: the packaged model was trained on them
    tests = (
        ("LF", ner._legal_form(t)),
        ("POS", ner._is_position(t) or w in lx.POSITION_MODIFIERS),
        ("ORGH", ner._is_org_head(t)),
        ("LOC", ner._is_loc(t)),
        ("REG", stem_lookup(w, lx.REGION_WORDS, 6, 4)),
        ("CITY", stem_lookup(w, lx.CITY_WORDS, 6, 3)),
        ("FN", ner._is_first_name(t)),
        ("SN", ner._is_surname(t)),
        ("EV", stem_lookup(w, lx.EVENT_HEADS, 4, 5)),
        ("STOP", w in lx.CAP_STOPWORDS or w in lx.FUNCTION_WORDS["kk"]),
    )
    return tuple(name for name, found in tests if found)


_OPEN_Q = set("«\"“„")
_CLOSE_Q = set("»\"”")


class _WordInfo:
    """Everything about one word form that does not depend on its context (cached)."""

    __slots__ = ("norm", "stem", "shape", "gaz", "own", "cap", "head", "word")

    def __init__(self, word: str):
        self.norm = normalise(word)
        self.stem = stem(self.norm)
        self.shape = shape(word)
        self.gaz = _gazetteer(word)
        self.cap = word[:1].isupper()
        self.word = any(c.isalnum() for c in word)
        n = self.norm
        self.head = head_class(n)
        own = [f"w={n}", f"st={self.stem}", f"sh={self.shape}"]
        for k in range(1, 6):
            if len(n) > k:
                own.append(f"p{k}={n[:k]}")
                own.append(f"s{k}={n[-k:]}")
        if self.cap:
            own.append("cap")
        if len(word) > 1 and word.isupper():
            own.append("allcap")
        if LATIN_RE.search(word):
            own.append("latin")
        if "-" in word:
            own.append("hyph")
        own.append(f"len={min(len(word), 8)}")
        own.extend(f"g={g}" for g in self.gaz)
        if self.head:
            own.append(f"h={self.head}")
        own.append(f"end={n[len(self.stem):]}")  # the case/possessive ending the stemmer took
        self.own = tuple(own)


_cache: dict[str, _WordInfo] = {}
_CACHE_MAX = 200_000


def _info(word: str) -> _WordInfo:
    wi = _cache.get(word)
    if wi is None:
        if len(_cache) > _CACHE_MAX:
            _cache.clear()  # bounded memory in a long-running web process
        wi = _cache[word] = _WordInfo(word)
    return wi



# Head nouns that tell what a name before them is (Kazakh names are head-final:
# "«Ақ жол» партиясы", "«Бақытты отбасы» бағдарламасы", "Джонс Хопкинс университеті").
# Stems; any form that starts with one and adds at most a few letters matches.
_HEADS = {
    "ORG": """арна телеарна радио агенттік агенттіг партия компания әуекомпания авиакомпания
        корпорация газет мекеме қор қоры қорын емхана серіктестік серіктестіг биржа банк университет
        институт академия министрлік министрліг әкімдік әкімдіг әкімшілік әкімшіліг комитет
        департамент басқарма қызмет кеңес ұйым одақ одағ ассамблея сот прокуратура полиция палата
        мәжіліс сенат парламент үкімет колледж лицей гимназия мектеп зауыт комбинат фабрика
        кәсіпорын кәсіпорн холдинг концерн орталық орталығ фонд клуб команда тобы театр мұражай
        ансамбл инспекция комиссия бюро штаб бірлестік бірлестіг қауымдастық қауымдастығ
        ассоциация федерация жасақ бригада полк дивизия әскер училище мекемес ауруха""",
    "PRJ": """бағдарлама жоба тұжырымдама бастама стратегия жоспар ұшақ тікұшақ қосымша техника
        автокөлік көлік модел маркалы жүйе лайнер""",
    "EVT": """байқау олимпиада дода мереке фестивал акция форум конференция саммит чемпионат
        турнир көрме жарыс кездесу сессия съезд""",
    "FAC": """көше даңғыл алаң ғимарат кешен әуежай вокзал автожол тасжол газқұбыр қонақүй шипажай
        кен нысан саябақ""",
    "ART": """фильм кітап мақала орден медал сыйлық роман комедия жинақ""",
}
_HEAD_OF = {w: c for c, ws in _HEADS.items() for w in ws.split()}
_HEAD_MAX = max(map(len, _HEAD_OF))


def head_class(norm: str) -> str | None:
    """The class of a head noun ("партиясының" -> "ORG") from :data:`_HEADS`, or None."""
    for k in range(min(len(norm), _HEAD_MAX), 2, -1):
        c = _HEAD_OF.get(norm[:k])
        if c is not None and len(norm) - k <= (8 if k >= 5 else 4):
            return c
    return None


_OFFSETS = (-2, -1, 1, 2, 3)


def _as_neighbour(wi: _WordInfo, o: int) -> tuple[str, ...]:
    """Features a word contributes to the token ``o`` positions away from it."""
    if o == 3:
        # Kazakh organisations are head-final: a head word three tokens to the right
        return ("g3=ORGH",) if "ORGH" in wi.gaz else ()
    f = [f"w{o}={wi.norm}", f"st{o}={wi.stem}"]
    if abs(o) == 1:
        f.append(f"sh{o}={wi.shape}")
        f.append(f"s3{o}={wi.norm[-3:]}")
    f.extend(f"g{o}={g}" for g in wi.gaz)
    if wi.head and abs(o) <= 2:
        f.append(f"h{o}={wi.head}")
    return tuple(f)


def _contextual(tokens: list[str], infos: list[_WordInfo], i: int, depth: int) -> list[str]:
    """Features that depend on the pair/position, not on one word alone."""
    wi = infos[i]
    n = len(tokens)
    f = ["b"]
    if i == 0 or tokens[i - 1] in ".!?:;—–-":
        f.append("first")
        if wi.cap:
            f.append("cap&first")
    if depth > 0:
        f.append("inq")  # inside «...»: quoted names are organisations, events or works
    for o in (-2, -1, 1, 2):
        if not 0 <= i + o < n:
            f.append(f"w{o}=<pad>")
    if i > 0:
        f.append(f"cap-1={infos[i - 1].cap}|{wi.cap}")
        f.append(f"st-1|st={infos[i - 1].stem}|{wi.stem}")
    if i + 1 < n:
        f.append(f"cap1={infos[i + 1].cap}|{wi.cap}")
        f.append(f"st|st+1={wi.stem}|{infos[i + 1].stem}")
        f.append(f"sh|sh+1={wi.shape}|{infos[i + 1].shape}")
    return f


def _head_of(wi: _WordInfo | None) -> str:
    """What a following word says about the name before it: a :data:`_HEADS` class, else
    the rules' first gazetteer tag, else "-"; "<p>" for punctuation or the sentence end."""
    if wi is None or not wi.word:
        return "<p>"
    return wi.head or (wi.gaz[0] if wi.gaz else "-")


def _phrase(out: list[list[str]], p: str, a: int, b: int, before: _WordInfo | None,
            after: _WordInfo | None) -> None:
    """Features for tokens a..b-1 of one phrase (prefix ``p``): the stem and head class of
    the word after it, the stem of the word before it, its length and the token's place."""
    nxt = f"{p}n={after.stem}" if after is not None and after.word else f"{p}n=<p>"
    head = f"{p}h={_head_of(after)}"
    prev = f"{p}p={before.stem}" if before is not None and before.word else f"{p}p=<p>"
    length = f"{p}l={min(b - a, 4)}"
    for k in range(a, b):
        pos = "S" if b - a == 1 else "B" if k == a else "E" if k == b - 1 else "I"
        out[k] += [nxt, head, prev, length, f"{p}pos={pos}", f"{head}|{pos}"]


_MAX_QUOTE = 12  # longer "quotations" are unbalanced marks or real quotes, not names


def _sentence_context(tokens: list[str], infos: list[_WordInfo]) -> list[list[str]]:
    """Features from the phrase a token stands in: the «quotation» and the run of
    capitalised words around it with the word that follows each (the head noun of a
    Kazakh name: "«Ақ жол» партиясы", "Джонс Хопкинс университеті"), and the nearest head
    noun to the right within the clause."""
    n = len(tokens)
    out: list[list[str]] = [[] for _ in range(n)]
    i = 0
    while i < n:
        if tokens[i] in _OPEN_Q:
            j = i + 1
            while j < n and tokens[j] not in _CLOSE_Q and j - i <= _MAX_QUOTE:
                j += 1
            if j < n and tokens[j] in _CLOSE_Q and j > i + 1:
                _phrase(out, "q", i + 1, j, infos[i - 1] if i else None, infos[j + 1] if j + 1 < n else None)
                i = j
        i += 1
    i = 0
    while i < n:
        if infos[i].cap and infos[i].word:
            j = i + 1
            while j < n and infos[j].cap and infos[j].word:
                j += 1
            _phrase(out, "r", i, j, infos[i - 1] if i else None, infos[j] if j < n else None)
            i = j
        else:
            i += 1
    nxt = None  # (position, class) of the nearest head noun to the right
    for i in range(n - 1, -1, -1):
        if nxt is not None and nxt[0] - i <= 6:
            out[i].append(f"hd={nxt[1]}@{min(nxt[0] - i, 4)}")
        wi = infos[i]
        if not wi.word and tokens[i] not in _CLOSE_Q and tokens[i] not in _OPEN_Q and tokens[i] != "-":
            nxt = None  # punctuation ends the clause
        h = wi.head or next((g for g in ("ORGH", "POS", "REG") if g in wi.gaz), None)
        if h:
            nxt = (i, h)
    return out


def _depths(tokens: list[str]) -> list[int]:
    out, depth = [], 0
    for t in tokens:
        out.append(depth)
        if t in _OPEN_Q:
            depth += 1
        elif t in _CLOSE_Q and depth > 0:
            depth -= 1
    return out


def features(tokens: list[str]) -> list[list[str]]:
    """Feature strings for every token of one sentence (labels are attached by the model)."""
    infos = [_info(t) for t in tokens]
    n = len(tokens)
    ctx = _sentence_context(tokens, infos)
    out = []
    for i, depth in enumerate(_depths(tokens)):
        f = _contextual(tokens, infos, i, depth)
        f.extend(ctx[i])
        f.extend(infos[i].own)
        for o in _OFFSETS:
            if 0 <= i + o < n:
                f.extend(_as_neighbour(infos[i + o], o))
        out.append(f)
    return out


# --- model ------------------------------------------------------------------------------
def allowed_transitions(labels: list[str]) -> np.ndarray:
    """(L+1, L) mask: row L is the sentence start; I-X only after B-X or I-X."""
    n = len(labels)
    ok = np.ones((n + 1, n), dtype=bool)
    for b, lb in enumerate(labels):
        if lb.startswith("I-"):
            for a in range(n + 1):
                prev = labels[a] if a < n else "O"
                ok[a, b] = prev[2:] == lb[2:] and prev != "O"
    return ok


def viterbi(emit: np.ndarray, trans: np.ndarray) -> list[int]:
    """Best label path. ``emit`` is (n, L); ``trans`` is (L+1, L) with -inf on illegal moves."""
    n, L = emit.shape
    back = np.zeros((n, L), dtype=np.int32)
    score = trans[L] + emit[0]
    t = trans[:L]
    for i in range(1, n):
        cand = score[:, None] + t  # (prev, cur)
        back[i] = cand.argmax(0)
        score = cand[back[i], np.arange(L)] + emit[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


class KkTagger:
    """A trained tagger: feature index, emission weights (features x labels), transitions."""

    def __init__(self, feats: list[str], W: np.ndarray, T: np.ndarray, labels: list[str], meta: dict | None = None):
        self.index = {f: k for k, f in enumerate(feats)}
        self.W = W.astype(np.float32)
        self.labels = list(labels)
        mask = allowed_transitions(self.labels)
        self.T = np.where(mask, T.astype(np.float32), -np.inf)
        self.meta = meta or {}
        self._rows: dict[str, tuple[list[int], dict[int, list[int]]]] = {}

    # -- persistence
    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> KkTagger:
        """Load a model written by :meth:`save` (``.npz``)."""
        z = np.load(path, allow_pickle=False)
        feats = bytes(z["features"]).decode("utf-8").split("\n") if z["features"].size else []
        labels = str(z["labels"]).split("\n")
        meta = {k[5:]: str(z[k]) for k in z.files if k.startswith("meta_")}
        return cls(feats, z["W"], z["T"], labels, meta)

    @staticmethod
    def save(path: str | Path, feats: list[str], W: np.ndarray, T: np.ndarray, labels: list[str],
             meta: dict | None = None) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        extra = {f"meta_{k}": np.array(str(v)) for k, v in (meta or {}).items()}
        np.savez_compressed(
            path, features=np.frombuffer("\n".join(feats).encode("utf-8"), dtype=np.uint8),
            W=W.astype(np.float16), T=T.astype(np.float32), labels=np.array("\n".join(labels)), **extra)

    # -- tagging
    def _word_rows(self, word: str) -> tuple[list[int], dict[int, list[int]]]:
        """Model rows of a word's own features and of what it gives its neighbours (cached:
        the same features as :func:`features`, without rebuilding the strings every time)."""
        r = self._rows.get(word)
        if r is None:
            idx = self.index
            wi = _info(word)
            own = [k for k in map(idx.get, wi.own) if k is not None]
            nb = {o: [k for k in map(idx.get, _as_neighbour(wi, o)) if k is not None] for o in _OFFSETS}
            if len(self._rows) > _CACHE_MAX:
                self._rows.clear()
            r = self._rows[word] = (own, nb)
        return r

    def _emissions(self, tokens: list[str]) -> np.ndarray:
        idx = self.index
        infos = [_info(t) for t in tokens]
        wr = [self._word_rows(t) for t in tokens]
        n = len(tokens)
        ctx = _sentence_context(tokens, infos)
        rows, offs = [], []
        for i, depth in enumerate(_depths(tokens)):
            # every token has at least the bias row "b", so no reduceat segment is empty
            offs.append(len(rows))
            rows.extend(k for k in map(idx.get, _contextual(tokens, infos, i, depth)) if k is not None)
            rows.extend(k for k in map(idx.get, ctx[i]) if k is not None)
            rows.extend(wr[i][0])
            for o in _OFFSETS:
                if 0 <= i + o < n:
                    rows.extend(wr[i + o][1][o])
        return np.add.reduceat(self.W[np.asarray(rows)], np.asarray(offs), axis=0)

    def tag(self, tokens: list[str]) -> list[str]:
        """Internal IOB2 labels for one tokenised sentence."""
        if not tokens:
            return []
        return [self.labels[k] for k in viterbi(self._emissions(tokens), self.T)]

    def tagged(self, text: str):
        """``[(tokens, tags)]`` per sentence of ``text`` (tokens carry character offsets)."""
        out = []
        for s0, e0 in split_sentences(text):
            toks = tokenize(text[s0:e0], s0)
            out.append((toks, self.tag([t.text for t in toks])))
        return out

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """``[(start, end, label)]`` character spans of PER/ORG/LOC in ``text``."""
        out = []
        for toks, tags in self.tagged(text):
            for a, b, lab in chunks(tags):
                if lab in OUTPUT_LABELS:
                    out.append((toks[a].start, toks[b - 1].end, lab))
        return out


def chunks(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB2 tags -> [(start, end, label)] token ranges (a stray I-X opens a chunk)."""
    out = []
    start = label = None
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != label):
            if label is not None:
                out.append((start, i, label))
                label = None
            if t != "O":
                start, label = i, t[2:]
    return out


_lock = threading.Lock()
_default: KkTagger | None = None
_missing = False


def load_default() -> KkTagger | None:
    """The packaged model (loaded once per process); None if the file is absent."""
    global _default, _missing
    if _default is None and not _missing:
        with _lock:
            if _default is None and not _missing:
                if MODEL_PATH.exists():
                    _default = KkTagger.load(MODEL_PATH)
                else:
                    _missing = True
    return _default
