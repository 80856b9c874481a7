"""python -m bench.extraction [--full] [--no-natasha] [--no-press] [--eval DIR] [--seeds DIR]

Prints one table: P/R/F1 for PER/ORG/LOC on KazNERD (kk, test split; the packaged perceptron
tagger and the rules alone) and factRuEval-2016 (ru, testset, official scorer), throughput in
documents per second, beside baselines:
* KazNERD: memorisation baseline (each token sequence seen as an entity in the validation
  split is tagged with its most frequent class) — the classic CoNLL baseline;
* factRuEval: natasha run live through the same scorer when installed, and natasha's
  published factRuEval figures (naeval, its own token-level scorer: not directly comparable).
Then scores ``kopir news extract`` on the press-release set (bench/extraction/press, same
split; ``--no-press`` skips it) and runs it over shared/seeds/*.txt and lists the facts found.
Exit code is non-zero when a dataset is missing or a step fails.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from kopir.newsroom.extract.ner import Span, find_entities

from . import factru, kaznerd, press

NATASHA_PUBLISHED = {"PER": 0.959, "LOC": 0.915, "ORG": 0.825}  # slovnet/natasha README, factru column


def memorisation_baseline(train_sents):
    """Dictionary of entity token sequences seen in the training (here: validation) split."""
    table: dict[tuple[str, ...], Counter] = {}
    for toks, tags in train_sents:
        for s, e, lab in kaznerd.chunks(tags):
            table.setdefault(tuple(toks[s:e]), Counter())[lab] += 1
    lex = {k: c.most_common(1)[0][0] for k, c in table.items()}
    maxlen = max((len(k) for k in lex), default=1)

    def predict(text: str) -> list[Span]:
        toks = text.split(" ")
        offs, pos = [], 0
        for t in toks:
            offs.append(pos)
            pos += len(t) + 1
        out, i = [], 0
        while i < len(toks):
            for n in range(min(maxlen, len(toks) - i), 0, -1):
                lab = lex.get(tuple(toks[i:i + n]))
                if lab:
                    s, e = offs[i], offs[i + n - 1] + len(toks[i + n - 1])
                    out.append(Span(s, e, lab, text[s:e]))
                    i += n
                    break
            else:
                i += 1
        return out

    return predict


def natasha_predictor():
    try:
        from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter
    except Exception:  # noqa: BLE001 - any import problem means "not available"
        return None
    seg, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())

    def predict(text: str) -> list[Span]:
        doc = Doc(text)
        doc.segment(seg)
        doc.tag_ner(tagger)
        return [Span(s.start, s.stop, s.type, s.text) for s in doc.spans if s.type in ("PER", "ORG", "LOC")]

    return predict


def fmt_row(name, data, lang, m, docs_per_s, note=""):
    cells = []
    for lab in ("PER", "ORG", "LOC"):
        v = m.get(lab)
        if v and v["p"] != v["p"]:  # published F1 only (NaN P/R)
            cells.append(f"  –     –   {v['f1']:.3f}")
        else:
            cells.append(f"{v['p']:.3f} {v['r']:.3f} {v['f1']:.3f}" if v else "  –     –     –  ")
    dps = f"{docs_per_s:9.0f}" if docs_per_s else "        –"
    return f"| {name:<28} | {data:<20} | {lang} | " + " | ".join(cells) + f" | {dps} | {note}"


def run_seeds(seed_dir: Path) -> int:
    files = sorted(seed_dir.glob("*.txt"))
    if not files:
        print(f"no seed documents in {seed_dir}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with open(inp, "w", encoding="utf-8") as f:
            for p in files:
                f.write(json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
        env = dict(os.environ, DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "kopir.settings"))
        cmd = [sys.executable, "-m", "kopir.manage", "news", "extract", "--in", str(inp), "--out", str(out)]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        if proc.returncode != 0:
            print(f"kopir news extract failed ({proc.returncode}): {proc.stderr[-2000:]}", file=sys.stderr)
            return 1
        print("\n## Facts found by `kopir news extract` in shared/seeds\n")
        for line in out.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            print(f"### {r['id']} ({r['lang']})")
            print("- organisations: " + "; ".join(
                o["name"] + (f" [{o['legal_form']}]" if o.get("legal_form") else "") for o in r["organizations"]))
            for p in r["people"]:
                pos = "; ".join(f"{x['title']}" + (f" @ {x['organization']}" if x.get("organization") else "")
                                for x in p["positions"])
                print(f"- person: {p['name']}" + (f" — {pos}" if pos else ""))
            print("- places: " + "; ".join(p["name"] for p in r["places"]))
            print("- events: " + "; ".join(e["name"] + (f" ({e['date']})" if e.get("date") else "") for e in r["events"]))
    return 0


def run_press(split: str) -> int:
    try:
        res = press.run(split, press.LANGS)
    except (RuntimeError, OSError) as e:
        print(f"press benchmark failed: {e}", file=sys.stderr)
        return 1
    print(f"\n## Press releases (bench/extraction/press, {split}, `kopir news extract`)\n")
    print(press.table(res["rows"]))
    return 0



def _kk_model_note() -> str:
    """What the packaged Kazakh tagger was trained on, from the model's own metadata."""
    from kopir.newsroom.extract import kk_ner

    tagger = kk_ner.load_default()
    trained = tagger.meta.get("trained_on", "?") if tagger else "no model"
    return f"perceptron trained on {trained}".replace("IOB2_valid.txt", "KazNERD valid")

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.extraction")
    ap.add_argument("--eval", default=os.environ.get("KOPIR_EVAL_DIR", "/work/shared/eval"))
    ap.add_argument("--seeds", default=os.environ.get("KOPIR_SEEDS_DIR", "/work/shared/seeds"))
    ap.add_argument("--split", default="test", choices=["test", "dev"],
                    help="report split (dev = KazNERD valid / factRuEval devset, for tuning)")
    ap.add_argument("--limit", type=int, default=None, help="KazNERD sentences (default: all)")
    ap.add_argument("--no-natasha", action="store_true")
    ap.add_argument("--no-press", action="store_true", help="skip the press-release table")
    args = ap.parse_args(argv)
    ev = Path(args.eval)
    kz_dir, fr_dir = ev / "kaznerd", ev / "factrueval2016"
    for p in (kz_dir / "IOB2_test.txt", kz_dir / "IOB2_valid.txt", fr_dir / "testset", fr_dir / "devset"):
        if not p.exists():
            print(f"missing dataset file: {p}", file=sys.stderr)
            return 1

    rows = []
    # --- KazNERD (kk) ---
    kz_eval = kz_dir / ("IOB2_test.txt" if args.split == "test" else "IOB2_valid.txt")
    sents = kaznerd.load(kz_eval, args.limit)
    t0 = time.perf_counter()
    m = kaznerd.evaluate(sents, functools.partial(find_entities, lang="kk"))
    dt = time.perf_counter() - t0
    rows.append(fmt_row("kopir (tagger + rules)", f"KazNERD {kz_eval.stem[5:]}", "kk", m, len(sents) / dt,
                        _kk_model_note()))
    t0 = time.perf_counter()
    m = kaznerd.evaluate(sents, functools.partial(find_entities, lang="kk", rules_only=True))
    dt = time.perf_counter() - t0
    rows.append(fmt_row("kopir rules only", f"KazNERD {kz_eval.stem[5:]}", "kk", m, len(sents) / dt,
                        f"{len(sents)} sentences as docs"))
    if args.split == "test":
        base = memorisation_baseline(kaznerd.load(kz_dir / "IOB2_valid.txt"))
        t0 = time.perf_counter()
        mb = kaznerd.evaluate(sents, base)
        rows.append(fmt_row("memorisation (valid)", f"KazNERD {kz_eval.stem[5:]}", "kk", mb,
                            len(sents) / (time.perf_counter() - t0), "CoNLL-style baseline"))

    # --- factRuEval-2016 (ru) ---
    split = "testset" if args.split == "test" else "devset"
    m, n, secs, scorer = factru.run(fr_dir, split, functools.partial(find_entities, lang="ru"))
    rows.append(fmt_row("kopir (natasha + rules)", f"factRuEval {split}", "ru", m, n / secs, scorer))
    m, n, secs, scorer = factru.run(fr_dir, split, functools.partial(find_entities, lang="ru", rules_only=True))
    rows.append(fmt_row("kopir rules only", f"factRuEval {split}", "ru", m, n / secs, scorer))
    if not args.no_natasha:
        nat = natasha_predictor()
        if nat:
            m, n, secs, scorer = factru.run(fr_dir, split, nat)
            rows.append(fmt_row("natasha 1.6 (live)", f"factRuEval {split}", "ru", m, n / secs, scorer))
    rows.append(fmt_row("natasha (published)", "factRuEval", "ru",
                        {k: {"p": float("nan"), "r": float("nan"), "f1": v} for k, v in NATASHA_PUBLISHED.items()},
                        0, "naeval token-level F1, not the official scorer"))

    print("| system                       | data                 | lang | PER P / R / F1    | ORG P / R / F1    "
          "| LOC P / R / F1    | docs/s    | note")
    print("|" + "---|" * 8)
    for r in rows:
        print(r)
    rc = 0 if args.no_press else run_press(args.split)
    return run_seeds(Path(args.seeds)) or rc


if __name__ == "__main__":
    raise SystemExit(main())
