"""``kopir match rank|eval`` through ``main(argv)`` on small files."""
import json
import math

import pytest

from kopir.matching.engine.cli import main

CORPUS = [
    {"_id": "vet", "title": "Мал дәрігерлік зертхана",
     "text": "Ветеринариялық зертхана жануарлардың жұқпалы ауруларын ПТР әдісімен анықтайды.",
     "entity": "lab-vet"},
    {"_id": "vet2", "text": "Бруцеллез бен туберкулезге қан сынамаларын тексереді.", "entity": "lab-vet"},
    {"_id": "weld", "text": "Лаборатория сварки: обучение сварщиков и аттестация.", "entity": "lab-weld"},
    {"_id": "soil", "text": "Soil chemistry laboratory: heavy metals in soils.", "entity": "lab-soil"},
]
QUERIES = [
    {"_id": "q1", "text": "обучение сварщиков"},
    {"_id": "q2", "text": "heavy metals in soil"},
    {"_id": "q3", "text": "ПЦР-диагностика болезней скота"},
]


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _run_rows(path):
    return [line.split() for line in open(path, encoding="utf-8") if line.strip()]


def test_rank_lexical_documents(tmp_path):
    docs = [{k: v for k, v in d.items() if k != "entity"} for d in CORPUS]
    out = tmp_path / "run.tsv"
    rc = main(["rank", "--corpus", _jsonl(tmp_path / "c.jsonl", docs),
               "--queries", _jsonl(tmp_path / "q.jsonl", QUERIES[:2]),
               "--top", "2", "--mode", "lexical", "--out", str(out)])
    assert rc == 0
    rows = _run_rows(out)
    assert all(len(r) == 6 and r[1] == "Q0" and r[5] == "kopir-lexical" for r in rows)
    by_q = {}
    for r in rows:
        by_q.setdefault(r[0], []).append(r)
    assert set(by_q) == {"q1", "q2"}
    assert by_q["q1"][0][2] == "weld" and by_q["q1"][0][3] == "1"
    assert by_q["q2"][0][2] == "soil"
    assert all(len(v) <= 2 for v in by_q.values())


def test_rank_hybrid_entities_to_stdout(tmp_path, capsys):
    rc = main(["rank", "--corpus", _jsonl(tmp_path / "c.jsonl", CORPUS),
               "--queries", _jsonl(tmp_path / "q.jsonl", QUERIES),
               "--top", "3", "--cache", str(tmp_path / "emb.sqlite")])
    assert rc == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    first = {}
    for r in rows:
        first.setdefault(r[0], r[2])
        assert r[2].startswith("lab-")          # entity ids stand where document ids would
    assert first == {"q1": "lab-weld", "q2": "lab-soil", "q3": "lab-vet"}
    assert (tmp_path / "emb.sqlite").exists()


def test_eval_metrics_match_hand_computed_values(tmp_path, capsys):
    run = tmp_path / "run.tsv"
    run.write_text("q1 Q0 d1 1 3.0 t\nq1 Q0 d2 2 2.0 t\nq1 Q0 d3 3 1.0 t\n"
                   "q2 Q0 d5 1 0.9 t\nq2 Q0 d6 2 0.8 t\n")
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("q1\td1\t1\nq1\td3\t2\nq1\td4\t1\nq2\td6\t1\nq3\td9\t0\n")
    assert main(["eval", "--run", str(run), "--qrels", str(qrels), "--json"]) == 0
    m = json.loads(capsys.readouterr().out)
    l2 = math.log2
    ndcg_q1 = (1 / l2(2) + 3 / l2(4)) / (3 / l2(2) + 1 / l2(3) + 1 / l2(4))
    ndcg_q2 = (1 / l2(3)) / 1.0
    assert m["queries"] == 2                      # q3 has no relevant document
    assert m["nDCG@10"] == pytest.approx((ndcg_q1 + ndcg_q2) / 2)
    assert m["MRR@10"] == pytest.approx((1 + 1 / 2) / 2)
    assert m["Recall@100"] == pytest.approx((2 / 3 + 1) / 2)
    assert m["MAP"] == pytest.approx(((1 + 2 / 3) / 3 + 1 / 2) / 2)
    assert m["P@10"] == pytest.approx((0.2 + 0.1) / 2)
    assert main(["eval", "--run", str(run), "--qrels", str(qrels)]) == 0
    text = capsys.readouterr().out
    assert "nDCG@10" in text and "MRR@10" in text and "Recall@100" in text


def test_eval_round_trip_with_rank(tmp_path, capsys):
    docs = [{k: v for k, v in d.items() if k != "entity"} for d in CORPUS]
    out = tmp_path / "run.tsv"
    main(["rank", "--corpus", _jsonl(tmp_path / "c.jsonl", docs), "--queries",
          _jsonl(tmp_path / "q.jsonl", QUERIES[:2]), "--mode", "lexical", "--out", str(out)])
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("q1\tweld\t1\nq2\tsoil\t1\n")
    assert main(["eval", "--run", str(out), "--qrels", str(qrels), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["MRR@10"] == 1.0


@pytest.mark.parametrize("content, message", [
    ('{"_id": "a", "text": "x"}\n{"_id": "b"\n', "c.jsonl:2: not valid JSON"),
    ('{"_id": "a", "text": "x"}\n{"_id": "b"}\n', 'c.jsonl:2: missing "text"'),
    ('{"_id": "a", "text": "x"}\n{"_id": "a", "text": "y"}\n', "c.jsonl:2: duplicate _id"),
    ('[1, 2]\n', "c.jsonl:1: expected a JSON object"),
    ('{"_id": "a b", "text": "x"}\n', "c.jsonl:1: \"_id\" must be non-empty"),
    ('{"_id": "a", "text": 5}\n', 'c.jsonl:1: "text" must be a string'),
    ('\n', "no corpus lines"),
])
def test_rank_bad_corpus_exits_2_with_line_number(tmp_path, capsys, content, message):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(content, encoding="utf-8")
    rc = main(["rank", "--corpus", str(corpus), "--queries",
               _jsonl(tmp_path / "q.jsonl", QUERIES), "--mode", "lexical"])
    assert rc == 2
    assert message in capsys.readouterr().err


def test_bad_run_qrels_and_missing_files_exit_2(tmp_path, capsys):
    run = tmp_path / "run.tsv"
    run.write_text("q1 Q0 d1 1 3.0 t\nq1 d1 2\n")
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("q1\td1\t1\n")
    assert main(["eval", "--run", str(run), "--qrels", str(qrels)]) == 2
    assert "run.tsv:2: expected 6 columns" in capsys.readouterr().err
    run.write_text("q1 Q0 d1 1 3.0 t\n")
    qrels.write_text("q1\td1\thigh\n")
    assert main(["eval", "--run", str(run), "--qrels", str(qrels)]) == 2
    assert "qrels.tsv:1: grade 'high' is not a number" in capsys.readouterr().err
    assert main(["eval", "--run", str(tmp_path / "nope.tsv"), "--qrels", str(qrels)]) == 2
    assert main(["rank", "--corpus", str(tmp_path / "nope.jsonl"), "--queries",
                 str(qrels)]) == 2
    assert main(["rank"]) == 2                           # argparse usage error
    assert main(["rank", "--corpus", "a", "--queries", "b", "--mode", "fuzzy"]) == 2
    capsys.readouterr()
    assert main(["--help"]) == 0
    assert "rank" in capsys.readouterr().out
