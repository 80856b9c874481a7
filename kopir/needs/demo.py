"""Demo needs (``kopir demo load`` calls ``load`` after the directory demo).

The needs come from ``kopir/directory/demo/data/needs.json``; they are posted
through the service without e-mails, and their matches are stored so that the
labs' inboxes and the unmatched-needs list have something to show.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kopir.core.models import Region, Sector
from kopir.directory.demo.loader import read, tr
from kopir.directory.models import Organisation
from kopir.needs import services


def load(progress=lambda _m: None) -> int:
    rows = read("needs")
    orgs = {o.slug: o for o in Organisation.objects.filter(slug__in={r["organisation"] for r in rows})}
    today = timezone.localdate()
    made = 0
    with transaction.atomic():
        for row in rows:
            org = orgs.get(row["organisation"])
            if org is None:
                continue
            deadline = datetime.date.fromisoformat(row["deadline"]) if row.get("deadline") else None
            if deadline is not None and deadline < today:
                deadline = None
            services.need_create(actor=None, organisation=org, notify=False, data={
                "kind": row["kind"], **tr("title", row.get("title")), **tr("description", row.get("description")),
                "sector": Sector.objects.filter(code=row.get("sector") or "").first(),
                "region": Region.objects.filter(slug=row.get("region") or "").first(),
                "budget_min": row.get("budget_min"), "budget_max": row.get("budget_max"),
                "deadline": deadline, "visibility": row.get("visibility", "public"), "is_fictional": True,
            })
            made += 1
        progress(f"needs: {made} (indexing and matching them now)")
    return made
