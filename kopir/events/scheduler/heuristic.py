"""Fast heuristic: greedy construction + ejection-chain local search.

1. Greedy: requests by weight (heavier first), ties broken by contention
   (requests whose participants are asked less, and which have fewer common
   slots, first).  Each goes to the feasible slot that is least in demand by
   requests still waiting, so that scarce slots stay open for those who need them.
2. Local search, repeated while it improves and time remains:
   * *insert*: an unscheduled request goes into a slot after moving the
     meetings that block it (a participant busy there, or no table left) to
     other slots -- recursively, to a small depth (an ejection chain);
   * *replace*: if it still does not fit, it may evict lighter meetings
     (blockers, the lightest meeting of a full slot, or of a capped
     participant) when it weighs more than all of them; the evicted ones then
     try to re-enter elsewhere.  Every accepted step strictly increases the
     objective, so the search terminates.
3. Optionally the LP relaxation (HiGHS) gives a proven upper bound and a second
   start: requests ordered by their LP value.  Because this LP is usually
   (nearly) integral, that start is often optimal and then the bound proves it.
"""

from __future__ import annotations

import math
import time

import numpy as np

from .model import Instance, Solution, make_solution
from .state import FREE, State


class _Search:
    """Greedy + local search on one :class:`State`."""

    def __init__(self, inst: Instance, deadline: float):
        self.inst = inst
        self.st = State(inst)
        self.st.place_locked()
        self.deadline = deadline
        self.log: list[tuple[int, int, int]] = []  # (op, request, slot); op 1=place 0=remove
        self.w = [q.weight for q in inst.requests]
        # members[s]: scheduled requests in slot s (needed to free a table)
        self.members: list[set[int]] = [set() for _ in range(inst.n_slots)]
        for r, s in inst.locked.items():
            self.members[s].add(r)
        # meetings_of[p]: scheduled requests of participant p (needed for caps)
        self.meetings_of: list[set[int]] = [set() for _ in range(inst.n_participants)]
        for r in inst.locked:
            q = inst.requests[r]
            self.meetings_of[q.a].add(r)
            self.meetings_of[q.b].add(r)

    # -------------------------------------------------------------- primitives
    def place(self, r: int, s: int) -> None:
        self.st.place(r, s)
        self.members[s].add(r)
        q = self.inst.requests[r]
        self.meetings_of[q.a].add(r)
        self.meetings_of[q.b].add(r)
        self.log.append((1, r, s))

    def remove(self, r: int) -> None:
        s = self.st.remove(r)
        self.members[s].discard(r)
        q = self.inst.requests[r]
        self.meetings_of[q.a].discard(r)
        self.meetings_of[q.b].discard(r)
        self.log.append((0, r, s))

    def undo(self, mark: int) -> None:
        while len(self.log) > mark:
            op, r, s = self.log.pop()
            if op == 1:
                self.remove(r)
            else:
                self.place(r, s)
            self.log.pop()  # drop the entry the inverse operation just logged

    # ------------------------------------------------------------ construction
    def greedy(self, order: list[int], prefer=None) -> None:
        """Place requests in ``order``; slot choice by ``prefer(r, s)`` (lower is better)."""
        st = self.st
        for r in order:
            if st.slot_of[r] != FREE:
                continue
            best, best_key = FREE, None
            for s in st.common[r]:
                if st.fits(r, s):
                    key = prefer(r, s) if prefer else s
                    if best_key is None or key < best_key:
                        best, best_key = s, key
            if best != FREE:
                self.place(r, best)

    # ------------------------------------------------------------ local search
    def insert(self, r: int, depth: int) -> bool:
        """Place unscheduled ``r``, moving blocking meetings away (ejection chain).

        Leaves the state unchanged on failure.  Never drops a meeting.
        """
        st, inst = self.st, self.inst
        q = inst.requests[r]
        if st.count[q.a] >= st.cap[q.a] or st.count[q.b] >= st.cap[q.b]:
            return False  # moving meetings around cannot lift a cap
        common = st.common[r]
        for s in common:
            if st.fits(r, s):
                self.place(r, s)
                return True
        if depth <= 0 or time.perf_counter() > self.deadline:
            return False
        if min(st.load) >= st.n_tables:
            return False  # every slot is full: moving meetings cannot free a table
        locked = inst.locked
        for s in common:
            blockers = {st.busy[q.a][s], st.busy[q.b][s]} - {FREE}
            if any(b in locked for b in blockers):
                continue
            if blockers:
                candidates = [tuple(blockers)]
            else:
                # only the table is missing: try moving one of the slot's meetings
                movable = [m for m in self.members[s] if m not in locked]
                movable.sort(key=lambda m: len(st.common[m]), reverse=True)
                candidates = [(m,) for m in movable[:4]]
            for evict in candidates:
                mark = len(self.log)
                for m in evict:
                    self.remove(m)
                self.place(r, s)
                if all(self.insert(m, depth - 1) for m in evict):
                    return True
                self.undo(mark)
        return False

    def replace(self, r: int, depth: int) -> bool:
        """Insert ``r`` by evicting lighter meetings; True if the objective grew."""
        st, inst, w = self.st, self.inst, self.w
        q = inst.requests[r]
        locked = inst.locked
        best = None
        for s in st.common[r]:
            evict = {st.busy[q.a][s], st.busy[q.b][s]} - {FREE}
            if any(m in locked for m in evict) or sum(w[m] for m in evict) >= w[r]:
                continue  # cheap rejection before scanning the slot's meetings
            if st.load[s] - len(evict) >= st.n_tables:
                light = [m for m in self.members[s] if m not in locked and m not in evict]
                if not light:
                    continue
                evict.add(min(light, key=lambda m: (w[m], -len(st.common[m]))))
            ok = True
            for p in (q.a, q.b):
                if st.count[p] - sum(1 for m in evict if p in (inst.requests[m].a, inst.requests[m].b)) >= st.cap[p]:
                    light = [m for m in self.meetings_of[p] if m not in locked and m not in evict]
                    if not light:
                        ok = False
                        break
                    evict.add(min(light, key=lambda m: w[m]))
            if not ok:
                continue
            loss = sum(w[m] for m in evict)
            if loss < w[r] - 1e-9 and (best is None or loss < best[0]):
                best = (loss, s, evict)
        if best is None:
            return False
        _, s, evict = best
        for m in evict:
            self.remove(m)
        if not self.st.fits(r, s):  # cannot happen: evictions cleared every obstacle
            raise AssertionError("replace: slot still blocked")
        self.place(r, s)
        for m in sorted(evict, key=lambda m: -w[m]):
            self.insert(m, depth)
        return True

    def improve(self, depth: int = 2) -> None:
        """Run insert/replace passes over unscheduled requests until no gain."""
        st, w = self.st, self.w
        order = sorted(range(len(w)), key=lambda r: -w[r])
        locked = self.inst.locked
        changed = True
        while changed and time.perf_counter() < self.deadline:
            changed = False
            # Evicting costs at least the lightest movable meeting, so lighter
            # requests cannot gain by replace (only by insert, if a table is free).
            lightest = min(
                (w[r] for r, s in enumerate(st.slot_of) if s != FREE and r not in locked),
                default=float("inf"),
            )
            for r in order:
                if time.perf_counter() > self.deadline:
                    break
                if st.slot_of[r] != FREE or not st.common[r]:
                    continue
                self.log.clear()  # previous steps are final: no need to keep undo history
                if self.insert(r, depth) or (w[r] > lightest and self.replace(r, depth=1)):
                    changed = True
            self.log.clear()

    def objective(self) -> float:
        return sum(self.w[r] for r, s in enumerate(self.st.slot_of) if s != FREE)


