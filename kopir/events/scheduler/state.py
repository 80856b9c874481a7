"""Mutable partial schedule shared by the FCFS baseline and the heuristic.

Tables are not tracked individually: only how many meetings each slot holds
(tables are interchangeable; numbers are given at the end).
"""

from __future__ import annotations

from .model import Instance

FREE = -1


class State:
    """Request->slot assignment with O(1) feasibility queries."""

    __slots__ = ("inst", "slot_of", "busy", "count", "load", "common", "cap", "n_tables")

    def __init__(self, inst: Instance):
        self.inst = inst
        self.slot_of = [FREE] * len(inst.requests)
        # busy[p][s]: request that participant p meets in slot s, or FREE
        self.busy = [[FREE] * inst.n_slots for _ in range(inst.n_participants)]
        self.count = [0] * inst.n_participants
        self.load = [0] * inst.n_slots
        self.common = [inst.common_slots(r) for r in range(len(inst.requests))]
        self.cap = inst.max_meetings
        self.n_tables = inst.tables

    def fits(self, r: int, s: int) -> bool:
        """Can unscheduled request ``r`` go to slot ``s`` without moving anything?"""
        q = self.inst.requests[r]
        return (
            self.load[s] < self.n_tables
            and self.busy[q.a][s] == FREE
            and self.busy[q.b][s] == FREE
            and self.count[q.a] < self.cap[q.a]
            and self.count[q.b] < self.cap[q.b]
        )

    def place(self, r: int, s: int) -> None:
        q = self.inst.requests[r]
        self.slot_of[r] = s
        self.busy[q.a][s] = r
        self.busy[q.b][s] = r
        self.count[q.a] += 1
        self.count[q.b] += 1
        self.load[s] += 1

    def remove(self, r: int) -> int:
        q = self.inst.requests[r]
        s = self.slot_of[r]
        self.slot_of[r] = FREE
        self.busy[q.a][s] = FREE
        self.busy[q.b][s] = FREE
        self.count[q.a] -= 1
        self.count[q.b] -= 1
        self.load[s] -= 1
        return s

    def placed(self) -> dict[int, int]:
        return {r: s for r, s in enumerate(self.slot_of) if s != FREE}

    def place_locked(self) -> None:
        # Instance.from_json already proved the locks are jointly feasible.
        for r, s in self.inst.locked.items():
            self.place(r, s)
