"""A need's matches over the JSON API, with their reasons, for those who may read the need in full."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from kopir.api.auth import OptionalTokenAuth
from kopir.needs.access import FULL, need_access
from kopir.needs.models import Need

router = Router(tags=["matching"], auth=OptionalTokenAuth())


class ReasonOut(Schema):
    label: str
    contribution: float


class SentenceOut(Schema):
    document: str
    text: str
    need_sentence: str
    similarity: float | None
    shared_words: list[str]


class MatchOut(Schema):
    entity: str
    kind: str
    slug: str
    name: str
    organisation: str
    rank: int
    score: float
    strong: bool
    reasons: list[ReasonOut]
    sentences: list[SentenceOut]
    introduction: str | None
    declined: str | None


def _name(obj) -> str:
    for attr in ("title", "name", "full_name"):
        if hasattr(obj, attr):
            return str(getattr(obj, attr))
    return str(obj)


@router.get("/needs/{int:need_id}/matches", response=list[MatchOut])
def need_matches(request, need_id: int, limit: int = 10):
    from kopir.matching.ranking import rank_need

    user = request.auth if hasattr(request.auth, "pk") else request.user
    need = get_object_or_404(Need.objects.select_related("organisation", "sector", "region"), pk=need_id)
    access = need_access(user, need)
    if access != FULL:
        raise HttpError(404 if access is None else 403, _("You may not see the matches of this need."))
    out = []
    for r in rank_need(need, k=max(1, min(limit, 30)), explain=True):
        sentences = []
        for ev in r.evidence:
            doc = f"{ev.obj._meta.model_name}:{ev.obj.slug}" if ev.obj is not None else ""
            for s in ev.sentences:
                sentences.append({"document": doc, "text": s.doc_sentence, "need_sentence": s.query_sentence,
                                  "similarity": s.similarity, "shared_words": s.matched_words})
        out.append({"entity": r.entity, "kind": r.kind, "slug": r.obj.slug, "name": _name(r.obj),
                    "organisation": r.organisation.slug, "rank": r.rank, "score": r.score, "strong": r.is_strong,
                    "reasons": [{"label": x.label, "contribution": x.value} for x in r.reasons],
                    "sentences": sentences,
                    "introduction": r.introduction.status if r.introduction else None,
                    "declined": r.decline.reason if r.decline else None})
    return out
