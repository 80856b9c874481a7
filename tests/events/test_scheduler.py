"""Scheduler: checker rules, input errors, exact vs brute force, CLI round trip.

Pure Python: no database, no Django.
"""

from __future__ import annotations

import copy
import itertools
import json

import pytest

from kopir.events.scheduler import (
    Instance,
    ScheduleInputError,
    check_solution,
    solve,
)
from kopir.events.scheduler.cli import main


def base_instance() -> dict:
    """Three slots, two tables; p1 is popular and capped; one lock."""
    return {
        "slots": [
            {"id": "s1", "start": "2025-05-14T10:00", "end": "2025-05-14T10:20"},
            {"id": "s2", "start": "2025-05-14T10:20", "end": "2025-05-14T10:40"},
            {"id": "s3", "start": "2025-05-14T10:40", "end": "2025-05-14T11:00"},
        ],
        "tables": 2,
        "participants": [
            {"id": "p1", "available": ["s1", "s2", "s3"], "max_meetings": 2},
            {"id": "p2", "available": ["s1", "s2"], "max_meetings": 3},
            {"id": "p3", "available": ["s2", "s3"], "max_meetings": 3},
            {"id": "p4", "available": ["s1", "s2", "s3"], "max_meetings": 3},
        ],
        "requests": [
            {"id": "r1", "a": "p1", "b": "p2", "weight": 5},
            {"id": "r2", "a": "p1", "b": "p3", "weight": 4},
            {"id": "r3", "a": "p1", "b": "p4", "weight": 3},
            {"id": "r4", "a": "p2", "b": "p4", "weight": 2},
            {"id": "r5", "a": "p3", "b": "p4", "weight": 1},
        ],
        "locked": [{"request": "r4", "slot": "s1"}],
    }


def valid_solution() -> dict:
    return {
        "meetings": [
            {"request": "r4", "slot": "s1", "table": 1},
            {"request": "r1", "slot": "s2", "table": 1},
            {"request": "r2", "slot": "s3", "table": 1},
            {"request": "r5", "slot": "s2", "table": 2},
        ],
        "objective": 12,
        "bound": 12,
        "status": "optimal",
    }


# ---------------------------------------------------------------- the checker
def test_checker_accepts_a_valid_solution():
    assert check_solution(base_instance(), valid_solution()) == []


def _violations(mutate) -> list[str]:
    sol = valid_solution()
    inst = base_instance()
    mutate(inst, sol)
    return check_solution(inst, sol)


def test_checker_rejects_request_scheduled_twice():
    def m(inst, sol):
        sol["meetings"].append({"request": "r1", "slot": "s1", "table": 2})
        sol["objective"] += 5
    errs = _violations(m)
    assert any("more than once" in e for e in errs)


def test_checker_rejects_participant_twice_in_a_slot():
    def m(inst, sol):
        # r3 (p1, p4) in s2 where p1 already meets r1 and p4 meets r5
        sol["meetings"][3] = {"request": "r3", "slot": "s2", "table": 2}
        sol["objective"] = 15
        sol["bound"] = 15
    errs = _violations(m)
    assert any("also meets" in e and "'p1'" in e for e in errs)


def test_checker_rejects_meeting_outside_availability():
    def m(inst, sol):
        sol["meetings"][1]["slot"] = "s3"  # r1 needs p2, who is not there in s3
        sol["meetings"][2]["slot"] = "s2"
    errs = _violations(m)
    assert any("not available" in e and "'p2'" in e for e in errs)


def test_checker_rejects_exceeding_max_meetings():
    def m(inst, sol):
        inst["participants"][0]["max_meetings"] = 1  # p1 meets in r1 and r2
    errs = _violations(m)
    assert any("max_meetings" in e and "'p1'" in e for e in errs)


def test_checker_rejects_more_meetings_than_tables():
    def m(inst, sol):
        inst["tables"] = 1  # s2 holds r1 and r5
    errs = _violations(m)
    assert any("slot 's2': 2 meetings but only 1 tables" in e for e in errs)


def test_checker_rejects_table_out_of_range():
    def m(inst, sol):
        sol["meetings"][0]["table"] = 3
    errs = _violations(m)
    assert any("table must be an integer in 1..2" in e for e in errs)


def test_checker_rejects_shared_table():
    def m(inst, sol):
        sol["meetings"][3]["table"] = 1
    errs = _violations(m)
    assert any("table already used by request 'r1'" in e for e in errs)


