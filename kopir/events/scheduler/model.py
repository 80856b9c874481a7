"""Instance and solution types for the 1:1 brokerage-meeting scheduler.

The JSON instance is validated once, in :meth:`Instance.from_json`, and turned
into index-based arrays so that every solver works on small integers instead of
the organiser's ids.  Any problem with the input (schema, unknown or duplicate
ids, locks that cannot all hold together) raises :class:`ScheduleInputError`
with a message that names the offending item, so an organiser can fix the file
without reading a traceback.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

STATUS_OPTIMAL = "optimal"
STATUS_FEASIBLE = "feasible"


class ScheduleInputError(ValueError):
    """The instance breaks the schema or cannot be scheduled at all."""


def _is_id(value: Any) -> bool:
    # bool is a subclass of int, but `true` is never a sensible id.
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _label(kind: str, index: int, item: Any) -> str:
    """Name an item the way an organiser would look for it: position and id."""
    if isinstance(item, dict) and "id" in item and _is_id(item["id"]):
        return f"{kind}[{index}] (id {item['id']!r})"
    return f"{kind}[{index}]"


def _check_keys(where: str, item: Any, required: tuple[str, ...], optional: tuple[str, ...] = ()):
    if not isinstance(item, dict):
        raise ScheduleInputError(f"{where}: expected an object, got {type(item).__name__}")
    for key in required:
        if key not in item:
            raise ScheduleInputError(f"{where}: missing required field {key!r}")
    allowed = set(required) | set(optional)
    for key in item:
        if key not in allowed:
            # Strict on purpose: a typo such as "max_meeting" must not silently
            # turn into "no cap".
            raise ScheduleInputError(f"{where}: unknown field {key!r}")


@dataclass(frozen=True)
class Request:
    """A requested 1:1 meeting between participants ``a`` and ``b`` (indices)."""

    id: Any
    a: int
    b: int
    weight: float


@dataclass
class Instance:
    """A validated scheduling instance in index form.

    ``available[p]`` is the set of slot indices participant ``p`` can attend,
    ``locked`` maps a request index to the slot index it must take.
    """

    slot_ids: list
    slot_times: list[tuple[str, str]]
    tables: int
    participant_ids: list
    available: list[frozenset[int]]
    max_meetings: list[int]
    requests: list[Request]
    locked: dict[int, int] = field(default_factory=dict)

    @property
    def n_slots(self) -> int:
        return len(self.slot_ids)

    @property
    def n_participants(self) -> int:
        return len(self.participant_ids)

    def common_slots(self, r: int) -> list[int]:
        """Slots in which both sides of request ``r`` are available, in order."""
        req = self.requests[r]
        return sorted(self.available[req.a] & self.available[req.b])

    @property
    def integral_weights(self) -> bool:
        return all(float(q.weight).is_integer() for q in self.requests)

    # ------------------------------------------------------------------ parse
    @classmethod
    def from_json(cls, data: Any) -> Instance:
        """Validate a JSON-like instance and build the index form.

        Raises :class:`ScheduleInputError` naming the first offending item.
        """
        _check_keys("instance", data, ("slots", "tables", "participants", "requests"), ("locked",))

        # -- slots
        slots = data["slots"]
        if not isinstance(slots, list):
            raise ScheduleInputError("instance: 'slots' must be a list")
        slot_index: dict[Any, int] = {}
        slot_ids, slot_times = [], []
        for i, s in enumerate(slots):
            where = _label("slots", i, s)
            _check_keys(where, s, ("id", "start", "end"))
            if not _is_id(s["id"]):
                raise ScheduleInputError(f"{where}: 'id' must be a string or an integer")
            if s["id"] in slot_index:
                raise ScheduleInputError(f"{where}: duplicate slot id {s['id']!r}")
            for key in ("start", "end"):
                if not isinstance(s[key], str) or not s[key]:
                    raise ScheduleInputError(f"{where}: {key!r} must be a non-empty string")
            try:
                start, end = datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"])
            except ValueError:
                start = end = None  # free-form labels such as "10:00" are fine
            if start is not None and end is not None:
                try:
                    if not start < end:
                        raise ScheduleInputError(f"{where}: 'start' must be before 'end'")
                except TypeError:  # naive vs aware datetimes: cannot compare, don't guess
                    pass
            slot_index[s["id"]] = i
            slot_ids.append(s["id"])
            slot_times.append((s["start"], s["end"]))

        # -- tables
        tables = data["tables"]
        if not _is_int(tables) or tables < 1:
            raise ScheduleInputError(f"instance: 'tables' must be a positive integer, got {tables!r}")

        # -- participants
        parts = data["participants"]
        if not isinstance(parts, list):
            raise ScheduleInputError("instance: 'participants' must be a list")
        part_index: dict[Any, int] = {}
        participant_ids, available, max_meetings = [], [], []
        for i, p in enumerate(parts):
            where = _label("participants", i, p)
            _check_keys(where, p, ("id", "available", "max_meetings"))
            if not _is_id(p["id"]):
                raise ScheduleInputError(f"{where}: 'id' must be a string or an integer")
            if p["id"] in part_index:
                raise ScheduleInputError(f"{where}: duplicate participant id {p['id']!r}")
            if not isinstance(p["available"], list):
                raise ScheduleInputError(f"{where}: 'available' must be a list of slot ids")
            av = set()
            for sid in p["available"]:
                if not _is_id(sid) or sid not in slot_index:
                    raise ScheduleInputError(f"{where}: unknown slot id {sid!r} in 'available'")
                if slot_index[sid] in av:
                    raise ScheduleInputError(f"{where}: slot id {sid!r} listed twice in 'available'")
                av.add(slot_index[sid])
            m = p["max_meetings"]
            if not _is_int(m) or m < 0:
                raise ScheduleInputError(
                    f"{where}: 'max_meetings' must be a non-negative integer, got {m!r}"
                )
            part_index[p["id"]] = i
            participant_ids.append(p["id"])
            available.append(frozenset(av))
            max_meetings.append(m)

        # -- requests
        reqs = data["requests"]
        if not isinstance(reqs, list):
            raise ScheduleInputError("instance: 'requests' must be a list")
        req_index: dict[Any, int] = {}
        requests = []
        for i, q in enumerate(reqs):
            where = _label("requests", i, q)
            _check_keys(where, q, ("id", "a", "b", "weight"))
            if not _is_id(q["id"]):
                raise ScheduleInputError(f"{where}: 'id' must be a string or an integer")
            if q["id"] in req_index:
                raise ScheduleInputError(f"{where}: duplicate request id {q['id']!r}")
            for side in ("a", "b"):
                if not _is_id(q[side]) or q[side] not in part_index:
                    raise ScheduleInputError(f"{where}: unknown participant id {q[side]!r} in {side!r}")
            if q["a"] == q["b"]:
                raise ScheduleInputError(f"{where}: a participant cannot meet itself ({q['a']!r})")
            w = q["weight"]
            if not _is_number(w) or not math.isfinite(w) or w <= 0:
                raise ScheduleInputError(f"{where}: 'weight' must be a finite number > 0, got {w!r}")
            req_index[q["id"]] = i
            requests.append(Request(q["id"], part_index[q["a"]], part_index[q["b"]], w))

        inst = cls(slot_ids, slot_times, tables, participant_ids, available, max_meetings, requests)

        # -- locked meetings: each must be placeable, and all of them together too
        locked_raw = data.get("locked", [])
        if locked_raw is None:
            locked_raw = []
        if not isinstance(locked_raw, list):
            raise ScheduleInputError("instance: 'locked' must be a list")
        per_slot: dict[int, list[int]] = {}
        busy: dict[tuple[int, int], int] = {}  # (participant, slot) -> locked request
        locked_count = [0] * len(participant_ids)
        for i, lk in enumerate(locked_raw):
            where = f"locked[{i}]"
            _check_keys(where, lk, ("request", "slot"))
            rid, sid = lk["request"], lk["slot"]
            where = f"locked[{i}] (request {rid!r}, slot {sid!r})"
            if not _is_id(rid) or rid not in req_index:
                raise ScheduleInputError(f"{where}: unknown request id {rid!r}")
            if not _is_id(sid) or sid not in slot_index:
                raise ScheduleInputError(f"{where}: unknown slot id {sid!r}")
            r, s = req_index[rid], slot_index[sid]
            if r in inst.locked:
                raise ScheduleInputError(f"{where}: request {rid!r} is locked more than once")
            q = requests[r]
            for p in (q.a, q.b):
                pid = participant_ids[p]
                if s not in available[p]:
                    raise ScheduleInputError(
                        f"{where}: participant {pid!r} is not available in slot {sid!r}"
                    )
                if (p, s) in busy:
                    other = requests[busy[(p, s)]].id
                    raise ScheduleInputError(
                        f"{where}: participant {pid!r} already has locked request {other!r} "
                        f"in slot {sid!r}"
                    )
                locked_count[p] += 1
                if locked_count[p] > max_meetings[p]:
                    raise ScheduleInputError(
                        f"{where}: participant {pid!r} has more locked meetings than "
                        f"max_meetings={max_meetings[p]}"
                    )
            for p in (q.a, q.b):
                busy[(p, s)] = r
            per_slot.setdefault(s, []).append(r)
            if len(per_slot[s]) > tables:
                raise ScheduleInputError(
                    f"{where}: more locked meetings in slot {sid!r} than tables ({tables})"
                )
            inst.locked[r] = s
        return inst


@dataclass(frozen=True)
class Meeting:
    """One scheduled meeting, in index form (request, slot, table 1..N)."""

    request: int
    slot: int
    table: int


@dataclass
class Solution:
    """A schedule plus what we know about its quality.

    ``bound`` is a proven upper bound on the optimum (``None`` if unknown);
    ``status`` is ``"optimal"`` only when the objective meets that bound.
    ``method`` and ``stats`` are informational and not part of the JSON format.
    """

    meetings: list[Meeting]
    objective: float
    bound: float | None
    status: str
    method: str = ""
    stats: dict = field(default_factory=dict)

    def to_json(self, inst: Instance) -> dict:
        """The solution in the public JSON format, with the organiser's ids."""
        meetings = sorted(self.meetings, key=lambda m: (m.slot, m.table))
        return {
            "meetings": [
                {
                    "request": inst.requests[m.request].id,
                    "slot": inst.slot_ids[m.slot],
                    "table": m.table,
                }
                for m in meetings
            ],
            "objective": _num(self.objective),
            "bound": None if self.bound is None else _num(self.bound),
            "status": self.status,
        }


