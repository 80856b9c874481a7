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

    * ``"exact"`` -- prove the optimum: heuristic + LP relaxation (HiGHS)
      first, and when the LP bound is not met, the HiGHS MIP warm-started
      with that schedule; ``status`` is ``"optimal"`` when proven, else the
      best schedule and the best dual bound (no limit if ``time_limit`` is None);
    * ``"heuristic"`` -- greedy + local search + LP bound and LP-guided start
      (a few seconds on real events; ``time_limit`` defaults to 10 s);
    * ``"auto"`` -- the same pipeline as exact under a time limit (60 s if
      None): never worse than the heuristic's schedule;
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
        # No limit: the heuristic and its LP get up to 60 s, the MIP as long as it needs.
        sol = _heuristic_then_mip(inst, time_limit, t0)
        sol.method = "exact"
    else:  # auto
        limit = AUTO_DEFAULT_LIMIT if time_limit is None else time_limit
        sol = _heuristic_then_mip(inst, limit, t0)
        sol.method = f"auto/{sol.method}"
    sol.stats["seconds_total"] = time.perf_counter() - t0
    return sol


def _heuristic_then_mip(inst: Instance, limit: float | None, t0: float) -> Solution:
    """Heuristic + LP bound first; the HiGHS MIP only if the LP did not prove it.

    The LP relaxation of this formulation is usually integral or within a
    unit of the optimum, so on real events the LP-guided schedule meets the
    LP bound and that is the proof (``stats["proof"] == "lp"``).  Otherwise the
    MIP, warm-started with the heuristic schedule, runs in the time left
    (``"mip"``); if it cannot finish, the better schedule and the tighter of
    the two bounds are returned.
    """
    from .exact import solve_exact
    from .heuristic import solve_heuristic
    from .model import make_solution

    sol = solve_heuristic(inst, time_limit=AUTO_DEFAULT_LIMIT if limit is None else limit)
    if sol.status == "optimal":
        sol.stats["proof"] = "lp"
        return sol
    remaining = None if limit is None else limit - (time.perf_counter() - t0)
    if remaining is not None:
        # HiGHS checks its clock between LP iterations and overshoots by a few
        # tenths of a second on big models: keep a margin, and don't start a
        # MIP that cannot even solve its root LP.
        remaining = 0.8 * remaining - 0.3
        if remaining < 1.0:
            return sol
    mip = solve_exact(inst, time_limit=remaining, incumbent=_placed(sol))
    bounds = [b for b in (sol.bound, mip.bound) if b is not None]
    best = mip if mip.objective >= sol.objective else sol
    stats = {**sol.stats, **mip.stats}
    out = make_solution(inst, _placed(best), min(bounds) if bounds else None, best.method, stats)
    if out.status == "optimal":
        out.stats["proof"] = "mip" if mip.status == "optimal" else "lp"
    return out


def _placed(sol: Solution) -> dict[int, int]:
    return {m.request: m.slot for m in sol.meetings}
