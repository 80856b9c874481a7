"""python -m bench.extraction.press [--split dev|test|all] [--lang kk,ru,en] [--show-errors]

Press-release benchmark: releases written for kopir in kk, ru and en, split into dev and test,
with gold organisations and people (with positions), in ``bench/extraction/press/`` (counts in
its README). ``--data DIR`` scores any directory of ``{lang}.{split}.jsonl`` files of the same
form, e.g. a private set of real releases that must not enter the repository. The texts are
run through the real CLI, ``kopir news extract``, as a subprocess (one call per language and
split), and the output is scored per document on sets of unique entities:

* strict: a predicted name matches a gold entity when its normalised form equals the gold
  name or one of its aliases (normalised the same way);
* lenient: also when one normalised token sequence is a contiguous part of the other covering
  at least 2/3 of the longer one's tokens, Cyrillic tokens comparing equal on their first
  max(4, len - 3) letters (len of the shorter token) to absorb inflection;
* each gold entity is matched at most once; a prediction that matches an already matched gold
  entity (a duplicate) is ignored — neither a hit nor a false positive; every other
  unmatched prediction is a false positive;
* positions: a gold (person, title) pair is found when a predicted person matched (lenient)
  to that gold person has a title that equals, contains or is contained in the gold title
  (normalised, whole tokens, Cyrillic tokens compared as above). Position recall only.

Only the predicted ``name`` is matched (not predicted aliases). Pure stdlib. Exit status is
non-zero when the CLI fails or a data file is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "press"
LANGS = ("kk", "ru", "en")
SPLITS = ("dev", "test")
TYPES = ("PER", "ORG")

# Latin letters that look like Cyrillic ones (after casefold); applied only inside words that
# also contain Cyrillic letters ("AО «Казатомпром»" typed with a Latin A, "Шәкәрiм" with i).
_LOOKALIKE = str.maketrans({
    "a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "i": "і", "k": "к", "m": "м",
    "o": "о", "p": "р", "t": "т", "x": "х", "y": "у",
})
_DELETE = "'’‘ʼ`\u0307"  # apostrophes join ("master's" -> "masters"); the dot of casefolded İ
_CYR = re.compile(r"[\u0400-\u04ff]")


def _is_cyr(tok: str) -> bool:
    return bool(_CYR.search(tok))


def normalise(s: str) -> str:
    """Casefold, drop quotes and punctuation, collapse whitespace, fix Latin look-alikes."""
    s = unicodedata.normalize("NFC", s or "").casefold()
    s = "".join(c for c in s if c not in _DELETE)
    s = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in s)
    toks = []
    for t in s.split():
        if _is_cyr(t):
            t = t.translate(_LOOKALIKE)
        toks.append(t)
    return " ".join(toks)


def _tok_eq(a: str, b: str) -> bool:
    if a == b:
        return True
    if not (_is_cyr(a) and _is_cyr(b)):
        return False
    k = max(4, min(len(a), len(b)) - 3)
    if len(a) < k or len(b) < k:
        return False
    return a[:k] == b[:k]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(all(_tok_eq(longer[i + j], shorter[j]) for j in range(n))
               for i in range(len(longer) - n + 1))


def lenient_match(a: str, b: str) -> bool:
    """Normalised strings a, b: contiguous token overlap covering >= 2/3 of the longer, with
    Cyrillic tokens compared on their stems."""
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return False
    lo, sh = (ta, tb) if len(ta) >= len(tb) else (tb, ta)
    if 3 * len(sh) < 2 * len(lo):
        return False
    return _contains(lo, sh)


def title_match(gold: str, pred: str) -> bool:
    g, p = normalise(gold).split(), normalise(pred).split()
    if not g or not p:
        return False
    return _contains(p, g) if len(p) >= len(g) else _contains(g, p)


def _keys(ent: dict) -> set[str]:
    return {k for k in (normalise(x) for x in [ent["name"], *ent.get("aliases", [])]) if k}


def match(gold: list[dict], pred_names: list[str], lenient: bool = False):
    """Match predicted names to gold entities of one type in one document.

    Returns (tp, fp, fn, pairs, fps, misses): pairs maps gold index -> list of prediction
    indices matched to it (the first one and any duplicates)."""
    keys = [_keys(g) for g in gold]
    preds, seen = [], set()
    for i, n in enumerate(pred_names):
        k = normalise(n)
        if k and k not in seen:
            seen.add(k)
            preds.append((i, k))
    owner: dict[int, int] = {}  # pred index -> gold index
    matched: set[int] = set()

    def hits(k, loose):
        return [gi for gi, ks in enumerate(keys)
                if (k in ks) or (loose and any(lenient_match(k, x) for x in ks))]

    passes = (False, True) if lenient else (False,)
    for loose in passes:
        for i, k in preds:
            if i in owner:
                continue
            free = [gi for gi in hits(k, loose) if gi not in matched]
            if free:
                owner[i] = free[0]
                matched.add(free[0])
    fps = []
    for i, k in preds:
        if i in owner:
            continue
        h = hits(k, lenient)
        if h:  # duplicate of an already matched gold entity: ignored, not a false positive
            owner[i] = h[0]
        else:
            fps.append(pred_names[i])
    pairs: dict[int, list[int]] = {}
    for i, gi in owner.items():
        pairs.setdefault(gi, []).append(i)
    # also the exact repeats of a name that were collapsed into one prediction
    for i, n in enumerate(pred_names):
        for pi, gi in list(owner.items()):
            if i != pi and normalise(n) == normalise(pred_names[pi]) and i not in pairs.get(gi, []):
                pairs[gi].append(i)
    misses = [gold[gi]["name"] for gi in range(len(gold)) if gi not in matched]
    tp = len(matched)
    return tp, len(fps), len(gold) - tp, pairs, fps, misses


def load(split: str, langs=LANGS, data_dir: Path = DATA_DIR) -> list[dict]:
    splits = SPLITS if split == "all" else (split,)
    docs = []
    for lang in langs:
        for sp in splits:
            p = data_dir / f"{lang}.{sp}.jsonl"
            if not p.exists():
                raise FileNotFoundError(p)
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    d["split"] = sp
                    docs.append(d)
    return docs


def kopir_cmd() -> list[str]:
    """The ``kopir`` console script is ``kopir.manage:main``; run it as a module of this
    interpreter so that the ``kopir`` package on the current directory / PYTHONPATH is used."""
    return [sys.executable, "-m", "kopir.manage"]


def extract(docs: list[dict]) -> tuple[dict[str, dict], float]:
    """Run ``kopir news extract`` over docs; returns ({id: output record}, seconds)."""
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with open(inp, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": d["id"], "text": d["text"], "lang": d["lang"]},
                                   ensure_ascii=False) + "\n")
        env = dict(os.environ)
        env.setdefault("DJANGO_SETTINGS_MODULE", "kopir.settings")
        cmd = kopir_cmd() + ["news", "extract", "--in", str(inp), "--out", str(out)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        secs = time.perf_counter() - t0
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"kopir news extract failed ({proc.returncode}): {proc.stderr[-2000:]}")
        res = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                res[r["id"]] = r
    missing = [d["id"] for d in docs if d["id"] not in res]
    if missing:
        raise RuntimeError(f"kopir news extract returned no record for {missing[:5]}")
    return res, secs


def _prf(c: dict) -> dict:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {**c, "p": p, "r": r, "f1": f}


def score_doc(doc: dict, out: dict) -> dict:
    """Per-document counts and errors for one release and the CLI's record for it."""
    gold = doc["gold"]
    res: dict = {"id": doc["id"], "errors": {}}
    pred = {"ORG": [o.get("name", "") for o in out.get("organizations", [])],
            "PER": [p.get("name", "") for p in out.get("people", [])]}
    golds = {"ORG": gold["organizations"], "PER": gold["people"]}
    for typ in TYPES:
        for mode in ("strict", "lenient"):
            tp, fp, fn, pairs, fps, misses = match(golds[typ], pred[typ], lenient=mode == "lenient")
            res[(typ, mode)] = {"tp": tp, "fp": fp, "fn": fn}
            res["errors"][(typ, mode)] = {"fp": fps, "miss": misses}
            if typ == "PER" and mode == "lenient":
                people = out.get("people", [])
                found = total = 0
                pos_miss = []
                for gi, g in enumerate(golds["PER"]):
                    titles = [x.get("title") or "" for pi in pairs.get(gi, [])
                              for x in people[pi].get("positions", [])]
                    for pos in g.get("positions", []):
                        total += 1
                        if any(title_match(pos["title"], t) for t in titles):
                            found += 1
                        else:
                            pos_miss.append(f"{g['name']}: {pos['title']}"
                                            + (f" (predicted: {'; '.join(titles)})" if titles else ""))
                res["pos"] = {"found": found, "total": total}
                res["errors"]["pos"] = pos_miss
    return res


