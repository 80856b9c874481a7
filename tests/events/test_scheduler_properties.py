"""Property tests: on random small instances every method gives a schedule the
checker accepts, the exact method matches brute force, bounds are valid, and
bad input only ever raises ScheduleInputError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kopir.events.scheduler import Instance, ScheduleInputError, check_solution, solve
from kopir.events.scheduler.exact import lp_bound, solve_exact

from .test_scheduler import brute_force

SETTINGS = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def instances(draw, max_requests: int = 6):
    n_slots = draw(st.integers(1, 3))
    slots = [{"id": f"s{k}", "start": f"{9 + k}:00", "end": f"{9 + k}:45"} for k in range(n_slots)]
    n_people = draw(st.integers(2, 5))
    people = [
        {
            "id": f"p{i}",
            "available": [s["id"] for s in slots if draw(st.booleans())],
            "max_meetings": draw(st.integers(0, 3)),
        }
        for i in range(n_people)
    ]
    n_req = draw(st.integers(0, max_requests))
    integral = draw(st.booleans())
    weight = st.integers(1, 9) if integral else st.floats(0.1, 9.0, allow_nan=False)
    requests = []
    for k in range(n_req):
        a = draw(st.integers(0, n_people - 1))
        b = draw(st.integers(0, n_people - 2))
        b = b + 1 if b >= a else b
        requests.append({"id": f"r{k}", "a": f"p{a}", "b": f"p{b}", "weight": draw(weight)})
    data = {"slots": slots, "tables": draw(st.integers(1, 3)), "participants": people,
            "requests": requests}
    # Locks: try a few and keep those that keep the instance valid.
    locked = []
    for k in draw(st.lists(st.integers(0, max(0, n_req - 1)), max_size=3)) if n_req else []:
        for s in slots:
            trial = dict(data, locked=locked + [{"request": f"r{k}", "slot": s["id"]}])
            try:
                Instance.from_json(trial)
            except ScheduleInputError:
                continue
            locked = trial["locked"]
            break
    data["locked"] = locked
    return data


@SETTINGS
@given(instances())
def test_all_methods_valid_and_exact_is_optimal(data):
    best = brute_force(data)
    exact = solve(data, method="exact")
    assert check_solution(data, exact) == []
    assert abs(exact.objective - best) <= 1e-6 * max(1.0, best)
    assert exact.status == "optimal"
    for method in ("heuristic", "auto", "fcfs"):
        sol = solve(data, method=method)
        assert check_solution(data, sol) == [], method
        assert sol.objective <= best + 1e-6
        if sol.bound is not None:
            assert sol.bound >= best - 1e-6, method
        if sol.status == "optimal":
            assert abs(sol.objective - best) <= 1e-6 * max(1.0, best), method


@SETTINGS
@given(instances())
def test_bare_mip_and_lp_bound_against_brute_force(data):
    """The HiGHS MIP alone (no heuristic help) is optimal; the LP bound is valid."""
    inst = Instance.from_json(data)
    best = brute_force(data)
    mip = solve_exact(inst)
    assert check_solution(inst, mip) == []
    assert mip.status == "optimal"
    assert abs(mip.objective - best) <= 1e-6 * max(1.0, best)
    bound, _, _ = lp_bound(inst)
    assert bound is not None and bound >= best - 1e-6


@SETTINGS
@given(instances(max_requests=12))
def test_bigger_random_instances_are_valid(data):
    exact = solve(data, method="exact")
    assert check_solution(data, exact) == []
    heur = solve(data, method="heuristic")
    assert check_solution(data, heur) == []
    assert heur.objective <= exact.objective + 1e-6
    assert heur.bound is None or heur.bound >= exact.objective - 1e-6


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=True) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=10,
)


@SETTINGS
@given(instances(), st.sampled_from(["slots", "tables", "participants", "requests", "locked"]),
       st.integers(0, 5), st.text(max_size=8), json_values)
def test_mangled_input_raises_only_schedule_input_error(data, section, idx, key, value):
    """Overwrite one field anywhere with junk: either still valid, or a clear error."""
    part = data[section]
    if isinstance(part, list) and part:
        item = part[idx % len(part)]
        item[key if key else next(iter(item))] = value
    else:
        data[section] = value
    try:
        inst = Instance.from_json(data)
    except ScheduleInputError as exc:
        assert str(exc)
    else:
        assert check_solution(inst, solve(inst, method="heuristic")) == []
