"""Ranking for the pages: a need's matches with their reasons, an offer's needs.

The engine ranks; this module supplies what only the database knows — the
facts about each candidate (kind of help against capability kinds, sector,
region, past collaborations, earlier declines) as facet features with weights —
and turns the engine's hits and explanations into objects templates can show.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from kopir.matching import store
from kopir.matching.documents import DEMAND, SUPPLY
from kopir.matching.engine import aggregate, embed_cached
from kopir.matching.engine.embedding import QUERY
from kopir.needs.services import need_text

# Which capability kinds answer which kind of help.
KIND_ANSWERS = {
    "joint_research": {"research_result", "technology"},
    "testing": {"service", "equipment"},
    "training": {"course", "retraining_course"},
    "equipment_access": {"equipment"},
    "consulting": {"service", "technology"},
    "internship": {"course"},
}

WEIGHTS = {
    "kind_match": 0.15,
    "sector_match": 0.10,
    "region_match": 0.10,
    "past_collaboration": 0.10,
    "declined_here": -1.0,
    "declined_elsewhere": -0.20,
}

FACET_LABELS = {
    "kind_match": _("offers the kind of help asked for"),
    "sector_match": _("works in the need's sector"),
    "region_match": _("in the same region"),
    "past_collaboration": _("has worked with this organisation before"),
    "declined_here": _("declined for this need"),
    "declined_elsewhere": _("declined by this organisation for another need"),
}

# The engine's cosine is taken after language centering (each language's mean
# vector removed), so unrelated texts sit near 0.2-0.3 and a clear match at 0.4-0.6
# on the demo directory (a raw multilingual-e5 cosine would be 0.8-0.9 for both).
# At or above STRONG, for a top match, the lab is e-mailed; below GOOD no match
# counts as good and the need appears among the unmet ones.
STRONG_COSINE = 0.40
GOOD_COSINE = 0.33
STRONG_RANK = 5
CANDIDATES = 40


@dataclass
class Reason:
    label: str
    value: float

    @property
    def raises(self) -> bool:
        return self.value > 0


@dataclass
class Evidence:
    """One matched document of a result: which of its sentences matched which of the need's."""

    obj: object
    sentences: list = field(default_factory=list)   # engine SentenceMatch
    words: list = field(default_factory=list)       # engine TermMatch


@dataclass
class Result:
    entity: str
    kind: str            # unit, person, capability
    obj: object
    organisation: object
    score: float
    cosine: float | None
    rank: int
    reasons: list[Reason] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    lab: object = None
    introduction: object = None
    decline: object = None

    @property
    def is_strong(self) -> bool:
        return (self.cosine or 0) >= STRONG_COSINE and self.rank <= STRONG_RANK and self.decline is None


def query_vector(text: str):
    """The need's query vector, cached by content hash like every other vector."""
    return embed_cached(store.embedder(), [text], QUERY, store.cache())[0]


def _resolve(entities: list[str]) -> dict[str, object]:
    from kopir.directory.models import Capability, Person, Unit

    ids = defaultdict(list)
    for e in entities:
        prefix, pk = e.split(":", 1)
        ids[prefix].append(int(pk))
    out = {}
    for u in Unit.objects.filter(pk__in=ids["unit"]).select_related("organisation__region", "sector", "head"):
        out[f"unit:{u.pk}"] = u
    for p in Person.objects.filter(pk__in=ids["person"]).select_related("owner__region").prefetch_related(
            "positions__unit"):
        out[f"person:{p.pk}"] = p
    for c in Capability.objects.filter(pk__in=ids["cap"]).select_related(
            "organisation__region", "unit", "sector__parent"):
        out[f"cap:{c.pk}"] = c
    return out


def _organisation(obj):
    return obj.owner if obj._meta.model_name == "person" else obj.organisation


def lab_of(obj):
    """The unit whose inbox a match belongs to."""
    name = obj._meta.model_name
    if name == "unit":
        return obj
    if name == "capability":
        return obj.unit
    positions = [p for p in obj.positions.all() if p.is_current and p.unit_id]
    positions.sort(key=lambda p: (not p.is_head, p.pk))
    return positions[0].unit if positions else None


def _capability_kinds(objs: dict[str, object]) -> dict[str, set[str]]:
    from kopir.directory.models import Capability

    kinds: dict[str, set[str]] = defaultdict(set)
    unit_ids = [o.pk for e, o in objs.items() if e.startswith("unit:")]
    person_ids = [o.pk for e, o in objs.items() if e.startswith("person:")]
    for unit_id, kind in Capability.objects.filter(unit_id__in=unit_ids).values_list("unit_id", "kind"):
        kinds[f"unit:{unit_id}"].add(kind)
    for person_id, kind in Capability.objects.filter(people__in=person_ids).values_list("people", "kind"):
        kinds[f"person:{person_id}"].add(kind)
    for e, o in objs.items():
        if e.startswith("cap:"):
            kinds[e].add(o.kind)
    return kinds


def _sector_of(obj):
    name = obj._meta.model_name
    if name in ("unit", "capability"):
        return obj.sector or (obj.unit.sector if name == "capability" else None)
    return None