def run(split: str = "dev", langs=LANGS, data_dir: Path = DATA_DIR, show_errors: bool = False,
        file=None) -> dict:
    """Score the CLI on the press set. Returns {"rows": [...], "docs": [...]}; each row has
    lang, split, n, secs, docs_per_s and metrics[(type, mode)] -> {tp, fp, fn, p, r, f1} plus
    pos_recall. Raises RuntimeError when the CLI fails."""
    file = file or sys.stdout
    splits = SPLITS if split == "all" else (split,)
    rows, per_doc = [], []
    for lang in langs:
        for sp in splits:
            docs = load(sp, [lang], data_dir)
            out, secs = extract(docs)
            scored = [score_doc(d, out[d["id"]]) for d in docs]
            per_doc.extend(scored)
            metrics = {}
            for typ in TYPES:
                for mode in ("strict", "lenient"):
                    c = {k: sum(s[(typ, mode)][k] for s in scored) for k in ("tp", "fp", "fn")}
                    metrics[(typ, mode)] = _prf(c)
            found = sum(s["pos"]["found"] for s in scored)
            total = sum(s["pos"]["total"] for s in scored)
            rows.append({"lang": lang, "split": sp, "n": len(docs), "secs": secs,
                         "docs_per_s": len(docs) / secs if secs else 0.0, "metrics": metrics,
                         "pos_found": found, "pos_total": total,
                         "pos_recall": found / total if total else 0.0})
            if show_errors:
                print_errors(scored, file)
    return {"rows": rows, "docs": per_doc}