def test_checker_rejects_moved_locked_meeting():
    def m(inst, sol):
        sol["meetings"][0]["slot"] = "s2"
        sol["meetings"][0]["table"] = 2
        sol["meetings"].pop(3)
        sol["objective"] = 11
        sol["bound"] = 12
        sol["status"] = "feasible"
    errs = _violations(m)
    assert any("locked request 'r4'" in e for e in errs)


def test_checker_rejects_missing_locked_meeting():
    def m(inst, sol):
        sol["meetings"].pop(0)
        sol["objective"] = 10
        sol["status"] = "feasible"
    errs = _violations(m)
    assert any("locked request 'r4' is not scheduled" in e for e in errs)


def test_checker_rejects_wrong_objective():
    def m(inst, sol):
        sol["objective"] = 13
        sol["bound"] = 13
    errs = _violations(m)
    assert any("differs from scheduled weight" in e for e in errs)


def test_checker_rejects_bound_below_objective():
    def m(inst, sol):
        sol["bound"] = 11
    errs = _violations(m)
    assert any("below the scheduled weight" in e for e in errs)


def test_checker_rejects_optimal_without_matching_bound():
    def m(inst, sol):
        sol["bound"] = 14
    errs = _violations(m)
    assert any("status 'optimal'" in e for e in errs)


def test_checker_rejects_unknown_ids_and_bad_status():
    def m(inst, sol):
        sol["meetings"].append({"request": "nope", "slot": "s1", "table": 2})
        sol["meetings"].append({"request": "r3", "slot": "s9", "table": 2})
        sol["status"] = "great"
    errs = _violations(m)
    assert any("unknown request" in e for e in errs)
    assert any("unknown slot" in e for e in errs)
    assert any("status must be" in e for e in errs)


# ------------------------------------------------------- input errors (exit 2)
def _broken(mutate) -> str:
    data = base_instance()
    mutate(data)
    with pytest.raises(ScheduleInputError) as exc:
        Instance.from_json(data)
    return str(exc.value)


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda d: d.pop("tables"), "missing required field 'tables'"),
        (lambda d: d.update(tables=0), "'tables' must be a positive integer"),
        (lambda d: d.update(extra=1), "unknown field 'extra'"),
        (lambda d: d["slots"].append(dict(d["slots"][0])), "duplicate slot id 's1'"),
        (lambda d: d["slots"][1].update(end="2025-05-14T10:00"), "slots[1] (id 's2')"),
        (lambda d: d["participants"].append(dict(d["participants"][0])),
         "duplicate participant id 'p1'"),
        (lambda d: d["participants"][2]["available"].append("s7"),
         "participants[2] (id 'p3'): unknown slot id 's7'"),
        (lambda d: d["participants"][1].update(max_meetings=-1),
         "participants[1] (id 'p2'): 'max_meetings'"),
        (lambda d: d["participants"][1].pop("max_meetings"),
         "participants[1] (id 'p2'): missing required field 'max_meetings'"),
        (lambda d: d["requests"].append(dict(d["requests"][0])), "duplicate request id 'r1'"),
        (lambda d: d["requests"][2].update(weight=0), "requests[2] (id 'r3'): 'weight'"),
        (lambda d: d["requests"][2].update(weight=-3.5), "requests[2] (id 'r3'): 'weight'"),
        (lambda d: d["requests"][2].update(weight=True), "requests[2] (id 'r3'): 'weight'"),
        (lambda d: d["requests"][2].update(b="p1"), "requests[2] (id 'r3'): a participant cannot meet itself"),
        (lambda d: d["requests"][3].update(b="ghost"),
         "requests[3] (id 'r4'): unknown participant id 'ghost'"),
        (lambda d: d["locked"].append({"request": "r99", "slot": "s1"}), "unknown request id 'r99'"),
        (lambda d: d["locked"].append({"request": "r1", "slot": "s9"}), "unknown slot id 's9'"),
        (lambda d: d["locked"].append({"request": "r4", "slot": "s2"}),
         "request 'r4' is locked more than once"),
        (lambda d: d["locked"].append({"request": "r5", "slot": "s1"}),
         "participant 'p3' is not available in slot 's1'"),
        (lambda d: d["locked"].append({"request": "r3", "slot": "s1"}),
         "participant 'p4' already has locked request 'r4' in slot 's1'"),
    ],
)
def test_input_errors_name_the_offending_item(mutate, expected):
    assert expected in _broken(mutate)


def test_more_locks_than_tables_is_rejected():
    def m(d):
        d["tables"] = 1  # r4 is already locked in s1
        d["participants"].append({"id": "p5", "available": ["s1"], "max_meetings": 1})
        d["participants"].append({"id": "p6", "available": ["s1"], "max_meetings": 1})
        d["requests"].append({"id": "r6", "a": "p5", "b": "p6", "weight": 1})
        d["locked"].append({"request": "r6", "slot": "s1"})
    assert "more locked meetings in slot 's1' than tables (1)" in _broken(m)


