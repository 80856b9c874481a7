"""Exact method: a MIP solved by HiGHS (``highspy``).

Formulation (x[r, s] = 1 if request r meets in slot s):

* max  sum w_r x[r, s]
* each request at most once:                 sum_s x[r, s] <= 1
* a participant once per slot:               sum_{r ∋ p} x[r, s] <= 1
* a participant at most max_meetings:        sum_{r ∋ p, s} x[r, s] <= cap_p
* at most N meetings per slot:               sum_r x[r, s] <= N

Tables do not appear: they are interchangeable, so a per-slot count <= N is
equivalent and removes the N! table symmetry that stalls CP solvers; numbers
1..k are handed out afterwards.  Variables exist only for slots where both
sides are available.  Locked meetings are not variables at all: they are
fixed, and their participants, slots and caps are reduced accordingly, which
also removes every variable that would clash with them.  Rows that cannot
bind (e.g. a cap above the number of candidate requests) are left out so the
LP stays small.
"""

from __future__ import annotations

import time

import highspy
import numpy as np

from .check import check_solution
from .model import Instance, Solution, make_solution

_banner_done = False


def new_highs() -> highspy.Highs:
    """A silent ``Highs`` object.

    HiGHS writes a copyright banner straight to file descriptor 1 the first
    time a ``Highs`` object is created, before any option can switch output
    off.  The CLI and the bench children use stdout for results, so the first
    construction runs with fd 1 pointed at /dev/null.
    """
    global _banner_done
    if _banner_done:
        h = highspy.Highs()
    else:
        import os
        import sys

        sys.stdout.flush()
        saved = os.dup(1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            h = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)
        _banner_done = True
    h.setOptionValue("output_flag", False)
    return h


