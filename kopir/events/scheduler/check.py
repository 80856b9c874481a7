"""Independent solution checker.

It works on the public JSON solution format (ids, not indices) so that it can
check what the CLI actually writes, and it re-derives everything from the
instance instead of trusting solver internals.
"""

from __future__ import annotations

import math

from .model import STATUS_FEASIBLE, STATUS_OPTIMAL, Instance, Solution


class ScheduleCheckError(AssertionError):
    """A solution breaks at least one rule; ``violations`` lists them all."""

    def __init__(self, violations: list[str]):
        super().__init__("; ".join(violations[:10]) + (" ..." if len(violations) > 10 else ""))
        self.violations = violations


def check_solution(instance: Instance | dict, solution: Solution | dict) -> list[str]:
    """Return every rule the solution breaks (empty list = valid).

    Rules: known request/slot ids; integer table in 1..N; each request at most
    once; no two meetings on one table in a slot (so at most N per slot); a
    participant at most once per slot and only when available; at most
    ``max_meetings`` per participant; locked requests in their slot; the
    objective equals the scheduled weight; a bound is not below the objective;
    an ``optimal`` status has its bound met.
    """
    inst = instance if isinstance(instance, Instance) else Instance.from_json(instance)
    sol = solution.to_json(inst) if isinstance(solution, Solution) else solution
    errors: list[str] = []
    if not isinstance(sol, dict):
        return ["solution: expected an object"]
    for key in ("meetings", "objective", "bound", "status"):
        if key not in sol:
            errors.append(f"solution: missing field {key!r}")
    if errors:
        return errors
    if not isinstance(sol["meetings"], list):
        return ["solution: 'meetings' must be a list"]

    req_index = {q.id: i for i, q in enumerate(inst.requests)}
    slot_index = {sid: i for i, sid in enumerate(inst.slot_ids)}
    seen_request: dict[int, int] = {}
    table_used: dict[tuple[int, int], int] = {}
    busy: dict[tuple[int, int], int] = {}
    count = [0] * inst.n_participants
    weight = 0.0

    for k, m in enumerate(sol["meetings"]):
        where = f"meetings[{k}]"
        if not isinstance(m, dict) or set(m) != {"request", "slot", "table"}:
            errors.append(f"{where}: expected fields request, slot, table")
            continue
        rid, sid, table = m["request"], m["slot"], m["table"]
        where = f"meetings[{k}] (request {rid!r}, slot {sid!r}, table {table!r})"
        try:
            r, s = req_index.get(rid), slot_index.get(sid)
        except TypeError:  # unhashable id
            r = s = None
        if r is None:
            errors.append(f"{where}: unknown request")
            continue
        if s is None:
            errors.append(f"{where}: unknown slot")
            continue
        if isinstance(table, bool) or not isinstance(table, int) or not 1 <= table <= inst.tables:
            errors.append(f"{where}: table must be an integer in 1..{inst.tables}")
        elif (s, table) in table_used:
            other = inst.requests[table_used[(s, table)]].id
            errors.append(f"{where}: table already used by request {other!r} in this slot")
        else:
            table_used[(s, table)] = r
        if r in seen_request:
            errors.append(f"{where}: request scheduled more than once")
            continue
        seen_request[r] = s
        q = inst.requests[r]
        weight += q.weight
        for p in (q.a, q.b):
            pid = inst.participant_ids[p]
            if s not in inst.available[p]:
                errors.append(f"{where}: participant {pid!r} is not available in this slot")
            if (p, s) in busy:
                other = inst.requests[busy[(p, s)]].id
                errors.append(f"{where}: participant {pid!r} also meets in request {other!r}")
            else:
                busy[(p, s)] = r
            count[p] += 1

    per_slot: dict[int, int] = {}
    for s in seen_request.values():
        per_slot[s] = per_slot.get(s, 0) + 1
    for s, n in per_slot.items():
        if n > inst.tables:
            errors.append(f"slot {inst.slot_ids[s]!r}: {n} meetings but only {inst.tables} tables")
    for p, n in enumerate(count):
        if n > inst.max_meetings[p]:
            errors.append(
                f"participant {inst.participant_ids[p]!r}: {n} meetings, "
                f"max_meetings is {inst.max_meetings[p]}"
            )
    for r, s in inst.locked.items():
        if seen_request.get(r) != s:
            errors.append(
                f"locked request {inst.requests[r].id!r} is not scheduled in slot "
                f"{inst.slot_ids[s]!r}"
            )

    obj, bound, status = sol["objective"], sol["bound"], sol["status"]
    tol = 1e-6 * max(1.0, abs(weight))
    if isinstance(obj, bool) or not isinstance(obj, (int, float)) or not math.isfinite(obj):
        errors.append("solution: 'objective' must be a number")
    elif abs(obj - weight) > tol:
        errors.append(f"solution: objective {obj!r} differs from scheduled weight {weight!r}")
    if bound is not None:
        if isinstance(bound, bool) or not isinstance(bound, (int, float)):
            errors.append("solution: 'bound' must be a number or null")
        elif bound < weight - tol:
            errors.append(f"solution: bound {bound!r} is below the scheduled weight {weight!r}")
    if status not in (STATUS_OPTIMAL, STATUS_FEASIBLE):
        errors.append(f"solution: status must be 'optimal' or 'feasible', got {status!r}")
    elif status == STATUS_OPTIMAL:
        if bound is None or (isinstance(bound, (int, float)) and bound > weight + tol):
            errors.append("solution: status 'optimal' needs a bound equal to the objective")
    return errors


def assert_valid(instance: Instance | dict, solution: Solution | dict) -> None:
    """Raise :class:`ScheduleCheckError` if the solution breaks any rule."""
    errors = check_solution(instance, solution)
    if errors:
        raise ScheduleCheckError(errors)