def test_locks_beyond_max_meetings_are_rejected():
    def m(d):
        d["participants"][1]["max_meetings"] = 1  # p2 already has locked r4
        d["locked"].append({"request": "r1", "slot": "s2"})
    assert "participant 'p2' has more locked meetings than max_meetings=1" in _broken(m)


def test_non_object_instance_is_rejected():
    with pytest.raises(ScheduleInputError, match="expected an object"):
        Instance.from_json([1, 2])


# ----------------------------------------------------------- methods / optimum
def brute_force(data: dict) -> float:
    """Optimum by trying every assignment of each request to 'unscheduled' or a slot."""
    inst = Instance.from_json(data)
    options = []
    for r in range(len(inst.requests)):
        if r in inst.locked:
            options.append([inst.locked[r]])
        else:
            options.append([None] + inst.common_slots(r))
    best = 0.0
    for choice in itertools.product(*options):
        load = [0] * inst.n_slots
        busy = set()
        count = [0] * inst.n_participants
        ok = True
        total = 0.0
        for r, s in enumerate(choice):
            if s is None:
                continue
            q = inst.requests[r]
            load[s] += 1
            count[q.a] += 1
            count[q.b] += 1
            if (q.a, s) in busy or (q.b, s) in busy or load[s] > inst.tables:
                ok = False
                break
            busy.update({(q.a, s), (q.b, s)})
            total += q.weight
        if ok and all(c <= m for c, m in zip(count, inst.max_meetings)):
            best = max(best, total)
    return best


def test_base_instance_optimum():
    assert brute_force(base_instance()) == 12
    sol = solve(base_instance(), method="exact")
    assert sol.objective == 12
    assert sol.status == "optimal" and sol.bound == 12


@pytest.mark.parametrize("method", ["exact", "heuristic", "auto", "fcfs"])
def test_every_method_passes_the_checker(method):
    data = base_instance()
    sol = solve(data, method=method)
    assert check_solution(data, sol) == []


def test_unknown_method_is_rejected():
    with pytest.raises(ValueError, match="unknown method"):
        solve(base_instance(), method="magic")


def test_empty_instance():
    data = {"slots": [], "tables": 1, "participants": [], "requests": []}
    for method in ("exact", "heuristic", "auto", "fcfs"):
        sol = solve(data, method=method)
        assert sol.objective == 0 and sol.meetings == []
        assert check_solution(data, sol) == []


def test_fractional_weights_and_integer_ids():
    data = base_instance()
    for k, q in enumerate(data["requests"]):
        q["weight"] = q["weight"] + 0.25
        q["id"] = k + 100
    data["locked"] = [{"request": 103, "slot": "s1"}]
    best = brute_force(data)
    sol = solve(data, method="exact")
    assert sol.objective == pytest.approx(best)
    assert sol.status == "optimal"
    assert check_solution(data, sol) == []


def test_tables_numbered_from_one_per_slot():
    data = base_instance()
    out = solve(data, method="exact").to_json(Instance.from_json(data))
    by_slot: dict = {}
    for m in out["meetings"]:
        by_slot.setdefault(m["slot"], []).append(m["table"])
    for tables in by_slot.values():
        assert sorted(tables) == list(range(1, len(tables) + 1))


def test_fcfs_follows_arrival_order():
    # One table, one slot: FCFS books the first request even though it is lighter.
    data = {
        "slots": [{"id": "s", "start": "9", "end": "10"}],
        "tables": 1,
        "participants": [{"id": x, "available": ["s"], "max_meetings": 1} for x in "abcd"],
        "requests": [{"id": "light", "a": "a", "b": "b", "weight": 1},
                     {"id": "heavy", "a": "c", "b": "d", "weight": 9}],
    }
    assert solve(data, method="fcfs").objective == 1
    assert solve(data, method="exact").objective == 9
    assert solve(data, method="heuristic").objective == 9


def test_generated_event_all_methods_valid_and_consistent():
    from bench.scheduling.generate import generate

    data = generate(participants=120, slots=8, tables=12, seed=3)
    inst = Instance.from_json(data)
    exact = solve(inst, method="exact")
    assert exact.status == "optimal"
    for method in ("heuristic", "auto", "fcfs"):
        sol = solve(inst, method=method)
        assert check_solution(inst, sol) == []
        assert sol.objective <= exact.objective + 1e-9
        if sol.bound is not None:
            assert sol.bound >= exact.objective - 1e-9
    assert solve(inst, method="auto").objective == exact.objective


