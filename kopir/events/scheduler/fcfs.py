"""First-come-first-served baseline: what self-service booking would give.

Requests are taken in the order they appear in the instance (the order they
were made) and each is booked into the earliest slot where both sides are free,
a table is left and neither side has hit their cap.  Weights are ignored,
exactly as a booking form would.
"""

from __future__ import annotations

from .model import Instance, Solution, make_solution
from .state import State


def solve_fcfs(inst: Instance) -> Solution:
    """Book requests in arrival order into the earliest feasible slot."""
    st = State(inst)
    st.place_locked()
    for r in range(len(inst.requests)):
        if r in inst.locked:
            continue
        for s in st.common[r]:
            if st.fits(r, s):
                st.place(r, s)
                break
    return make_solution(inst, st.placed(), None, "fcfs")
