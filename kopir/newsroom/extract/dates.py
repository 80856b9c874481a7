"""Date mentions in kk / ru / en: "08 april 2024", "8 апреля 2024 г.", "2024 жылғы 8 сәуір"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .lexicon import MONTHS

# Longest month names first so "sept" is not cut to "sep".
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# Kazakh month words take case endings ("сәуірде", "сәуірінде"); English may take a dot.
_M = rf"(?P<month>{_MONTH_ALT})(?:[а-яәғқңөұүһі]{{0,5}})?\.?"
_PATTERNS = [
    # 2024 жылғы 8 сәуір / 2024 жылы 8 сәуірде
    re.compile(rf"(?P<year>\d{{4}})\s*(?:ж\.|жылғы|жылы|ж)\s*(?P<day>\d{{1,2}})\s*-?\s*{_M}", re.I),
    # 8 апреля 2024 г. / 08 april 2024 / 8th of April, 2024 / 8 сәуір 2024 ж.
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:of\s+)?{_M}\s*,?\s*(?P<year>\d{{4}})", re.I),
    # April 8, 2024
    re.compile(rf"{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})", re.I),
    # 08.04.2024
    re.compile(r"(?<!\d)(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})(?!\d)"),
    # 2024-04-08
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?!\d)"),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int
    end: int
    iso: str


def find_dates(text: str) -> list[DateMention]:
    """All date mentions in `text`, left to right, with ISO values; invalid dates dropped."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            g = m.groupdict()
            month = int(g["mnum"]) if g.get("mnum") else MONTHS.get(g["month"].lower().rstrip("."))
            if month is None:
                continue
            try:
                d = dt.date(int(g["year"]), month, int(g["day"]))
            except ValueError:
                continue
            found.append(DateMention(m.group().strip(), m.start(), m.end(), d.isoformat()))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found
