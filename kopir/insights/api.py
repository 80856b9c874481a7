"""Open data: the collaboration funnel as numbers (no names, no confidential details)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from kopir.api.auth import OptionalTokenAuth
from kopir.insights import selectors

router = Router(tags=["insights"], auth=OptionalTokenAuth())


class FunnelOut(Schema):
    needs: int
    matched: int
    introduced: int
    meeting_held: int
    proposal: int
    agreement_signed: int
    in_progress: int
    implemented: int
    closed: int


@router.get("/funnel", response=FunnelOut)
def funnel(request, region: str = "", sector: str = "", date_from: dt.date | None = Query(None, alias="from"),  # noqa: B008
           date_to: dt.date | None = Query(None, alias="to")):  # noqa: B008
    """Counts per stage in a region (slug), sector (OKED section or division) and period (``from``, ``to``).

    Needs are counted by the day they were posted, collaborations by the day they
    first reached a stage, closes by the day they were closed. Numbers only.
    """
    if date_from and date_to and date_from > date_to:
        raise HttpError(400, _("The “from” date must not be after the “to” date."))
    return selectors.funnel(selectors.Filters(region=region, sector=sector, date_from=date_from, date_to=date_to))
