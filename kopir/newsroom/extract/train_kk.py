"""Train the Kazakh NER tagger (:mod:`.kk_ner`) on IOB2 files such as KazNERD.

    python -m kopir.newsroom.extract.train_kk --data /work/shared/eval/kaznerd \\
        --out kopir/newsroom/extract/models/kk_ner.npz

By default only ``IOB2_valid.txt`` is used. ``IOB2_test2.txt`` in the KazNERD release is
the *test* split again with sentence ids (``AID…``/``BID…`` tokens) prepended, so any file
whose name contains "test" is refused: training on it would score the model on its own
training data. ``--holdout`` keeps the last fraction of the sentences aside and prints
dev scores after every epoch (for tuning); the shipped model is trained on everything.
``--press FILE.jsonl …`` adds annotated press releases (see :func:`press_sentences` and ADR
0010); the shipped model's command is in ``models/README.md``.

Averaged structured perceptron (Collins 2002): Viterbi-decode each sentence with the
current weights, add the gold features and subtract the predicted ones where they
differ; the average of the weights over all steps is the model (kept cheaply with the
"timestamp" trick: ``avg = W - U / c``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

from .kk_ner import KkTagger, allowed_transitions, chunks, features, viterbi
from .textutil import split_sentences, tokenize

# KazNERD's 25 classes; the product needs three, but keeping some of the others as their
# own labels (instead of folding them into O) stops the model from calling a NORP
# ("қазақстандық") or a FACILITY a LOC (chosen on a held-out part of valid: see README).
LABEL_MAP = {"PERSON": "PER", "ORGANISATION": "ORG", "GPE": "LOC", "LOCATION": "LOC"}
_SENT_ID_RE = re.compile(r"^[A-Z]ID\d+$")


def load_iob2(path: str | Path, keep: str = "three") -> list[tuple[list[str], list[str]]]:
    """Sentences as (tokens, IOB2 tags). ``keep``: "three" maps other classes to O,
    "other" to one OTH class, "all" keeps them. Sentence-id lines are skipped."""
    sents, toks, tags = [], [], []

    def flush():
        if toks:
            sents.append((toks[:], tags[:]))
            toks.clear()
            tags.clear()

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            tok, _, tag = line.rpartition(" ")
            tok = tok.strip()
            if not tok or (not toks and _SENT_ID_RE.match(tok)):
                continue
            if tag.startswith(("B-", "I-")):
                cls = tag[2:]
                mapped = LABEL_MAP.get(cls) or {"three": None, "other": "OTH", "all": cls}[keep]
                tag = f"{tag[:2]}{mapped}" if mapped else "O"
            else:
                tag = "O"
            toks.append(tok)
            tags.append(tag)
    flush()
    return sents


def _gold_ranges(text: str, gold: dict) -> list[tuple[int, int, str]]:
    """Character ranges of every written form (name or alias) of the gold organisations and
    people that occurs in ``text`` as whole words; longest first, without overlaps."""
    forms = []
    for key, lab in (("organizations", "ORG"), ("people", "PER")):
        for ent in gold.get(key, []):
            for form in sorted({ent["name"], *ent.get("aliases", [])}):
                if form.strip():
                    forms.append((form, lab))
    found = []
    for form, lab in forms:
        for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
            found.append((m.start(), m.end(), lab))
    found.sort(key=lambda r: (r[0] - r[1], r[0], r[2]))
    taken: list[tuple[int, int, str]] = []
    for a, b, lab in found:
        if not any(a < y and x < b for x, y, _ in taken):
            taken.append((a, b, lab))
    return sorted(taken)


def press_sentences(path: str | Path, tagger: KkTagger) -> list[tuple[list[str], list[str]]]:
    """Sentences of annotated press releases (``bench/extraction/press`` JSON lines) as
    (tokens, IOB2 tags). The releases mark organisations and people only, so the other
    classes (places, positions, events …) are the ``tagger``'s own guesses, kept as silver;
    its PER/ORG guesses are replaced by the gold ones. A gold name inside a POSITION the
    tagger found stays inside it: KazNERD marks "Абай облысының әкімі" as one POSITION and
    :func:`..ner._org_in_position` takes the organisation out of it."""
    out = []
    with open(path, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    for doc in docs:
        text = doc["text"]
        ranges = _gold_ranges(text, doc.get("gold", {}))
        for s0, e0 in split_sentences(text):
            toks = tokenize(text[s0:e0], s0)
            if not toks:
                continue
            words = [t.text for t in toks]
            tags = [("O" if t[2:] in ("PER", "ORG") else t) for t in tagger.tag(words)]
            positions = [(a, b) for a, b, lab in chunks(tags) if lab == "POSITION"]
            for a, b, lab in ranges:
                idx = [k for k, t in enumerate(toks) if a <= t.start and t.end <= b]
                if not idx or toks[idx[0]].start != a or toks[idx[-1]].end != b:
                    continue  # not on token boundaries ("ҚазҰУ-дың" inside one token)
                i, j = idx[0], idx[-1] + 1
                if any(pa <= i and j <= pb for pa, pb in positions):
                    continue
                for k in range(i, j):
                    tags[k] = ("B-" if k == i else "I-") + lab
                if j < len(tags) and tags[j].startswith("I-"):
                    tags[j] = "B-" + tags[j][2:]
            # a silver chunk cut at its start by a gold one begins afresh
            for k in range(1, len(tags)):
                if tags[k].startswith("I-") and tags[k - 1][2:] != tags[k][2:]:
                    tags[k] = "B-" + tags[k][2:]
            out.append((words, tags))
    return out


def evaluate(tagger: KkTagger, sents) -> dict[str, tuple[float, float, float]]:
    """Entity-level exact-match P/R/F1 for PER/ORG/LOC."""
    cnt = {lab: [0, 0, 0] for lab in ("PER", "ORG", "LOC")}
    for toks, tags in sents:
        gold = {c for c in chunks(tags) if c[2] in cnt}
        pred = {c for c in chunks(tagger.tag(toks)) if c[2] in cnt}
        for lab, c in cnt.items():
            g = {x for x in gold if x[2] == lab}
            p = {x for x in pred if x[2] == lab}
            c[0] += len(g & p)
            c[1] += len(p)
            c[2] += len(g)
    out = {}
    for lab, (tp, npred, ngold) in cnt.items():
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        out[lab] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def train(sents, epochs: int = 10, seed: int = 1, dev=None, prune: float = 0.0, log=print, runs: int = 1):
    """Train on (tokens, tags) sentences; returns ``(features, W, T, labels)`` pruned of
    weights whose magnitude is below ``prune`` (features left with no weight are dropped).
    ``runs`` > 1 trains that many perceptrons on different shuffles (seeds ``seed``,
    ``seed + 1``, ...) and averages them: one linear model, less dependent on the order."""
    labels = ["O"] + sorted({t for _, tags in sents for t in tags if t != "O"},
                            key=lambda x: (x[2:], x[0]))
    lab_id = {lab: k for k, lab in enumerate(labels)}
    L = len(labels)
    fid: dict[str, int] = {"b": 0}
    data = []
    for toks, tags in sents:
        ids, offs = [], []
        for f in features(toks):
            offs.append(len(ids))
            ids.extend(fid.setdefault(x, len(fid)) for x in f)
        offs.append(len(ids))
        data.append((np.asarray(ids, dtype=np.int64), offs, [lab_id[t] for t in tags]))
    nf = len(fid)
    log(f"{len(sents)} sentences, {nf} features, {L} labels")
    mask = allowed_transitions(labels)
    feats = [None] * nf
    for f, k in fid.items():
        feats[k] = f
    Wa = np.zeros((nf, L), dtype=np.float64)
    Ta = np.zeros((L + 1, L), dtype=np.float64)
    for run in range(runs):
        W, T = _train_run(data, nf, mask, epochs, seed + run, dev, feats, labels, log)
        Wa += W / runs
        Ta += T / runs
    if prune > 0:
        Wa[np.abs(Wa) < prune] = 0.0
    keep = np.flatnonzero(np.abs(Wa).max(axis=1) > 0)
    keep = np.union1d(keep, [0])  # the bias row stays even if it rounds to zero
    return [feats[k] for k in keep], Wa[keep], Ta, labels


def _train_run(data, nf, mask, epochs, seed, dev, feats, labels, log):
    """One averaged perceptron over ``data``; returns the averaged ``(W, T)``."""
    L = len(labels)
    W = np.zeros((nf, L), dtype=np.float64)
    U = np.zeros_like(W)
    T = np.zeros((L + 1, L), dtype=np.float64)
    TU = np.zeros_like(T)
    c = 1.0
    rng = random.Random(seed)
    order = list(range(len(data)))
    for ep in range(epochs):
        t0 = time.perf_counter()
        rng.shuffle(order)
        errors = 0
        for si in order:
            ids, offs, gold = data[si]
            emit = np.add.reduceat(W[ids], offs[:-1], axis=0)
            pred = viterbi(emit, np.where(mask, T, -np.inf))
            if pred != gold:
                errors += 1
                for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
                    if g != p:
                        rows = ids[offs[i]:offs[i + 1]]
                        W[rows, g] += 1.0
                        U[rows, g] += c
                        W[rows, p] -= 1.0
                        U[rows, p] -= c
                    pg = gold[i - 1] if i else L
                    pp = pred[i - 1] if i else L
                    if (pg, g) != (pp, p):
                        T[pg, g] += 1.0
                        TU[pg, g] += c
                        T[pp, p] -= 1.0
                        TU[pp, p] -= c
            c += 1.0
        msg = f"epoch {ep + 1}: {errors} sentences wrong, {time.perf_counter() - t0:.1f}s"
        if dev:
            tagger = KkTagger(feats, W - U / c, T - TU / c, labels)
            scores = evaluate(tagger, dev)
            msg += "  dev " + "  ".join(f"{k} {v[0]:.3f}/{v[1]:.3f}/{v[2]:.3f}" for k, v in scores.items())
        log(msg)
    return W - U / c, T - TU / c


def main(argv=None) -> int:
    """Command line: train on IOB2 files and write the ``.npz`` model."""
    ap = argparse.ArgumentParser(prog="python -m kopir.newsroom.extract.train_kk", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="KazNERD directory (uses IOB2_valid.txt)")
    ap.add_argument("--files", nargs="*", default=[], help="IOB2 files to train on (instead of --data)")
    ap.add_argument("--press", nargs="*", default=[],
                    help="annotated press releases (JSON lines, bench/extraction/press form) added to the training data")
    ap.add_argument("--press-weight", type=int, default=1, help="times each press-release sentence is seen per epoch")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--keep", choices=["three", "other", "all"], default="all",
                    help="what to do with KazNERD classes other than PER/ORG/LOC")
    ap.add_argument("--prune", type=float, default=0.05, help="drop averaged weights below this magnitude")
    ap.add_argument("--holdout", type=float, default=0.0, help="fraction kept aside as dev (tuning only)")
    ap.add_argument("--eval", help="IOB2 file scored after training (report only)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=1, help="perceptrons (seeds) averaged into the model")
    args = ap.parse_args(argv)
    files = [Path(f) for f in args.files]
    if args.data:
        files.append(Path(args.data) / "IOB2_valid.txt")
    if not files:
        ap.error("give --data or --files")
    for f in files:
        if "test" in f.name.lower():
            ap.error(f"{f}: refusing to train on a test split (KazNERD's IOB2_test2.txt is IOB2_test.txt with ids)")
    for f in args.press:
        if "test" in Path(f).name.lower():
            ap.error(f"{f}: refusing to train on a test split")
    sents = [s for f in files for s in load_iob2(f, args.keep)]
    dev = None
    if args.holdout:
        cut = int(len(sents) * (1 - args.holdout))
        sents, dev = sents[:cut], sents[cut:]
    t0 = time.perf_counter()
    if args.press:
        # the classes the releases do not mark come from a model of the IOB2 files alone,
        # trained first in the same run, so the result does not depend on the shipped file
        print("first pass, on the IOB2 files alone:")
        silver = KkTagger(*train(sents, args.epochs, args.seed, None, args.prune, runs=args.runs))
        press = [s for f in args.press for s in press_sentences(f, silver)]
        sents = sents + press * args.press_weight
        print(f"second pass, with {len(press)} press-release sentences x {args.press_weight}:")
    feats, W, T, labels = train(sents, args.epochs, args.seed, dev, args.prune, runs=args.runs)
    meta = {"trained_on": " ".join([f.name for f in files] + [Path(f).name for f in args.press]),
            "press_weight": args.press_weight, "sentences": len(sents), "epochs": args.epochs,
            "keep": args.keep, "prune": args.prune, "runs": args.runs, "seed": args.seed}
    KkTagger.save(args.out, feats, W, T, labels, meta)
    size = Path(args.out).stat().st_size
    print(f"wrote {args.out}: {len(feats)} features, {size / 1e6:.2f} MB, {time.perf_counter() - t0:.0f}s")
    # the written model (all runs averaged, pruned, float16), read back only to be scored
    tagger = KkTagger.load(args.out) if dev or args.eval else None
    if dev:  # on the hold-out
        for lab, (p, r, f) in evaluate(tagger, dev).items():
            print(f"hold-out {lab}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    if args.eval:
        ev = load_iob2(args.eval, "three")
        for lab, (p, r, f) in evaluate(tagger, ev).items():
            print(f"{Path(args.eval).name} {lab}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
