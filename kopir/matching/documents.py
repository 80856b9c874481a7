"""Database rows as the engine's documents.

Two indexes are kept: *supply* (units, people, capabilities — what can help)
and *demand* (open needs — what is asked for). A document's id names its row
(``cap:12``); its entities are what it counts for when results are grouped: a
capability counts for itself, its unit and its people; a need for itself and
its organisation.
"""

from __future__ import annotations

from kopir.core.i18n import translated_columns
from kopir.matching.engine import Document

SUPPLY = "supply"
DEMAND = "demand"

PREFIX = {"unit": "unit", "person": "person", "capability": "cap", "need": "need"}


def all_texts(obj, name: str) -> str:
    """Every language version of a translated field, each once, one per line."""
    seen: list[str] = []
    for col in translated_columns(name):
        value = (getattr(obj, col) or "").strip()
        if value and value not in seen:
            seen.append(value)
    return "\n".join(seen)


def key_of(obj) -> str:
    return f"{PREFIX[obj._meta.model_name]}:{obj.pk}"


def unit_document(unit) -> Document:
    return Document(id=f"unit:{unit.pk}", title=all_texts(unit, "name").replace("\n", " / "),
                    text=all_texts(unit, "description"), entity=[f"unit:{unit.pk}"],
                    meta={"type": "unit", "organisation": unit.organisation_id})


def person_document(person) -> Document | None:
    text = "\n".join(t for t in (all_texts(person, "expertise"), all_texts(person, "bio")) if t)
    if not text:
        return None  # a name alone matches nothing
    return Document(id=f"person:{person.pk}", text=text, entity=[f"person:{person.pk}"],
                    meta={"type": "person", "organisation": person.owner_id})


def capability_document(cap) -> Document:
    people = sorted(p.pk for p in cap.people.all())
    return Document(id=f"cap:{cap.pk}", title=all_texts(cap, "title").replace("\n", " / "),
                    text=all_texts(cap, "description"),
                    entity=[f"cap:{cap.pk}", f"unit:{cap.unit_id}", *[f"person:{p}" for p in people]],
                    meta={"type": "capability", "kind": cap.kind, "organisation": cap.organisation_id})


def need_document(need) -> Document | None:
    if not need.is_open:
        return None
    return Document(id=f"need:{need.pk}", title=all_texts(need, "title").replace("\n", " / "),
                    text=all_texts(need, "description"), lang=need.language or None,
                    entity=[f"need:{need.pk}", f"org:{need.organisation_id}"],
                    meta={"type": "need", "organisation": need.organisation_id, "visibility": need.visibility})


def document_for_key(key: str) -> tuple[str, str, Document | None]:
    """``(side, doc_id, document or None when the row is gone or not indexable)``."""
    from kopir.directory.models import Capability, Person, Unit
    from kopir.needs.models import Need

    prefix, pk = key.split(":", 1)
    if prefix == "unit":
        obj = Unit.objects.filter(pk=pk).first()
        return SUPPLY, key, unit_document(obj) if obj else None
    if prefix == "person":
        obj = Person.objects.filter(pk=pk).first()
        return SUPPLY, key, person_document(obj) if obj else None
    if prefix == "cap":
        obj = Capability.objects.filter(pk=pk).first()
        return SUPPLY, key, capability_document(obj) if obj else None
    if prefix == "need":
        obj = Need.objects.filter(pk=pk).first()
        return DEMAND, key, need_document(obj) if obj else None
    raise ValueError(f"unknown document key {key!r}")


def all_documents(side: str):
    """Every document of a side, from the database (for a rebuild)."""
    from kopir.directory.models import Capability, Person, Unit
    from kopir.needs.models import Need

    if side == SUPPLY:
        for unit in Unit.objects.order_by("pk"):
            yield unit_document(unit)
        for person in Person.objects.order_by("pk"):
            doc = person_document(person)
            if doc is not None:
                yield doc
        for cap in Capability.objects.prefetch_related("people").order_by("pk"):
            yield capability_document(cap)
    else:
        for need in Need.objects.filter(status=Need.Status.OPEN).order_by("pk"):
            yield need_document(need)
