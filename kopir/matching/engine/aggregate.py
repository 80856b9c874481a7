"""Document -> entity aggregation (a lab or a person is the sum of its documents).

Score = best document + ``beta`` * (second + ``decay`` * third + ``decay``**2 *
fourth ...), over at most ``top`` documents.  The best document counts fully,
so one very relevant capability is enough to rank a lab; further relevant
documents add with geometrically falling weight, so a lab whose several
capabilities fit outranks one with a single lucky hit (this also made the
top-10 more stable across query languages on the bench), while the cap keeps a
lab with a hundred loosely related publications from outranking a focused one.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


def aggregate(doc_scores: Iterable[tuple[str, str, float]], top: int = 5, beta: float = 1.0,
              decay: float = 0.5) -> dict[str, tuple[float, list[tuple[str, float]]]]:
    """Aggregate ``(entity, doc_id, score)`` triples.

    Returns ``{entity: (score, [(doc_id, doc_score), ...best first, at most top])}``.
    Documents with a non-positive score do not count.
    """
    by_entity: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for entity, doc_id, score in doc_scores:
        if score > 0:
            by_entity[entity].append((score, doc_id))
    out = {}
    for entity, items in by_entity.items():
        if len(items) == 1:          # the common case in large indexes; no sorting
            s, d = items[0]
            out[entity] = (s, [(d, s)])
            continue
        items.sort(key=lambda x: (-x[0], x[1]))
        items = items[:top]
        total = items[0][0]
        w = beta
        for s, _ in items[1:]:
            total += w * s
            w *= decay
        out[entity] = (total, [(d, s) for s, d in items])
    return out
