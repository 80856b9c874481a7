"""KazNERD loader and entity-level (CoNLL exact match) scorer.

KazNERD has 25 classes; kopir extracts three. Mapping: PERSON -> PER,
ORGANISATION -> ORG, GPE and LOCATION -> LOC; every other class is treated as O
(so a kopir LOC on, say, a FACILITY counts as a false positive).
"""

from __future__ import annotations

from pathlib import Path

LABEL_MAP = {"PERSON": "PER", "ORGANISATION": "ORG", "GPE": "LOC", "LOCATION": "LOC"}


def load(path: Path, limit: int | None = None) -> list[tuple[list[str], list[str]]]:
    """Sentences as (tokens, IOB2 tags), with tags mapped to PER/ORG/LOC/O."""
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                    if limit and len(sents) >= limit:
                        break
                continue
            tok, _, tag = line.rpartition(" ")
            if tag.startswith(("B-", "I-")):
                mapped = LABEL_MAP.get(tag[2:])
                tag = f"{tag[:2]}{mapped}" if mapped else "O"
            else:
                tag = "O"
            toks.append(tok)
            tags.append(tag)
    if toks:
        sents.append((toks, tags))
    return sents


def chunks(tags: list[str]) -> set[tuple[int, int, str]]:
    """IOB2 tags -> set of (start, end, label) token ranges."""
    out = set()
    start = label = None
    for i, t in enumerate(tags + ["O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != label):
            if label is not None:
                out.add((start, i, label))
                label = None
            if t.startswith(("B-", "I-")):
                start, label = i, t[2:]
    return out


def predict(tokens: list[str], find_entities) -> set[tuple[int, int, str]]:
    """Run the extractor on the space-joined sentence and map spans back to tokens."""
    offs = []
    pos = 0
    for t in tokens:
        offs.append((pos, pos + len(t)))
        pos += len(t) + 1
    text = " ".join(tokens)
    out = set()
    for sp in find_entities(text):
        idx = [k for k, (s, e) in enumerate(offs) if s >= sp.start and e <= sp.end]
        if not idx:
            idx = [k for k, (s, e) in enumerate(offs) if s < sp.end and e > sp.start]
        if idx:
            out.add((idx[0], idx[-1] + 1, sp.label))
    return out


def evaluate(sents, find_entities) -> dict[str, dict[str, float]]:
    """Precision/recall/F1 per label (exact span + type match)."""
    counts = {lab: [0, 0, 0] for lab in ("PER", "ORG", "LOC")}  # tp, n_pred, n_gold
    for toks, tags in sents:
        gold = chunks(tags)
        pred = predict(toks, find_entities)
        for lab in counts:
            g = {c for c in gold if c[2] == lab}
            p = {c for c in pred if c[2] == lab}
            counts[lab][0] += len(g & p)
            counts[lab][1] += len(p)
            counts[lab][2] += len(g)
    return {lab: prf(*c) for lab, c in counts.items()}


def prf(tp: float, n_pred: float, n_gold: float) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "n_pred": n_pred, "n_gold": n_gold}