# ------------------------------------------------------------------------ CLI
def test_cli_round_trip(tmp_path, capsys):
    inst_path = tmp_path / "instance.json"
    out_path = tmp_path / "solution.json"
    inst_path.write_text(json.dumps(base_instance()), encoding="utf-8")
    code = main(["solve", "--instance", str(inst_path), "--out", str(out_path),
                 "--method", "exact", "--time-limit", "30"])
    assert code == 0
    out = json.loads(out_path.read_text(encoding="utf-8"))
    assert set(out) == {"meetings", "objective", "bound", "status"}
    assert out["objective"] == 12 and out["status"] == "optimal" and out["bound"] == 12
    assert check_solution(base_instance(), out) == []
    assert "objective 12" in capsys.readouterr().out
    assert main(["check", "--instance", str(inst_path), "--solution", str(out_path)]) == 0


@pytest.mark.parametrize("method", ["auto", "heuristic"])
def test_cli_methods(tmp_path, method):
    inst_path = tmp_path / "i.json"
    out_path = tmp_path / "o.json"
    inst_path.write_text(json.dumps(base_instance()), encoding="utf-8")
    assert main(["solve", "--instance", str(inst_path), "--out", str(out_path),
                 "--method", method]) == 0
    assert check_solution(base_instance(), json.loads(out_path.read_text())) == []


def test_cli_check_reports_violations(tmp_path, capsys):
    inst_path = tmp_path / "i.json"
    sol_path = tmp_path / "s.json"
    inst_path.write_text(json.dumps(base_instance()))
    bad = valid_solution()
    bad["meetings"][3]["table"] = 1
    sol_path.write_text(json.dumps(bad))
    assert main(["check", "--instance", str(inst_path), "--solution", str(sol_path)]) == 1
    assert "table already used" in capsys.readouterr().err


def test_cli_input_error_exits_2_and_names_item(tmp_path, capsys):
    data = base_instance()
    data["requests"][1]["weight"] = 0
    inst_path = tmp_path / "bad.json"
    inst_path.write_text(json.dumps(data))
    code = main(["solve", "--instance", str(inst_path), "--out", str(tmp_path / "o.json")])
    assert code == 2
    err = capsys.readouterr().err
    assert "requests[1] (id 'r2')" in err and "weight" in err
    assert not (tmp_path / "o.json").exists()


def test_cli_unreadable_and_invalid_json(tmp_path, capsys):
    assert main(["solve", "--instance", str(tmp_path / "missing.json"), "--out", "x"]) == 2
    assert "cannot read instance" in capsys.readouterr().err
    p = tmp_path / "garbage.json"
    p.write_text("{not json")
    assert main(["solve", "--instance", str(p), "--out", str(tmp_path / "o.json")]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_cli_usage_errors(tmp_path, capsys):
    assert main([]) == 2
    assert main(["solve", "--instance", "x"]) == 2  # --out missing
    assert main(["solve", "--instance", "x", "--out", "y", "--method", "fast"]) == 2
    assert main(["solve", "--help"]) == 0
    assert "--time-limit" in capsys.readouterr().out


def test_instance_is_not_mutated():
    data = base_instance()
    before = copy.deepcopy(data)
    solve(data, method="auto")
    assert data == before


def test_scheduler_package_does_not_import_django():
    import subprocess
    import sys

    code = (
        "import sys, kopir.events.scheduler, kopir.events.scheduler.cli, "
        "kopir.events.scheduler.exact, kopir.events.scheduler.heuristic; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_kopir_schedule_management_command(tmp_path):
    """``kopir schedule solve ...`` passes its arguments straight to the CLI."""
    from django.core.management import ManagementUtility

    inst_path = tmp_path / "i.json"
    out_path = tmp_path / "o.json"
    inst_path.write_text(json.dumps(base_instance()))
    with pytest.raises(SystemExit) as exc:
        ManagementUtility(["kopir", "schedule", "solve", "--instance", str(inst_path),
                           "--out", str(out_path), "--method", "heuristic"]).execute()
    assert exc.value.code == 0
    assert check_solution(base_instance(), json.loads(out_path.read_text())) == []
    bad = base_instance()
    bad["tables"] = "two"
    inst_path.write_text(json.dumps(bad))
    with pytest.raises(SystemExit) as exc:
        ManagementUtility(["kopir", "schedule", "solve", "--instance", str(inst_path),
                           "--out", str(out_path)]).execute()
    assert exc.value.code == 2
