"""Fast heuristic: greedy construction + ejection-chain local search.

1. Greedy: requests by weight (heavier first), ties broken by contention
   (requests whose participants are asked less, and which have fewer common
   slots, first).  Each goes to the feasible slot that is least in demand by
   requests still waiting, so that scarce slots stay open for those who need them.
2. Local search, repeated while it improves and time remains (moves: insert,
   Kempe-chain slot swap, replace):
   * *insert*: an unscheduled request goes into a slot after moving the
     meetings that block it (a participant busy there, or no table left) to
     other slots -- recursively, to a small depth (an ejection chain);
   * *replace*: if it still does not fit, it may evict lighter meetings
     (blockers, the lightest meeting of a full slot, or of a capped
     participant) when it weighs more than all of them; the evicted ones then
     try to re-enter elsewhere and the partners they freed try their best
     waiting request.  Every accepted step strictly increases the objective,
     so the search terminates.
3. Optionally the LP relaxation (HiGHS) gives a proven upper bound and a second
   start: requests ordered by their LP value.  Because this LP is usually
   (nearly) integral, that start is often optimal and then the bound proves it
   and no local search is needed.
"""

from __future__ import annotations

import math
import time

import numpy as np

from .model import Instance, Solution, make_solution
from .state import FREE, State

# Dual simplex returns a vertex, which for this LP is (nearly) integral and so a
# good start; PDLP was faster on some models but its approximate point rounded worse.
LP_SOLVER = "simplex"


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
        self.common_set = [frozenset(c) for c in self.st.common]
        # eviction preference: light first, then the most flexible (likely to re-enter)
        self.light_key = [(self.w[r], -len(c)) for r, c in enumerate(self.st.common)]
        self.slot_light = [FREE] * inst.n_slots
        self.slot_dirty = [True] * inst.n_slots
        # requests_of[p]: p's requests, heaviest first (for augmenting steps)
        self.requests_of: list[list[int]] = [[] for _ in range(inst.n_participants)]
        for r in sorted(range(len(inst.requests)), key=lambda r: -self.w[r]):
            q = inst.requests[r]
            self.requests_of[q.a].append(r)
            self.requests_of[q.b].append(r)

    # -------------------------------------------------------------- primitives
    def place(self, r: int, s: int) -> None:
        self.st.place(r, s)
        self.members[s].add(r)
        self.slot_dirty[s] = True
        q = self.inst.requests[r]
        self.meetings_of[q.a].add(r)
        self.meetings_of[q.b].add(r)
        self.log.append((1, r, s))

    def remove(self, r: int) -> None:
        s = self.st.remove(r)
        self.members[s].discard(r)
        self.slot_dirty[s] = True
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
        if not common:
            return False
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

    def kempe(self, r: int, max_len: int = 60) -> bool:
        """Place ``r`` by swapping two slots along an alternating chain.

        If side x of r is free in slot s1 but side y meets m1 there, follow
        the chain m1 (s1), then y's partner's meeting in s2, then the next one
        in s1 ... and swap s1 <-> s2 along it (a Kempe chain, as in Vizing's
        edge-colouring proof).  The chain is a whole component of the
        s1/s2 meetings, so the swap keeps everyone in one meeting per slot and
        frees y in s1.  Unlike ``insert`` the chain length is not bounded by a
        small depth; availability, locks and tables are checked on the way.
        """
        st, inst = self.st, self.inst
        q = inst.requests[r]
        if st.count[q.a] >= st.cap[q.a] or st.count[q.b] >= st.cap[q.b]:
            return False
        busy, locked, reqs = st.busy, inst.locked, inst.requests
        n_tables = st.n_tables
        for s1 in st.common[r]:
            for x, y in ((q.a, q.b), (q.b, q.a)):
                m1 = busy[y][s1]
                if busy[x][s1] != FREE or m1 == FREE or m1 in locked:
                    continue
                for s2 in self.common_set[m1]:
                    if s2 == s1 or busy[y][s2] != FREE:
                        continue
                    path = []
                    cur, src, dst, m = y, s1, s2, m1
                    ok = True
                    while m != FREE:
                        if m in locked or dst not in self.common_set[m] or len(path) >= max_len:
                            ok = False
                            break
                        path.append((m, dst))
                        mq = reqs[m]
                        cur = mq.b if mq.a == cur else mq.a
                        if cur == x:  # the chain would occupy x in s1
                            ok = False
                            break
                        src, dst = dst, src
                        m = busy[cur][dst]
                    if not ok:
                        continue
                    to_s2 = sum(1 for _, d in path if d == s2)
                    to_s1 = len(path) - to_s2
                    if st.load[s1] - to_s2 + to_s1 + 1 > n_tables or st.load[s2] - to_s1 + to_s2 > n_tables:
                        continue
                    mark = len(self.log)
                    for m, _ in path:
                        self.remove(m)
                    for m, d in path:
                        self.place(m, d)
                    if st.fits(r, s1):
                        self.place(r, s1)
                        return True
                    self.undo(mark)  # defensive: the argument above says this cannot happen
        return False

    def lightest_in_slot(self, s: int) -> int:
        """Lightest movable meeting of slot ``s`` (cached until the slot changes)."""
        if self.slot_dirty[s]:
            movable = [m for m in self.members[s] if m not in self.inst.locked]
            self.slot_light[s] = min(movable, key=self.light_key.__getitem__) if movable else FREE
            self.slot_dirty[s] = False
        return self.slot_light[s]

    def best_waiting(self, p: int, skip: int) -> float:
        """Weight of the heaviest unscheduled request of ``p`` (other than ``skip``)."""
        slot_of = self.st.slot_of
        for r in self.requests_of[p]:
            if r != skip and slot_of[r] == FREE:
                return self.w[r]
        return 0.0

    def replace(self, r: int, depth: int, tries: int = 3) -> bool:
        """Insert ``r`` by evicting meetings; keep the move only if the objective grows.

        In each common slot the eviction set is what blocks ``r`` there: the
        two sides' meetings in that slot, the lightest meeting of a full slot,
        the lightest meeting of a side at its cap.  After evicting, the evicted
        meetings try to re-enter elsewhere and the participants they freed
        try their heaviest waiting request (an augmenting step of b-matching:
        a heavy side swaps partners and the dropped partner meets someone
        else).  The cheapest few slots are tried; anything that does not gain
        is undone.
        """
        st, inst, w = self.st, self.inst, self.w
        q = inst.requests[r]
        locked = inst.locked
        reqs = inst.requests
        candidates = []
        free_tables = st.n_tables * inst.n_slots - sum(st.load)
        for s in st.common[r]:
            evict = {st.busy[q.a][s], st.busy[q.b][s]} - {FREE}
            if any(m in locked for m in evict):
                continue
            if st.load[s] - len(evict) >= st.n_tables:
                m = self.lightest_in_slot(s)
                if m in evict:  # rare: the blocker is itself the lightest; scan for the next
                    light = [m for m in self.members[s] if m not in locked and m not in evict]
                    m = min(light, key=self.light_key.__getitem__) if light else FREE
                if m == FREE:
                    continue
                evict.add(m)
            ok = True
            for p in (q.a, q.b):
                if st.count[p] - sum(1 for m in evict if p in (reqs[m].a, reqs[m].b)) >= st.cap[p]:
                    light = [m for m in self.meetings_of[p] if m not in locked and m not in evict]
                    if not light:
                        ok = False
                        break
                    evict.add(min(light, key=lambda m: w[m]))
            if not ok:
                continue
            loss = sum(w[m] for m in evict)
            # Optimistic regain: every evicted meeting comes back, or each freed
            # partner books its heaviest waiting request instead.
            # Each regained meeting needs a table: at most the free ones plus
            # those the eviction frees, minus the one r takes.
            k = min(len(evict), free_tables + len(evict) - 1)
            regain = 0.0
            if k > 0:
                values = []
                for m in evict:
                    mq = reqs[m]
                    values.append(max(w[m], sum(self.best_waiting(p, m) for p in (mq.a, mq.b)
                                                if p != q.a and p != q.b)))
                regain = sum(sorted(values, reverse=True)[:k])
            if loss < w[r] + regain - 1e-9:
                candidates.append((loss, s, evict))
        candidates.sort(key=lambda c: c[0])
        for loss, s, evict in candidates[:tries]:
            mark = len(self.log)
            for m in evict:
                self.remove(m)
            if not st.fits(r, s):  # cannot happen: evictions cleared every obstacle
                raise AssertionError("replace: slot still blocked")
            self.place(r, s)
            gain = w[r] - loss
            freed = []
            for m in sorted(evict, key=lambda m: -w[m]):
                if self.insert(m, depth):
                    gain += w[m]
                else:
                    freed.extend(p for p in (reqs[m].a, reqs[m].b) if p != q.a and p != q.b)
            for p in freed:
                for r2 in self.requests_of[p]:
                    if st.slot_of[r2] == FREE and r2 not in evict and self.insert(r2, depth):
                        gain += w[r2]
                        break
            if gain > 1e-9:
                return True
            self.undo(mark)
        return False

    def improve(self, depth: int = 2) -> None:
        """Run insert/replace passes over unscheduled requests until no gain."""
        st, w = self.st, self.w
        order = sorted(range(len(w)), key=lambda r: -w[r])
        changed = True
        while changed and time.perf_counter() < self.deadline:
            changed = False
            for r in order:
                if time.perf_counter() > self.deadline:
                    break
                if st.slot_of[r] != FREE or not st.common[r]:
                    continue
                self.log.clear()  # previous steps are final: no need to keep undo history
                if (self.insert(r, depth) or self.kempe(r)
                        or self.replace(r, depth=1)):
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
    """Greedy + LP bound + LP-guided greedy + local search, within ``time_limit``.

    Order of work, cheapest proof first: the weight greedy (milliseconds);
    the LP relaxation (proven bound, usually the optimum); the LP-guided
    greedy, which on real events usually meets that bound and stops there;
    otherwise local search on the better start until the deadline.
    ``time_limit`` defaults to 10 s; a small margin is kept so the caller's
    limit holds.  Always returns a valid schedule; ``status`` is ``optimal``
    only when the schedule meets the LP bound.
    """
    t0 = time.perf_counter()
    budget = 10.0 if time_limit is None else float(time_limit)
    deadline = t0 + 0.97 * budget - 0.05

    s1 = _Search(inst, deadline)
    slot_demand = _slot_demand(inst, s1.st)
    st1 = s1.st
    s1.greedy(_weight_order(inst, st1), prefer=lambda r, s: slot_demand[s] + st1.load[s] / st1.n_tables)
    best, best_obj = s1, s1.objective()
    stats: dict = {"greedy_objective": best_obj}

    bound = None
    remaining = deadline - time.perf_counter()
    if use_lp and remaining > 0.1:
        from .exact import lp_bound  # local import: keeps highspy optional for the pure greedy

        # Keep some time for local search; an interrupted dual simplex still
        # yields a valid (looser) bound.
        bound, x, model = lp_bound(inst, time_limit=0.7 * remaining, solver=LP_SOLVER)
        stats["lp_bound"] = bound
        if bound is not None and x is not None and best_obj < _floor_bound(inst, bound) - 1e-9:
            # Start 2: follow the LP.  Values near 1 come first and take their
            # LP slot; the rest are filled by LP value, then weight.
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
            obj2 = s2.objective()
            stats["lp_greedy_objective"] = obj2
            if obj2 > best_obj:
                best, best_obj = s2, obj2
    if bound is None or best_obj < _floor_bound(inst, bound) - 1e-9:
        best.improve()
        best_obj = best.objective()
        stats["local_search_objective"] = best_obj
    stats["seconds"] = time.perf_counter() - t0
    sol = make_solution(inst, best.st.placed(), bound, "heuristic", stats)
    if sol.status == "optimal":
        sol.stats["proof"] = "lp"
    return sol


def _floor_bound(inst: Instance, bound: float) -> float:
    return math.floor(bound + 1e-6) if inst.integral_weights else bound
