"""factRuEval-2016 track 1 (NER) driver.

Writes one ``book_N.task1`` file per document ("per|org|loc START LENGTH" lines,
the format the official comparator reads) and runs the dataset's own scorer
``scripts/t1_eval.py`` with ``-l`` (LocOrg mentions count as locations, the
scorer's option for systems that do not separate the two).

The scorer imports the ``dialent`` package from the factRuEval repository. The
copy of the dataset in shared/eval ships only ``t1_eval.py``; point
``FACTRUEVAL_DIALENT`` at a directory that contains ``dialent/`` (e.g. the
``scripts`` folder of a checkout of the upstream repository). Without it the
bench falls back to a simplified scorer (exact token-set match per mention,
unnamed/embedded mentions not excluded) and says so in the table.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from .kaznerd import prf

TAG = {"PER": "per", "ORG": "org", "LOC": "loc"}
GOLD_MAP = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}


def books(split_dir: Path) -> list[str]:
    return sorted((p.stem for p in split_dir.glob("book_*.txt")), key=lambda s: int(s[5:]))


def read_text(split_dir: Path, name: str) -> str:
    # The offsets in .tokens count characters of the file as stored (newline="" keeps \r\n).
    with open(split_dir / f"{name}.txt", encoding="utf-8-sig", newline="") as f:
        return f.read()


def write_responses(split_dir: Path, out_dir: Path, predict) -> tuple[int, float]:
    """Run `predict(text) -> spans` on every book; return (n_docs, seconds)."""
    import time

    n = 0
    secs = 0.0
    for name in books(split_dir):
        text = read_text(split_dir, name)
        t0 = time.perf_counter()
        spans = predict(text)
        secs += time.perf_counter() - t0
        with open(out_dir / f"{name}.task1", "w", encoding="utf-8") as f:
            for sp in spans:
                if sp.label in TAG:
                    f.write(f"{TAG[sp.label]} {sp.start} {sp.end - sp.start}\n")
        n += 1
    return n, secs


def dialent_path(dataset_dir: Path) -> Path | None:
    for cand in (os.environ.get("FACTRUEVAL_DIALENT"), dataset_dir / "scripts"):
        if cand and (Path(cand) / "dialent" / "task1" / "eval.py").exists():
            return Path(cand)
    return None


def official_score(dataset_dir: Path, split: str, resp_dir: Path) -> dict[str, dict[str, float]]:
    """Run scripts/t1_eval.py -l and parse its table (per/loc/org/overall rows)."""
    dpath = dialent_path(dataset_dir)
    env = dict(os.environ, PYTHONPATH=str(dpath) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run(
        [sys.executable, str(dataset_dir / "scripts" / "t1_eval.py"), "-s", str(dataset_dir / split),
         "-t", str(resp_dir), "-l"],
        capture_output=True, text=True, env=env, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"t1_eval.py failed: {proc.stderr[-2000:]}")
    res = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"^(per|loc|org|overall)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", line)
        if m:
            lab = {"per": "PER", "loc": "LOC", "org": "ORG", "overall": "ALL"}[m.group(1)]
            res[lab] = {"p": float(m.group(2)), "r": float(m.group(3)), "f1": float(m.group(4))}
    if not res:
        raise RuntimeError(f"could not parse t1_eval.py output:\n{proc.stdout[-2000:]}")
    return res


def gold_mentions(split_dir: Path, name: str) -> set[tuple[frozenset, str]]:
    """(token-id set, label) per gold mention, for the fallback scorer."""
    spans = {}
    for line in open(split_dir / f"{name}.spans", encoding="utf-8-sig"):
        parts = line.split("#")[0].split()
        if len(parts) >= 6:
            first, ntok = int(parts[4]), int(parts[5])
            spans[parts[0]] = set(range(first, first + ntok))
    out = set()
    for line in open(split_dir / f"{name}.objects", encoding="utf-8-sig"):
        parts = line.split("#")[0].split()
        if len(parts) >= 3 and parts[1] in GOLD_MAP:
            toks = set()
            for sid in parts[2:]:
                toks |= spans.get(sid, set())
            out.add((frozenset(toks), GOLD_MAP[parts[1]]))
    return out


def simple_score(split_dir: Path, resp_dir: Path) -> dict[str, dict[str, float]]:
    counts = {lab: [0, 0, 0] for lab in ("PER", "ORG", "LOC")}
    for name in books(split_dir):
        toks = []
        for line in open(split_dir / f"{name}.tokens", encoding="utf-8-sig"):
            p = line.split()
            if len(p) >= 3:
                toks.append((int(p[0]), int(p[1]), int(p[1]) + int(p[2])))
        gold = gold_mentions(split_dir, name)
        pred = set()
        for line in open(resp_dir / f"{name}.task1", encoding="utf-8"):
            tag, s, ln = line.split()
            s, e = int(s), int(s) + int(ln)
            ids = frozenset(t for t, a, b in toks if a >= s and b <= e)
            pred.add((ids, {"per": "PER", "org": "ORG", "loc": "LOC"}[tag]))
        for lab in counts:
            g = {x for x in gold if x[1] == lab}
            p = {x for x in pred if x[1] == lab}
            counts[lab][0] += len(g & p)
            counts[lab][1] += len(p)
            counts[lab][2] += len(g)
    return {lab: prf(*c) for lab, c in counts.items()}


def run(dataset_dir: Path, split: str, predict) -> tuple[dict, int, float, str]:
    """Score `predict` on a split; returns (metrics, n_docs, seconds, scorer name)."""
    with tempfile.TemporaryDirectory(prefix="factru-") as tmp:
        out = Path(tmp)
        n, secs = write_responses(dataset_dir / split, out, predict)
        if dialent_path(dataset_dir):
            return official_score(dataset_dir, split, out), n, secs, "official t1_eval.py -l"
        return simple_score(dataset_dir / split, out), n, secs, "simplified (dialent missing)"
