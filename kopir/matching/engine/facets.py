"""Facet re-ranking: caller-supplied feature values times caller-supplied weights.

The engine knows nothing about sectors or regions; the Django side computes,
per document or per entity, feature values such as ``kind_match`` (kind of help
requested vs capability kind, 0/1), ``sector_match``, ``region_match``,
``past_collaboration`` (count or 0/1) or ``declined_before`` (0/1), and passes
weights such as ``{"declined_before": -0.3}``.  Each contribution is reported
so the UI can say *why* an item moved.
"""
from __future__ import annotations

from collections.abc import Mapping

Features = Mapping[str, Mapping[str, float]]   # item id -> feature name -> value
Weights = Mapping[str, float]                  # feature name -> weight


def facet_contributions(item_id: str, features: Features | None,
                        weights: Weights | None) -> dict[str, float]:
    """``{feature: weight * value}`` for the features this item has (non-zero only)."""
    if not features or not weights:
        return {}
    values = features.get(item_id) or {}
    out = {}
    for name, w in weights.items():
        v = values.get(name)
        if v:
            out[name] = float(w) * float(v)
    return out