def need_features(need, objs: dict[str, object]) -> dict[str, dict[str, float]]:
    """Facet values per candidate entity for ``need``."""
    from kopir.matching.models import Decline, Introduction

    answers = KIND_ANSWERS.get(need.kind, set())
    kinds = _capability_kinds(objs)
    org_ids = {_organisation(o).pk for o in objs.values()}
    past = set(Introduction.objects.filter(need__organisation_id=need.organisation_id, organisation_id__in=org_ids)
               .exclude(need=need).exclude(status=Introduction.Status.DECLINED)
               .values_list("organisation_id", flat=True))
    declined_here = set(Decline.objects.filter(need=need).values_list("entity", flat=True))
    declined_elsewhere = set(Decline.objects.filter(need__organisation_id=need.organisation_id)
                             .exclude(need=need).values_list("entity", flat=True))
    features = {}
    for e, obj in objs.items():
        org = _organisation(obj)
        f: dict[str, float] = {}
        if kinds.get(e, set()) & answers:
            f["kind_match"] = 1.0
        sector = _sector_of(obj)
        if need.sector_id and sector is not None:
            if sector.pk == need.sector_id:
                f["sector_match"] = 1.0
            elif sector.parent_id and sector.parent_id == need.sector.parent_id:
                f["sector_match"] = 0.5
        if need.region_id and org.region_id == need.region_id:
            f["region_match"] = 1.0
        if org.pk in past:
            f["past_collaboration"] = 1.0
        if e in declined_here:
            f["declined_here"] = 1.0
        if e in declined_elsewhere:
            f["declined_elsewhere"] = 1.0
        features[e] = f
    return features


def _supply_entities(index) -> set[str]:
    out = set()
    for doc in index.documents():
        out.update(doc.entities)
    return out


def rank_need(need, *, k: int = 10, explain: bool = True) -> list[Result]:
    """A need's matches from the supply side, best first, with reasons when ``explain``."""
    from kopir.matching.models import Decline, Introduction

    index = store.current(SUPPLY)
    text = need_text(need)
    if not len(index) or not text.strip():
        return []
    qvec = query_vector(text)
    first = index.rank_entities(text, k=CANDIDATES, qvec=qvec)
    objs = _resolve([h.id for h in first])
    objs = {e: o for e, o in objs.items() if _organisation(o).pk != need.organisation_id}
    if not objs:
        return []
    features = need_features(need, objs)
    hits = index.rank_entities(text, k=k, qvec=qvec, entity_features=features, weights=WEIGHTS,
                               entities=set(objs), explain=explain)
    intros = {i.entity: i for i in Introduction.objects.filter(need=need)}
    declines = {d.entity: d for d in Decline.objects.filter(need=need)}
    doc_objs = {}
    if explain:
        doc_ids = {d.id for h in hits if h.explanation for d in h.explanation.documents}
        doc_objs = _resolve(sorted(doc_ids))
    results = []
    for h in hits:
        obj = objs[h.id]
        reasons = [Reason(str(FACET_LABELS.get(name, name)), round(value, 3))
                   for name, value in sorted(h.facets.items(), key=lambda kv: -abs(kv[1]))]
        evidence = []
        if explain and h.explanation:
            for ex in h.explanation.documents:
                evidence.append(Evidence(obj=doc_objs.get(ex.id), sentences=ex.sentences, words=ex.terms[:8]))
        results.append(Result(entity=h.id, kind=obj._meta.model_name, obj=obj, organisation=_organisation(obj),
                              score=round(h.score, 4), cosine=h.cosine, rank=h.rank, reasons=reasons,
                              evidence=evidence, lab=lab_of(obj), introduction=intros.get(h.id),
                              decline=declines.get(h.id)))
    return results


@dataclass
class NeedHit:
    need: object
    score: float
    cosine: float | None
    full: bool                # the viewer may read the need in full
    sentences: list = field(default_factory=list)


def rank_needs_for_text(text: str, user, *, k: int = 10, explain: bool = False) -> tuple[list[NeedHit], list]:
    """Open needs that ``text`` (an offer, a lab) could answer, and the organisations behind them.

    Needs the viewer may not see are left out; confidential ones they may see
    only as a summary come without their text, and never count towards an
    organisation (that would say who asked).
    """
    from kopir.directory.models import Organisation
    from kopir.needs.access import visible_q
    from kopir.needs.models import Need
    from kopir.needs.selectors import full_ids

    index = store.current(DEMAND)
    if not len(index) or not text.strip():
        return [], []
    qvec = query_vector(text)
    hits = index.search(text, k=max(k * 3, 30), qvec=qvec)
    needs = (Need.objects.filter(visible_q(user), status=Need.Status.OPEN)
             .select_related("organisation", "sector", "region").in_bulk([int(h.id.split(":")[1]) for h in hits]))
    readable = full_ids(user, needs.values())
    out, triples = [], []
    for h in hits:
        need = needs.get(int(h.id.split(":")[1]))
        if need is None:
            continue
        full = need.pk in readable
        hit = NeedHit(need=need, score=round(h.score, 4), cosine=h.cosine, full=full)
        if explain and full:
            hit.sentences = index.explain(text, h.id, hit=h).sentences
        out.append(hit)
        if full:
            triples.append((f"org:{need.organisation_id}", h.id, h.score))
    out = out[:k]
    orgs = aggregate(triples)
    org_objs = Organisation.objects.in_bulk([int(e.split(":")[1]) for e in orgs])
    ranked = sorted(orgs.items(), key=lambda kv: -kv[1][0])[:k]
    return out, [(org_objs[int(e.split(":")[1])], round(s, 4)) for e, (s, _docs) in ranked
                 if int(e.split(":")[1]) in org_objs]