class _Model:
    """Column/row arrays of the MIP, kept so that a solution can be mapped back."""

    def __init__(self, inst: Instance):
        n_slots = inst.n_slots
        locked_busy = set()
        slot_left = [inst.tables] * n_slots
        cap_left = list(inst.max_meetings)
        for r, s in inst.locked.items():
            q = inst.requests[r]
            locked_busy.update({(q.a, s), (q.b, s)})
            slot_left[s] -= 1
            cap_left[q.a] -= 1
            cap_left[q.b] -= 1
        self.fixed = dict(inst.locked)
        self.fixed_weight = sum(inst.requests[r].weight for r in inst.locked)

        col_r, col_s, cost = [], [], []
        for r, q in enumerate(inst.requests):
            if r in inst.locked or cap_left[q.a] <= 0 or cap_left[q.b] <= 0:
                continue
            for s in sorted(inst.available[q.a] & inst.available[q.b]):
                if slot_left[s] > 0 and (q.a, s) not in locked_busy and (q.b, s) not in locked_busy:
                    col_r.append(r)
                    col_s.append(s)
                    cost.append(float(q.weight))
        self.col_r = np.asarray(col_r, dtype=np.int64)
        self.col_s = np.asarray(col_s, dtype=np.int64)
        self.cost = np.asarray(cost, dtype=np.float64)
        n = len(col_r)
        cols = np.arange(n, dtype=np.int64)

        rows: list[np.ndarray] = []  # each row: the column indices, coefficients all 1
        upper: list[float] = []

        def add_groups(keys: np.ndarray, rhs_of) -> None:
            # Group columns by key; emit a row only where it can bind.
            if n == 0:
                return
            order = np.argsort(keys, kind="stable")
            sk = keys[order]
            cuts = np.flatnonzero(np.diff(sk)) + 1
            for grp in np.split(order, cuts):
                rhs = rhs_of(int(keys[grp[0]]), grp)
                if rhs is not None and len(grp) > rhs:
                    rows.append(cols[grp])
                    upper.append(float(rhs))

        # each request at most once
        add_groups(self.col_r, lambda r, g: 1)
        # each participant at most once per slot
        col_a = np.asarray([inst.requests[r].a for r in col_r], dtype=np.int64)
        col_b = np.asarray([inst.requests[r].b for r in col_r], dtype=np.int64)
        pcol = np.concatenate([col_a, col_b]) if n else np.zeros(0, dtype=np.int64)
        pidx = np.concatenate([cols, cols]) if n else np.zeros(0, dtype=np.int64)
        if n:
            ps_key = pcol * n_slots + np.concatenate([self.col_s, self.col_s])
            order = np.argsort(ps_key, kind="stable")
            sk = ps_key[order]
            for grp in np.split(order, np.flatnonzero(np.diff(sk)) + 1):
                if len(grp) > 1:
                    rows.append(pidx[grp])
                    upper.append(1.0)
            # participant caps: bind only if the participant has more distinct
            # candidate requests than the cap
            order = np.argsort(pcol, kind="stable")
            sk = pcol[order]
            for grp in np.split(order, np.flatnonzero(np.diff(sk)) + 1):
                p = int(pcol[grp[0]])
                c = pidx[grp]
                if len(np.unique(self.col_r[c])) > cap_left[p]:
                    rows.append(c)
                    upper.append(float(cap_left[p]))
        # tables per slot
        add_groups(self.col_s, lambda s, g: slot_left[s])

        self.n_cols = n
        self.rows = rows
        self.upper = np.asarray(upper, dtype=np.float64)

    def highs(self, integer: bool, quiet: bool = True) -> highspy.Highs:
        lp = highspy.HighsLp()
        lp.num_col_ = self.n_cols
        lp.num_row_ = len(self.rows)
        lp.col_cost_ = self.cost
        lp.col_lower_ = np.zeros(self.n_cols)
        lp.col_upper_ = np.ones(self.n_cols)
        lp.row_lower_ = np.full(len(self.rows), -highspy.kHighsInf)
        lp.row_upper_ = self.upper
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.offset_ = float(self.fixed_weight)
        starts = np.zeros(len(self.rows) + 1, dtype=np.int32)
        if self.rows:
            starts[1:] = np.cumsum([len(r) for r in self.rows])
            index = np.concatenate(self.rows).astype(np.int32)
        else:
            index = np.zeros(0, dtype=np.int32)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = self.n_cols
        lp.a_matrix_.num_row_ = len(self.rows)
        lp.a_matrix_.start_ = starts
        lp.a_matrix_.index_ = index
        lp.a_matrix_.value_ = np.ones(len(index))
        if integer:
            lp.integrality_ = [highspy.HighsVarType.kInteger] * self.n_cols
        h = new_highs()
        h.setOptionValue("output_flag", not quiet)
        h.passModel(lp)
        return h

    def dual_bound(self, row_dual: np.ndarray) -> float:
        """A proven upper bound from any row multipliers (weak duality).

        For y >= 0 on the <= rows and 0 <= x <= 1:
        c.x <= y.u + sum_j max(0, c_j - (A^T y)_j).  Evaluated here instead of
        trusting the solver's objective, so tolerances, an early stop or an
        approximate (PDLP) solution can loosen the bound but never break it.
        HiGHS's sign convention for duals of a maximisation is taken both
        ways; either is valid, the smaller wins.
        """
        lens = np.asarray([len(r) for r in self.rows], dtype=np.int64)
        index = np.concatenate(self.rows) if self.rows else np.zeros(0, dtype=np.int64)
        best = np.inf
        for sign in (1.0, -1.0):
            y = np.maximum(0.0, sign * np.asarray(row_dual, dtype=np.float64))
            aty = np.bincount(index, weights=np.repeat(y, lens), minlength=self.n_cols)
            value = float(y @ self.upper + np.maximum(0.0, self.cost - aty).sum())
            best = min(best, value)
        return best + float(self.fixed_weight)

    def to_columns(self, placed: dict[int, int]) -> np.ndarray:
        """An assignment as a 0/1 column vector (for warm starts)."""
        x = np.zeros(self.n_cols)
        for j in range(self.n_cols):
            r = int(self.col_r[j])
            if placed.get(r) == int(self.col_s[j]) and r not in self.fixed:
                x[j] = 1.0
        return x

    def from_columns(self, x) -> dict[int, int]:
        placed = dict(self.fixed)
        for j in np.flatnonzero(np.asarray(x) > 0.5):
            placed[int(self.col_r[j])] = int(self.col_s[j])
        return placed


