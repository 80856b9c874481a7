"""Child process of the bench: solve one instance with one method.

Run in its own process so that peak memory (``ru_maxrss``) belongs to that
method alone.  Prints one JSON line: seconds, peak_mb, method details.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--instance", required=True)
    ap.add_argument("--method", required=True)
    ap.add_argument("--time-limit", type=float, default=None)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    from kopir.events.scheduler import Instance, solve

    with open(args.instance, encoding="utf-8") as fh:
        data = json.load(fh)
    t0 = time.perf_counter()
    inst = Instance.from_json(data)
    if args.method == "mip":
        # the bare HiGHS MIP (no heuristic, no LP proof): shows what the solver alone does
        from kopir.events.scheduler.exact import solve_exact

        sol = solve_exact(inst, time_limit=args.time_limit)
        sol.stats["proof"] = "mip" if sol.status == "optimal" else None
    else:
        sol = solve(inst, method=args.method, time_limit=args.time_limit)
    seconds = time.perf_counter() - t0  # includes validation: what a user waits for
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(sol.to_json(inst), fh)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    stats = {k: v for k, v in sol.stats.items() if isinstance(v, (int, float, str, type(None)))}
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "method": sol.method,
                      "stats": stats}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
