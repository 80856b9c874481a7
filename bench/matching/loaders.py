"""Loaders for the matching benchmark (data is read in place, never copied).

* :func:`load_dblp` - DBLP expert finding (Brochier et al., BIR@ECIR 2020) from
  ``/work/shared/eval/expert_finding_dblp`` (override with ``KOPIR_DBLP_DIR``).
* :func:`load_demo_directory` - the demo directory JSON in
  ``kopir/directory/demo/data`` turned into unit-level documents, each unit
  described in *one* language so that kk/ru/en queries must cross languages.
* :func:`load_needs` - the trilingual needs written for this benchmark.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass

from kopir.matching.engine import Document

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DBLP_DIR = os.environ.get("KOPIR_DBLP_DIR", "/work/shared/eval/expert_finding_dblp")
DEMO_DIR = os.path.join(REPO, "kopir", "directory", "demo", "data")
LANGS = ("kk", "ru", "en")


@dataclass
class ExpertTask:
    documents: list[Document]          # entity = list of author ids
    queries: list[tuple[str, str, str]]  # (qid = labelled doc id, text, topic)
    qrels: dict[str, dict[str, int]]   # qid -> {author id: 1}
    candidates: set[str]               # labelled candidates (the paper ranks only these)


def load_dblp(directory: str = DBLP_DIR) -> ExpertTask:
    """Documents as queries, as in the dataset's paper: for every labelled
    document, rank the labelled candidates; relevant = candidates labelled
    expert in that document's topic(s)."""
    docs, texts = [], {}
    with open(os.path.join(directory, "documents.jsonl"), encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            did = f"d{row['doc_id']}"
            texts[did] = row["text"]
            docs.append(Document(id=did, text=row["text"], lang="en",
                                 entity=[f"a{a}" for a in row["author_ids"]]))
    with open(os.path.join(directory, "ground_truth.json"), encoding="utf-8") as f:
        gt = json.load(f)
    experts: dict[str, set[str]] = {}
    candidates = set()
    for c in gt["expert_ground_truth"]:
        candidates.add(f"a{c['author_id']}")
        for t in c["expert_topics"]:
            experts.setdefault(t, set()).add(f"a{c['author_id']}")
    queries, qrels = [], {}
    for ld in gt["labeled_documents"]:
        qid = f"d{ld['doc_id']}"
        rel = {a: 1 for t in ld["topics"] for a in experts.get(t, ())}
        queries.append((qid, texts[qid], ",".join(ld["topics"])))
        qrels[qid] = rel
    return ExpertTask(docs, queries, qrels, candidates)


def _pick_lang(field: dict | None, i: int) -> tuple[str, str] | None:
    """Rotate kk -> ru -> en by position, falling back to what the field has."""
    if not field:
        return None
    for j in range(3):
        lang = LANGS[(i + j) % 3]
        if field.get(lang):
            return lang, field[lang]
    return None


def load_demo_directory(directory: str = DEMO_DIR) -> list[Document]:
    """Unit documents (name + description), capability and people-expertise
    documents, each in a single rotated language; ``entity`` = unit slug."""
    with open(os.path.join(directory, "units.json"), encoding="utf-8") as f:
        units = json.load(f)
    docs = []
    for i, u in enumerate(units):
        desc = _pick_lang(u.get("description"), i)
        if desc is None:
            continue
        lang, text = desc
        name = (u.get("name") or {}).get(lang) or ""
        docs.append(Document(id=f"unit:{u['slug']}", title=name, text=text, lang=lang,
                             entity=u["slug"]))
    cap_path = os.path.join(directory, "capabilities.json")
    if os.path.exists(cap_path):  # written by the directory helper; optional here
        with open(cap_path, encoding="utf-8") as f:
            caps = json.load(f)
        for i, c in enumerate(caps):
            if not c.get("unit"):
                continue
            desc = _pick_lang(c.get("description"), i + 1)
            title = _pick_lang(c.get("title") or c.get("name"), i + 1)
            if desc is None and title is None:
                continue
            lang = (desc or title)[0]
            ttl = (c.get("title") or c.get("name") or {}).get(lang, "")
            docs.append(Document(id=f"cap:{c.get('slug', i)}", title=ttl or "",
                                 text=desc[1] if desc else "", lang=lang, entity=c["unit"]))
    ppl_path = os.path.join(directory, "people.json")
    if os.path.exists(ppl_path):
        with open(ppl_path, encoding="utf-8") as f:
            people = json.load(f)
        for i, p in enumerate(people):
            units_of = [pos["unit"] for pos in p.get("positions", []) if pos.get("unit")]
            exp = _pick_lang(p.get("expertise"), i + 2)
            if not units_of or exp is None:
                continue
            docs.append(Document(id=f"person:{p['slug']}", text=exp[1], lang=exp[0],
                                 entity=units_of))
    return docs


def load_needs(path: str = os.path.join(HERE, "needs_trilingual.json")) -> list[dict]:
    """``[{"id", "kk", "ru", "en", "relevant": {unit slug: grade}}]``."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_parallel_texts(directory: str = DEMO_DIR) -> list[dict]:
    """Translated fields of organisations and people (names, descriptions,
    expertise, position titles) as ``{"kk", "ru", "en"}`` items."""
    items = []
    path = os.path.join(directory, "organisations.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for o in json.load(f):
                items += [o.get("name") or {}, o.get("description") or {}]
    path = os.path.join(directory, "people.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for p in json.load(f):
                items.append(p.get("expertise") or {})
                items += [pos.get("title") or {} for pos in p.get("positions", [])]
    return [it for it in items if all(it.get(lang) for lang in LANGS)]
