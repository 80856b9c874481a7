"""1:1 brokerage-meeting scheduler (pure Python; no Django in this package).

Entry point: :func:`solve`.  Instances and solutions use the JSON format of
``kopir schedule solve`` (see :mod:`kopir.events.scheduler.cli`).
"""

from __future__ import annotations

import time
from typing import Any

from .check import ScheduleCheckError, assert_valid, check_solution
from .model import Instance, ScheduleInputError, Solution

__all__ = [
    "Instance",
    "ScheduleCheckError",
    "ScheduleInputError",
    "Solution",
    "assert_valid",
    "check_solution",
    "solve",
]

METHODS = ("auto", "exact", "heuristic", "fcfs")

#: time limit used by ``auto`` when the caller gives none (seconds)
AUTO_DEFAULT_LIMIT = 60.0


def solve(instance: Instance | dict[str, Any], *, method: str = "auto",
          time_limit: float | None = None) -> Solution:
    """Schedule meetings to maximise total weight.

    ``instance`` is a validated :class:`Instance` or the JSON dict (validated
    here; :class:`ScheduleInputError` on bad input).  Methods:

    * ``"exact"`` -- HiGHS MIP, warm-started by the greedy; ``status`` is
      ``"optimal"`` when proven, else the best schedule found and the MIP dual
      bound (no limit if ``time_limit`` is None);
    * ``"heuristic"`` -- greedy + local search + LP bound (about a second on
      real events);
    * ``"auto"`` -- heuristic first; if it has not already met the LP bound, the
      MIP runs in the remaining time, warm-started with the heuristic schedule,
      so the result is never worse than the heuristic's;
    * ``"fcfs"`` -- first-come-first-served baseline (for comparison only).

    The returned schedule always satisfies every rule (a solver failure falls
    back to the heuristic schedule, or at least to the locked meetings).
    """
    inst = instance if isinstance(instance, Instance) else Instance.from_json(instance)
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if time_limit is not None and not time_limit > 0:
        raise ValueError("time_limit must be positive")
    t0 = time.perf_counter()

    if method == "fcfs":
        from .fcfs import solve_fcfs

        sol = solve_fcfs(inst)
    elif method == "heuristic":
        from .heuristic import solve_heuristic

        sol = solve_heuristic(inst, time_limit=time_limit)
    elif method == "exact":
        from .exact import solve_exact
        from .heuristic import solve_heuristic

        # A quick greedy incumbent (no LP: the MIP computes its own) lets
        # HiGHS prune from the first node and guarantees a fallback schedule.
        warm = solve_heuristic(inst, time_limit=_share(time_limit, 0.1), use_lp=False)
        remaining = None if time_limit is None else max(0.05, time_limit - (time.perf_counter() - t0))
        sol = solve_exact(inst, time_limit=remaining, incumbent=_placed(warm))
    else:  # auto
        from .exact import solve_exact
        from .heuristic import solve_heuristic

        limit = AUTO_DEFAULT_LIMIT if time_limit is None else time_limit
        # The heuristic budgets itself (local search, LP, LP-guided start) and
        # usually stops well before the limit; the MIP gets whatever is left.
        sol = solve_heuristic(inst, time_limit=limit)
        remaining = limit - (time.perf_counter() - t0)
        if sol.status != "optimal" and remaining > 0.2:
            mip = solve_exact(inst, time_limit=remaining, incumbent=_placed(sol))
            bounds = [b for b in (sol.bound, mip.bound) if b is not None]
            if mip.objective >= sol.objective:
                sol = mip
            if bounds and (sol.bound is None or min(bounds) < sol.bound):
                # keep the tighter of the two proven bounds
                from .model import make_solution

                sol = make_solution(inst, _placed(sol), min(bounds), sol.method, sol.stats)
        sol.method = f"auto/{sol.method}"
    sol.stats["seconds_total"] = time.perf_counter() - t0
    return sol


def _share(limit: float | None, fraction: float) -> float | None:
    return None if limit is None else limit * fraction


def _placed(sol: Solution) -> dict[int, int]:
    return {m.request: m.slot for m in sol.meetings}
