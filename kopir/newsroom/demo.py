"""The newsroom's demo: releases written for kopir about the events of the source news items,
imported through the same path users import through (so their facts are extracted and linked,
and some suggestions wait for a liaison officer)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from kopir.directory.models import Organisation
from kopir.newsroom import services
from kopir.newsroom.models import Tag

RELEASES = Path(__file__).resolve().parent / "demo_releases"
TAG_NAMES = {
    "science-week": {"kk": "Ғылым апталығы", "ru": "Неделя науки", "en": "Science Week"},
    "industry": {"kk": "өнеркәсіп", "ru": "промышленность", "en": "industry"},
    "expo": {"kk": "көрме", "ru": "выставка", "en": "exhibition"},
    "food": {"kk": "тамақ өнеркәсібі", "ru": "пищевая промышленность", "en": "food industry"},
    "retraining": {"kk": "қайта даярлау", "ru": "переподготовка", "en": "retraining"},
    "creative-industry": {"kk": "креативті индустрия", "ru": "креативная индустрия", "en": "creative industry"},
    "incubator": {"kk": "инкубатор", "ru": "инкубатор", "en": "incubator"},
}


def _tags(slugs):
    tags = []
    for slug in slugs:
        names = TAG_NAMES.get(slug, {"en": slug})
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={f"name_{k}": v for k, v in names.items()})
        tags.append(tag)
    return tags


def load(progress: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in json.loads((RELEASES / "index.json").read_text(encoding="utf-8")):
        org = Organisation.objects.filter(slug=row["organisation"]).first()
        if org is None:
            continue
        text = (RELEASES / row["file"]).read_text(encoding="utf-8")
        result = services.release_import(actor=None, organisation=org, content=text, name=row["file"],
                                         tags=_tags(row.get("tags", [])), is_fictional=True)
        if result.status == "translation" and row.get("tags"):
            result.release.tags.add(*_tags(row["tags"]))
        counts[result.status] = counts.get(result.status, 0) + 1
    progress("news releases: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return counts