def print_errors(scored: list[dict], file=None) -> None:
    file = file or sys.stdout
    for s in scored:
        print(f"\n### {s['id']}", file=file)
        for typ in TYPES:
            e = s["errors"][(typ, "strict")]
            el = s["errors"][(typ, "lenient")]
            for n in e["fp"]:
                tag = "" if n in el["fp"] else "  [ok lenient]"
                print(f"  {typ} false positive: {n}{tag}", file=file)
            for n in e["miss"]:
                tag = "" if n in el["miss"] else "  [ok lenient]"
                print(f"  {typ} missed:         {n}{tag}", file=file)
        for m in s["errors"]["pos"]:
            print(f"  position missed:    {m}", file=file)


def _cells(m: dict) -> str:
    return f"{m['p']:.3f} {m['r']:.3f} {m['f1']:.3f}"


def table(rows: list[dict]) -> str:
    head = ("| lang | split | docs | PER P / R / F1 strict | ORG P / R / F1 strict "
            "| PER P / R / F1 lenient | ORG P / R / F1 lenient | pos. recall | docs/s |")
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        m = r["metrics"]
        lines.append(
            f"| {r['lang']}   | {r['split']:<5} | {r['n']:>4} | {_cells(m[('PER', 'strict')])} "
            f"| {_cells(m[('ORG', 'strict')])} | {_cells(m[('PER', 'lenient')])} "
            f"| {_cells(m[('ORG', 'lenient')])} | {r['pos_recall']:.3f} ({r['pos_found']}/{r['pos_total']}) "
            f"| {r['docs_per_s']:6.1f} |")
    # micro average over all rows of each split
    for sp in dict.fromkeys(r["split"] for r in rows):
        rs = [r for r in rows if r["split"] == sp]
        if len(rs) < 2:
            continue
        m = {k: _prf({c: sum(r["metrics"][k][c] for r in rs) for c in ("tp", "fp", "fn")})
             for k in rs[0]["metrics"]}
        found, total = sum(r["pos_found"] for r in rs), sum(r["pos_total"] for r in rs)
        n, secs = sum(r["n"] for r in rs), sum(r["secs"] for r in rs)
        lines.append(
            f"| all  | {sp:<5} | {n:>4} | {_cells(m[('PER', 'strict')])} | {_cells(m[('ORG', 'strict')])} "
            f"| {_cells(m[('PER', 'lenient')])} | {_cells(m[('ORG', 'lenient')])} "
            f"| {found / total if total else 0:.3f} ({found}/{total}) | {n / secs if secs else 0:6.1f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.extraction.press")
    ap.add_argument("--split", default="dev", choices=["dev", "test", "all"],
                    help="dev for tuning and error analysis; report test")
    ap.add_argument("--lang", default=",".join(LANGS), help="comma-separated: kk,ru,en")
    ap.add_argument("--data", default=str(DATA_DIR), help="directory of {lang}.{split}.jsonl")
    ap.add_argument("--show-errors", action="store_true",
                    help="print false positives, misses and missed positions per document")
    args = ap.parse_args(argv)
    langs = [x.strip() for x in args.lang.split(",") if x.strip()]
    bad = [x for x in langs if x not in LANGS]
    if bad:
        ap.error(f"unknown language(s): {', '.join(bad)}")
    try:
        res = run(args.split, langs, Path(args.data), show_errors=args.show_errors)
    except (RuntimeError, FileNotFoundError, OSError) as e:
        print(f"press benchmark failed: {e}", file=sys.stderr)
        return 1
    print("\n## Press releases (bench/extraction/press, `kopir news extract`)\n")
    print(table(res["rows"]))
    print("\ndocs/s includes the start of the CLI process (one call per row).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