def _num(x: float):
    """Write integral values as JSON integers (weights are usually integers)."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def assign_tables(inst: Instance, placed: dict[int, int]) -> list[Meeting]:
    """Turn a request->slot assignment into meetings with table numbers.

    Tables are interchangeable, so solvers only keep per-slot counts <= N and
    numbering happens here: 1..k within each slot, in request order so that the
    output is deterministic.
    """
    by_slot: dict[int, list[int]] = {}
    for r, s in placed.items():
        by_slot.setdefault(s, []).append(r)
    meetings = []
    for s, rs in by_slot.items():
        for t, r in enumerate(sorted(rs), start=1):
            meetings.append(Meeting(r, s, t))
    return meetings


def make_solution(
    inst: Instance,
    placed: dict[int, int],
    bound: float | None,
    method: str,
    stats: dict | None = None,
) -> Solution:
    """Build a :class:`Solution`, deciding the status from objective vs bound."""
    objective = sum(inst.requests[r].weight for r in placed)
    status = STATUS_FEASIBLE
    if bound is not None and bound < objective - 1e-4 * max(1.0, abs(objective)):
        # Far below a real schedule: not tolerance noise but a wrong bound.
        # Report none rather than a false proof.
        stats = {**(stats or {}), "discarded_bound": bound}
        bound = None
    if bound is not None:
        if inst.integral_weights:
            # Integral weights give an integral optimum, so a fractional dual
            # bound can be rounded down without losing validity.
            bound = math.floor(bound + 1e-6)
        bound = max(bound, objective)  # solver tolerance must not put the bound below a real schedule
        if bound - objective <= 1e-6 * max(1.0, abs(objective)):
            status = STATUS_OPTIMAL
            bound = objective
    return Solution(assign_tables(inst, placed), objective, bound, status, method, stats or {})
