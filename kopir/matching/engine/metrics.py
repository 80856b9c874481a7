"""Retrieval metrics and TREC run / qrels file handling.

Definitions (per query, then averaged over the queries of the qrels):
nDCG@k uses gain ``2**grade - 1`` and ``log2(rank + 1)`` discount, ideal
from all judged documents; MRR@k is 1/rank of the first relevant (grade > 0)
result within k; Recall@k is relevant retrieved within k / all relevant;
AP is average precision over the full run; P@k is relevant within k / k.
Queries in the qrels without relevant documents are skipped; queries missing
from the run count as zero.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

Run = dict[str, list[tuple[str, float]]]     # qid -> [(doc id, score)] best first
Qrels = dict[str, dict[str, int]]            # qid -> {doc id: grade}


class FormatError(ValueError):
    """A malformed input file; message names the file and line."""


def ndcg_at(ranked: Sequence[str], rel: Mapping[str, int], k: int) -> float:
    dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted((g for g in rel.values() if g > 0), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def mrr_at(ranked: Sequence[str], rel: Mapping[str, int], k: int) -> float:
    for i, d in enumerate(ranked[:k]):
        if rel.get(d, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def recall_at(ranked: Sequence[str], rel: Mapping[str, int], k: int) -> float:
    n_rel = sum(1 for g in rel.values() if g > 0)
    if n_rel == 0:
        return 0.0
    return sum(1 for d in ranked[:k] if rel.get(d, 0) > 0) / n_rel


def average_precision(ranked: Sequence[str], rel: Mapping[str, int]) -> float:
    n_rel = sum(1 for g in rel.values() if g > 0)
    if n_rel == 0:
        return 0.0
    hits, total = 0, 0.0
    for i, d in enumerate(ranked):
        if rel.get(d, 0) > 0:
            hits += 1
            total += hits / (i + 1)
    return total / n_rel


def precision_at(ranked: Sequence[str], rel: Mapping[str, int], k: int) -> float:
    return sum(1 for d in ranked[:k] if rel.get(d, 0) > 0) / k


def evaluate(run: Run, qrels: Qrels) -> dict[str, float]:
    """Mean nDCG@10, MRR@10, Recall@100, MAP, P@10 over judged queries with relevant docs."""
    names = ("nDCG@10", "MRR@10", "Recall@100", "MAP", "P@10")
    sums = dict.fromkeys(names, 0.0)
    n = 0
    for qid, rel in qrels.items():
        if not any(g > 0 for g in rel.values()):
            continue
        n += 1
        ranked = [d for d, _ in run.get(qid, [])]
        sums["nDCG@10"] += ndcg_at(ranked, rel, 10)
        sums["MRR@10"] += mrr_at(ranked, rel, 10)
        sums["Recall@100"] += recall_at(ranked, rel, 100)
        sums["MAP"] += average_precision(ranked, rel)
        sums["P@10"] += precision_at(ranked, rel, 10)
    out = {k: (v / n if n else 0.0) for k, v in sums.items()}
    out["queries"] = n
    return out


def read_run(path: str) -> Run:
    """Read a TREC run (``qid Q0 docid rank score tag``); order by score, then rank."""
    rows: dict[str, list[tuple[float, int, str]]] = {}
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            parts = line.split()
            if len(parts) != 6:
                raise FormatError(f"{path}:{ln}: expected 6 columns "
                                  f"'qid Q0 id rank score tag', got {len(parts)}")
            qid, _, doc, rank, score, _ = parts
            try:
                rows.setdefault(qid, []).append((float(score), int(rank), doc))
            except ValueError:
                raise FormatError(f"{path}:{ln}: rank must be an integer and score a number") from None
    return {q: [(d, s) for s, _, d in sorted(v, key=lambda x: (-x[0], x[1]))] for q, v in rows.items()}


def read_qrels(path: str) -> Qrels:
    """Read qrels: ``qid<TAB>id<TAB>grade`` (also accepts TREC's 4-column ``qid 0 id grade``)."""
    out: Qrels = {}
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t") if "\t" in line else line.split()
            if len(parts) == 4:
                parts = [parts[0], parts[2], parts[3]]
            if len(parts) != 3:
                raise FormatError(f"{path}:{ln}: expected 'qid<TAB>id<TAB>grade', "
                                  f"got {len(parts)} fields")
            qid, doc, grade = (p.strip() for p in parts)
            if qid.lower() in ("qid", "query-id", "query_id") and ln == 1:
                continue  # header line
            try:
                out.setdefault(qid, {})[doc] = int(float(grade))
            except ValueError:
                raise FormatError(f"{path}:{ln}: grade {grade!r} is not a number") from None
    return out


def format_run(run: Run, tag: str) -> str:
    """TREC run text, one line per (query, document)."""
    lines = []
    for qid, items in run.items():
        for r, (doc, score) in enumerate(items, 1):
            lines.append(f"{qid} Q0 {doc} {r} {score:.6f} {tag}")
    return "\n".join(lines) + ("\n" if lines else "")