def lp_bound(
    inst: Instance, time_limit: float | None = None, solver: str = "simplex"
) -> tuple[float | None, np.ndarray | None, _Model]:
    """Upper bound from the LP relaxation of the MIP, plus the LP values.

    Returns ``(bound, x, model)``; ``bound``/``x`` are ``None`` if HiGHS gave
    no usable answer in time.  The bound is computed by :meth:`_Model.dual_bound`
    from the row duals, so it stays valid whatever the LP's tolerances.
    """
    model = _Model(inst)
    if model.n_cols == 0:
        return float(model.fixed_weight), np.zeros(0), model
    h = model.highs(integer=False)
    h.setOptionValue("solver", solver)
    if time_limit is not None:
        h.setOptionValue("time_limit", max(0.05, float(time_limit)))
    h.run()
    sol = h.getSolution()
    if not sol.dual_valid:
        return None, None, model
    bound = model.dual_bound(np.asarray(sol.row_dual))
    x = np.asarray(sol.col_value) if sol.value_valid else None
    return bound, x, model


def solve_exact(
    inst: Instance,
    time_limit: float | None = None,
    incumbent: dict[int, int] | None = None,
    quiet: bool = True,
) -> Solution:
    """Solve the MIP with HiGHS; optimal if it finishes, else best incumbent + dual bound.

    ``incumbent`` (request->slot, e.g. from the heuristic) warm-starts the
    search and is returned if HiGHS finds nothing better in time.
    """
    t0 = time.perf_counter()
    model = _Model(inst)
    if model.n_cols == 0:
        return make_solution(inst, dict(inst.locked), float(model.fixed_weight), "exact")
    h = model.highs(integer=True, quiet=quiet)
    # Our own reductions above already do what matters of presolve; HiGHS
    # presolve spent 60-85% of the run time on event-sized models in trials
    # (e.g. 67 s -> 11 s at 2,000 participants) without shrinking the tree.
    h.setOptionValue("presolve", "off")
    # Feasibility jump ran for ~20 s before the root LP on 2,000 participants
    # and never beat the warm start we pass in; skip it.
    h.setOptionValue("mip_heuristic_run_feasibility_jump", False)
    if inst.integral_weights:
        # With integral weights any bound below incumbent + 1 proves optimality.
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 0.99)
    else:
        h.setOptionValue("mip_rel_gap", 1e-9)
        h.setOptionValue("mip_abs_gap", 1e-9)
    if time_limit is not None:
        h.setOptionValue("time_limit", max(0.05, float(time_limit) - (time.perf_counter() - t0)))
    if incumbent is not None:
        sol = highspy.HighsSolution()
        sol.col_value = model.to_columns(incumbent)
        sol.value_valid = True
        h.setSolution(sol)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    stats = {
        "mip_status": h.modelStatusToString(status),
        "cols": model.n_cols,
        "rows": len(model.rows),
        "nodes": int(info.mip_node_count),
    }
    bound = float(info.mip_dual_bound)
    if not np.isfinite(bound):
        bound = None
    best = None
    if info.primal_solution_status == 2:  # kSolutionStatusFeasible
        best = model.from_columns(h.getSolution().col_value)
        # Rounding at HiGHS's tolerances must never yield an invalid schedule:
        # re-check with the independent checker and fall back if it does.
        if check_solution(inst, make_solution(inst, best, None, "exact")):
            stats["mip_solution_rejected"] = True
            best = None
    if incumbent is not None:
        def weight(pl):
            return sum(inst.requests[r].weight for r in pl)

        if best is None or weight(incumbent) > weight(best) + 1e-9:
            best = dict(incumbent)
    if best is None:
        best = dict(inst.locked)  # always return something valid
    return make_solution(inst, best, bound, "exact", stats)