def _weight_order(inst: Instance, st: State) -> list[int]:
    """Heavier first; among equals, the less contended and less flexible first."""
    demand = [0] * inst.n_participants
    for q in inst.requests:
        demand[q.a] += 1
        demand[q.b] += 1
    pressure = [demand[p] / max(1, inst.max_meetings[p]) for p in range(inst.n_participants)]

    def key(r):
        q = inst.requests[r]
        return (-q.weight, pressure[q.a] + pressure[q.b], len(st.common[r]), r)

    return sorted(range(len(inst.requests)), key=key)


def _slot_demand(inst: Instance, st: State) -> list[float]:
    """How many requests could use each slot, per table: scarce slots score high."""
    demand = [0.0] * inst.n_slots
    for r, slots in enumerate(st.common):
        if slots:
            share = inst.requests[r].weight / len(slots)
            for s in slots:
                demand[s] += share
    return [d / inst.tables for d in demand]


def solve_heuristic(
    inst: Instance,
    time_limit: float | None = None,
    use_lp: bool = True,
) -> Solution:
    """Greedy + local search; with ``use_lp`` also an LP bound and an LP-guided start.

    ``time_limit`` (default 10 s) caps the whole run; the first schedule
    takes a fraction of a second, the rest of the time is spent on the LP and
    on improving.  Always returns a valid schedule; ``status`` is ``optimal``
    only when the schedule meets the LP bound.
    """
    t0 = time.perf_counter()
    budget = 10.0 if time_limit is None else float(time_limit)
    deadline = t0 + budget

    # Start 1: weight/contention greedy, improved for at most a third of the budget.
    s1 = _Search(inst, t0 + budget / 3)
    slot_demand = _slot_demand(inst, s1.st)
    st1 = s1.st
    s1.greedy(_weight_order(inst, st1), prefer=lambda r, s: slot_demand[s] + st1.load[s] / st1.n_tables)
    stats = {"greedy_objective": s1.objective()}
    s1.improve()
    best_placed, best_obj = s1.st.placed(), s1.objective()
    stats["local_search_objective"] = best_obj

    bound = None
    remaining = deadline - time.perf_counter()
    if use_lp and remaining > 0.1:
        from .exact import lp_bound  # local import: keeps highspy optional for the pure greedy

        # Leave a quarter of what is left for improving the LP-guided start;
        # an interrupted dual simplex still yields a valid (looser) bound.
        bound, x, model = lp_bound(inst, time_limit=0.75 * remaining)
        stats["lp_bound"] = bound
        if bound is not None and x is not None and best_obj < _floor_bound(inst, bound) - 1e-9:
            # Start 2: follow the LP.  Values near 1 are kept as they are; the
            # rest are filled greedily by LP value, then weight.
            lp_slot_value: dict[tuple[int, int], float] = {}
            lp_value = [0.0] * len(inst.requests)
            for j in np.flatnonzero(x > 1e-6):
                r, s = int(model.col_r[j]), int(model.col_s[j])
                lp_slot_value[(r, s)] = float(x[j])
                lp_value[r] += float(x[j])
            s2 = _Search(inst, deadline)
            st2 = s2.st
            order = sorted(
                range(len(inst.requests)),
                key=lambda r: (-round(lp_value[r], 6), -inst.requests[r].weight, r),
            )
            s2.greedy(
                order,
                prefer=lambda r, s: (-lp_slot_value.get((r, s), 0.0),
                                     slot_demand[s] + st2.load[s] / st2.n_tables),
            )
            s2.improve()
            obj2 = s2.objective()
            stats["lp_start_objective"] = obj2
            if obj2 > best_obj:
                best_placed, best_obj = s2.st.placed(), obj2
    stats["seconds"] = time.perf_counter() - t0
    return make_solution(inst, best_placed, bound, "heuristic", stats)


def _floor_bound(inst: Instance, bound: float) -> float:
    return math.floor(bound + 1e-6) if inst.integral_weights else bound
