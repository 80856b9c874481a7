"""``kopir news extract --in ARTICLES.jsonl --out FACTS.jsonl [--directory DIRECTORY.jsonl]``."""

from __future__ import annotations

import argparse
import json
import sys

from .facts import extract
from .furniture import strip_furniture
from .linker import Linker, link_facts


class InputError(Exception):
    pass


def _read_jsonl(path: str, required: dict[str, type], what: str) -> list[dict]:
    rows = []
    try:
        f = open(path, encoding="utf-8")
    except OSError as e:
        raise InputError(f"{what}: cannot open {path}: {e.strerror}") from None
    with f:
        for no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{path}:{no}: invalid JSON ({e.msg})") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{no}: expected a JSON object")
            for key, typ in required.items():
                if key not in row:
                    raise InputError(f"{path}:{no}: missing field {key!r}")
                if typ is not None and not isinstance(row[key], typ):
                    raise InputError(f"{path}:{no}: field {key!r} must be {typ.__name__}")
            rows.append(row)
    return rows


def _output_record(doc_id, facts: dict, linked: bool) -> dict:
    def keep(item: dict, fields: tuple[str, ...]) -> dict:
        out = {k: item[k] for k in fields if k in item and item[k] not in (None, [], "")}
        if linked:
            out["link"] = item.get("link")
        return out

    def as_written(item: dict) -> dict:
        """The name as it first stands in the text; the dictionary form joins the aliases."""
        written = item.get("written") or item["name"]
        aliases = [a for a in [item["name"], *item.get("aliases", [])] if a != written]
        return {**item, "name": written, "aliases": list(dict.fromkeys(aliases))}

    return {
        "id": doc_id,
        "lang": facts["lang"],
        "organizations": [keep(as_written(o), ("name", "aliases", "kind", "legal_form"))
                          for o in facts["organizations"]],
        "people": [
            {**keep(as_written(p), ("name", "aliases")), "positions": p["positions"]} for p in facts["people"]
        ],
        "places": [keep(p, ("name",)) for p in facts["places"]],
        "events": [keep(e, ("name", "date")) for e in facts["events"]],
    }


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kopir news", description="Extract facts from press releases.")
    sub = p.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract", help="extract organisations, people, events from JSONL articles")
    ex.add_argument("--in", dest="inp", required=True, help='input JSONL: {"id", "text", "lang"?}')
    ex.add_argument("--out", required=True, help="output JSONL of facts")
    ex.add_argument("--directory", help='directory JSONL {"id", "kind", "names": [...]} to link to')
    ex.add_argument("--no-strip", action="store_true", help="do not strip page furniture first")
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 2 bad usage or bad input)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits on --help / usage errors
        return int(e.code or 0)
    try:
        docs = _read_jsonl(args.inp, {"id": None, "text": str}, "--in")
        for no, d in enumerate(docs, 1):
            if d.get("lang") not in (None, "kk", "ru", "en"):
                raise InputError(f"{args.inp}: record {no} (id {d['id']!r}): lang must be kk, ru or en")
        linker = None
        if args.directory:
            entries = _read_jsonl(args.directory, {"id": None, "names": list}, "--directory")
            linker = Linker(entries)
    except InputError as e:
        print(f"kopir news extract: error: {e}", file=sys.stderr)
        return 2
    try:
        out = open(args.out, "w", encoding="utf-8")
    except OSError as e:
        print(f"kopir news extract: error: cannot write {args.out}: {e.strerror}", file=sys.stderr)
        return 2
    with out:
        for d in docs:
            text = d["text"] if args.no_strip else strip_furniture(d["text"])
            facts = extract(text, d.get("lang"), names=linker.spotter if linker else None)
            if linker:
                link_facts(facts, linker)
            out.write(json.dumps(_output_record(d["id"], facts, linker is not None), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
