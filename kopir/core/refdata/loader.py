"""Load Kazakhstan's regions and the OKED sectors (sections and divisions) into the database."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from kopir.core.models import Region, Sector

HERE = Path(__file__).resolve().parent


def _tr(prefix: str, values: dict) -> dict:
    return {f"{prefix}_{lang}": values.get(lang, "") for lang in ("kk", "ru", "en")}


@transaction.atomic
def refdata_load() -> dict[str, int]:
    """Create or refresh regions and sectors; safe to run again. Returns counts."""
    regions = json.loads((HERE / "regions.json").read_text(encoding="utf-8"))
    for position, row in enumerate(regions):
        Region.objects.update_or_create(
            slug=row["slug"],
            defaults={"kind": row["kind"], "position": position, **_tr("name", row["name"]),
                      **_tr("centre", row.get("centre", {}))},
        )
    sectors = json.loads((HERE / "oked.json").read_text(encoding="utf-8"))
    by_code: dict[str, Sector] = {}
    for row in sectors:
        sector, _ = Sector.objects.update_or_create(
            code=row["code"],
            defaults={"level": row["level"], "parent": by_code.get(row["parent"]) if row["parent"] else None,
                      **_tr("name", row["name"])},
        )
        by_code[sector.code] = sector
    return {"regions": len(regions), "sectors": len(sectors)}
