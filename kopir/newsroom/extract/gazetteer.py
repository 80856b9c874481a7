"""Spot known names in a text: the directory's organisations and people, and a short list of
well-known Kazakhstan organisations whose names carry no head word ("Kazatomprom",
"Samruk-Kazyna") and so escape the rules and the tagger.

Kazakh and Russian names inflect ("Казатомпромның", "Казахского национального
университета"): a text word matches a name word when it starts with all but the last two
letters of it (at least four, and five of a word that long) and adds at most six. English
matches whole words, with a possessive "'s" allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import lexicon as lx
from .textutil import CYRILLIC_RE

_WORD_RE = re.compile(r"\w[\w'’.-]*\w|\w")
_LOOKALIKE = str.maketrans({"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і"})


def _norm(word: str) -> str:
    w = word.lower().replace("’", "'")
    if CYRILLIC_RE.search(w):
        w = w.translate(_LOOKALIKE)  # Latin look-alike letters typed into Cyrillic words
    return w


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    label: str
    cyrillic: bool


def _word_matches(text_word: str, name_word: str, cyrillic: bool, last: bool) -> bool:
    if text_word == name_word:
        return True
    if not cyrillic:
        # "Kazatomprom's"; in Kazakh and Russian text a case ending after a hyphen: "Halyk Bank-те"
        return last and (text_word in (name_word + "'s", name_word + "s'")
                         or (text_word.startswith(name_word + "-") and CYRILLIC_RE.match(text_word[len(name_word) + 1:] or "x")))
    # all but the last two letters, and at least five of a longer word ("Аманат" must not
    # take "Аманжолова")
    keep = max(len(name_word) - 2, min(len(name_word), 5))
    return (len(name_word) >= 4 and text_word.startswith(name_word[:keep])
            and len(text_word) <= len(name_word) + 6)


class NameSpotter:
    """Index of names (with their label, "ORG" or "PER"); :meth:`find` returns their
    occurrences as ``(start, end, label)``. People need two words or more; an organisation
    of one word needs five letters, so that short common words do not match."""

    def __init__(self, names: Iterable[tuple[str, str]]):
        self._by_key: dict[str, list[_Entry]] = {}
        seen = set()
        for name, label in names:
            words = tuple(_norm(w) for w in _WORD_RE.findall(name or ""))
            if not words or (label == "PER" and len(words) < 2) or (len(words) == 1 and len(words[0]) < 5):
                continue
            if all(w in lx.CAP_STOPWORDS for w in words) or (words, label) in seen:
                continue
            seen.add((words, label))
            entry = _Entry(words, label, bool(CYRILLIC_RE.search("".join(words))))
            self._by_key.setdefault(words[0][:4], []).append(entry)

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        toks = [(m.start(), m.end(), _norm(m.group())) for m in _WORD_RE.finditer(text)]
        # a sentence or a line ends between word k and word k + 1
        broken = [any(c in text[toks[k][1]:toks[k + 1][0]] for c in ".\n") for k in range(len(toks) - 1)]
        out = []
        i = 0
        while i < len(toks):
            best = None
            # a name is written with a capital letter (or a digit, as the entry writes it)
            first = text[toks[i][0]]
            entries = self._by_key.get(toks[i][2][:4], ()) if first.isupper() or first.isdigit() else ()
            for entry in entries:
                n = len(entry.words)
                if i + n > len(toks):
                    continue
                if all(_word_matches(toks[i + k][2], w, entry.cyrillic, k == n - 1)
                       for k, w in enumerate(entry.words)):
                    # the words of one name stand together (no sentence break inside)
                    if any(broken[i + k] for k in range(n - 1)):
                        continue
                    if best is None or n > len(best.words):
                        best = entry
            if best is not None:
                n = len(best.words)
                end = toks[i + n - 1][1]
                if text[end - 2:end] in ("'s", "’s"):
                    end -= 2
                out.append((toks[i][0], end, best.label))
                i += n
            else:
                i += 1
        return out


# the kinds a directory file may name, as the linker and the spotter read them
KIND_ALIASES = {
    "org": "organization", "organisation": "organization", "company": "organization",
    "university": "organization", "government": "organization", "per": "person", "people": "person",
    "loc": "place", "location": "place", "region": "place", "event": "event",
}


def norm_kind(kind: str | None) -> str | None:
    if not kind:
        return None
    k = kind.lower()
    return KIND_ALIASES.get(k, k)


_BUILTIN: NameSpotter | None = None


def builtin() -> NameSpotter:
    """Spotter of :data:`lexicon.KNOWN_ORGS` (built once)."""
    global _BUILTIN
    if _BUILTIN is None:
        _BUILTIN = NameSpotter((name, "ORG") for name in lx.KNOWN_ORGS)
    return _BUILTIN


def from_entries(entries: Iterable[dict]) -> NameSpotter:
    """Spotter of a directory gazetteer (``[{"id", "kind", "names"}]``, as for the linker):
    organisations and people; places are left to the rules."""
    labels = {"organization": "ORG", "person": "PER"}
    pairs = []
    for e in entries:
        label = labels.get(norm_kind(str(e.get("kind") or "organization")))
        if label:
            pairs.extend((n, label) for n in e.get("names") or [] if isinstance(n, str))
    return NameSpotter(pairs)
