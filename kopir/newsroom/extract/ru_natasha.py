"""Russian entity spans from natasha (slovnet NER + pymorphy normalisation), when installed.

natasha finds person, organisation and location spans far better than the rules on Russian
news (factRuEval: PER F1 0.70 -> 0.94, ORG 0.52 -> 0.83); the rules still own what natasha
does not model: legal forms ("ТОО «Спектромарт»"), positions and events. Its models ship
inside the wheels (navec/slovnet), so nothing is downloaded at run time.
"""

from __future__ import annotations

import re
import threading

from . import ru_orgs

_lock = threading.Lock()
_models = None
_missing = False


def _load():
    global _models, _missing
    if _models is not None or _missing:
        return _models
    with _lock:
        if _models is None and not _missing:
            try:
                from natasha import (
                    Doc,
                    MorphVocab,
                    NamesExtractor,
                    NewsEmbedding,
                    NewsMorphTagger,
                    NewsNERTagger,
                    Segmenter,
                )
            except Exception:  # noqa: BLE001 - any import problem means "use the rules"
                _missing = True
                return None
            emb = NewsEmbedding()
            morph_vocab = MorphVocab()
            _models = {
                "Doc": Doc, "segmenter": Segmenter(), "ner": NewsNERTagger(emb), "morph": NewsMorphTagger(emb),
                "vocab": morph_vocab, "names": NamesExtractor(morph_vocab),
            }
    return _models


def available() -> bool:
    return _load() is not None


def spans(text: str, normalise: bool = False) -> list[tuple[int, int, str, str]] | None:
    """``[(start, stop, label, normal)]`` of PER/ORG/LOC in ``text``; ``normal`` is the
    nominative form ("Казахском национальном университете" -> "Казахский национальный
    университет") when ``normalise``, else "". None when natasha is not installed."""
    m = _load()
    if m is None:
        return None
    doc = m["Doc"](text)
    doc.segment(m["segmenter"])
    doc.tag_ner(m["ner"])
    if normalise:
        doc.tag_morph(m["morph"])
    out = []
    for sp in doc.spans:
        if sp.type not in ("PER", "ORG", "LOC"):
            continue
        normal = ""
        if normalise:
            try:
                sp.normalize(m["vocab"])
                normal = sp.normal or ""
            except Exception:  # noqa: BLE001 - normalisation is a nicety; keep the span as written
                normal = ""
            if sp.type == "PER" and normal:
                normal = _person_normal(sp, m, normal)
            elif sp.type == "ORG":
                normal = _org_normal(sp, m) or normal
        out.append((sp.start, sp.stop, sp.type, normal))
    tokens = [(t.start, t.stop, t.text) for t in doc.tokens]
    return ru_orgs.refine(text, out, tokens, m["vocab"], normalise=normalise)


def _org_normal(sp, m) -> str:
    """An organisation's name with only its head phrase in the nominative: "Министерства науки
    и высшего образования" -> "Министерство науки и высшего образования". natasha inflects
    every word when the syntax is not parsed ("Министерство наука и высочайшее образование"),
    and the parser would cost three times the tagging. Abbreviations stay as written
    ("КазНУ имени аль-Фараби", not "казна имени")."""
    tokens = list(sp.tokens)
    head_end = None
    for k, t in enumerate(tokens):
        if t.pos in ("NOUN", "PROPN") and not ru_orgs.is_abbr(t.text):
            head_end = k
            break
        if t.pos not in ("ADJ", "NOUN", "PROPN", "PUNCT") or ru_orgs.is_abbr(t.text):
            break
    if head_end is None:
        return sp.text
    phrase = [t for t in tokens[:head_end + 1] if t.pos != "PUNCT"]
    try:
        new = ru_orgs.nominative_head_phrase(m["vocab"], [t.text for t in phrase])
    except Exception:  # noqa: BLE001 - a dictionary problem: keep the name as written
        return sp.text
    text = sp.text
    for t, w in sorted(zip(phrase, new, strict=True), key=lambda x: -x[0].start):
        a, b = t.start - sp.start, t.stop - sp.start
        text = text[:a] + w + text[b:]
    return text


_MALE_IN_A = frozenset("никита илья фома кузьма лука савва муса иса аса жора миша саша паша".split())


def _female_first_name(name: str) -> bool:
    low = name.lower()
    return len(low) >= 3 and low.endswith(("а", "я")) and low not in _MALE_IN_A


def _person_normal(sp, m, normal: str) -> str:
    """A person's name in the nominative with first name before surname, as the directory holds it."""
    try:
        sp.extract_fact(m["names"])
    except Exception:  # noqa: BLE001
        return normal
    fact = getattr(sp, "fact", None)
    parts = getattr(fact, "as_dict", None) or {}
    if parts.get("first") and parts.get("last"):
        last = parts["last"]
        # "Динары Ахметовой" -> "Динара Ахметова", not "Ахметов": a female first name keeps
        # the surname female
        written = sp.text.split()
        # a female name ending in a consonant does not decline in Russian ("Гульшат
        # Нургалиевой"): the first name as written and a female surname ending tell
        undeclined_female = (len(written) >= 2 and written[0] == parts["first"]
                             and re.search(r"(ова|ева|ёва|ина|ына|овой|евой|ёвой|иной|ыной)$", written[-1]))
        if (_female_first_name(parts["first"]) or undeclined_female) and re.search(r"(ов|ев|ёв|ин|ын)$", last):
            last += "а"
        elif _female_first_name(parts["first"]) and last.endswith("ский"):
            last = last[:-2] + "ая"
        words = [parts["first"], parts.get("middle") or "", last]
        initials = re.match(r"^((?:[А-ЯЁӘҒҚҢӨҰҮІҺA-Z]\.\s?){1,3})", sp.text)
        if initials:  # "А.К. Жумабековым" -> "А.К. Жумабеков", initials as written
            return initials.group(1).strip() + " " + last
        initials = re.search(r"\s((?:[А-ЯЁӘҒҚҢӨҰҮІҺA-Z]\.\s?){1,3})$", sp.text)
        if initials:  # "Жакупова А.Д.": the surname first, as written
            return last + " " + initials.group(1).strip()
        name = " ".join(w for w in words if w)
        # "Ван Цзюнь" stays in the order written when it is written in the nominative
        if sorted(name.split()) == sorted(written) and name.split() != written:
            name = " ".join(written)
        # "Воробьёв": keep the letter ё the text has
        name = " ".join(ru_orgs.keep_shape(wr, nw) if wr[:3].replace("ё", "е") == nw[:3].replace("ё", "е") else nw
                        for wr, nw in zip(written + [""] * 3, name.split()))
        # natasha lowercases nothing here, but keep the text's capitalisation if it did
        return name if name[:1].isupper() else normal
    return normal
