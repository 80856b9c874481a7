"""Command line: ``kopir schedule solve`` and ``kopir schedule check``.

::

    kopir schedule solve --instance INSTANCE.json --out SOLUTION.json
                         [--time-limit SECONDS] [--method exact|heuristic|auto]
    kopir schedule check --instance INSTANCE.json --solution SOLUTION.json

Exit codes: 0 success, 1 the checked solution breaks a rule, 2 bad input
(unreadable file, invalid JSON, schema error or infeasible instance; the
message on stderr names the offending item).
"""

from __future__ import annotations

import argparse
import json
import sys

from . import solve
from .check import check_solution
from .model import Instance, ScheduleInputError


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="kopir schedule", description="Schedule 1:1 brokerage meetings."
    )
    sub = ap.add_subparsers(dest="command", required=True)
    sp = sub.add_parser("solve", help="compute a schedule that maximises total weight")
    sp.add_argument("--instance", required=True, help="instance JSON file ('-' for stdin)")
    sp.add_argument("--out", required=True, help="solution JSON file to write ('-' for stdout)")
    sp.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                    help="wall-clock limit (auto defaults to 60 s, exact to none)")
    sp.add_argument("--method", choices=("auto", "exact", "heuristic"), default="auto")
    cp = sub.add_parser("check", help="verify a solution against its instance")
    cp.add_argument("--instance", required=True)
    cp.add_argument("--solution", required=True)
    return ap


def _load(path: str, what: str):
    try:
        if path == "-":
            return json.load(sys.stdin)
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except OSError as exc:
        raise ScheduleInputError(f"cannot read {what} {path!r}: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise ScheduleInputError(f"{what} {path!r} is not valid JSON: {exc}") from exc


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` (without the program name); return the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help (0) and on usage errors (2)
        return int(exc.code or 0)
    try:
        inst = Instance.from_json(_load(args.instance, "instance"))
        if args.command == "check":
            errors = check_solution(inst, _load(args.solution, "solution"))
            for e in errors:
                print(f"violation: {e}", file=sys.stderr)
            print("solution is valid" if not errors else f"{len(errors)} violation(s)")
            return 1 if errors else 0
        if args.time_limit is not None and not args.time_limit > 0:
            raise ScheduleInputError("--time-limit must be a positive number of seconds")
        sol = solve(inst, method=args.method, time_limit=args.time_limit)
    except ScheduleInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = sol.to_json(inst)
    text = json.dumps(out, ensure_ascii=False, indent=1)
    if args.out == "-":
        sys.stdout.write(text + "\n")
    else:
        try:
            with open(args.out, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        except OSError as exc:
            print(f"error: cannot write {args.out!r}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    bound = "none" if out["bound"] is None else out["bound"]
    print(
        f"{len(out['meetings'])} meetings, objective {out['objective']}, bound {bound}, "
        f"status {out['status']} ({sol.method}, {sol.stats.get('seconds_total', 0):.1f} s)",
        file=sys.stderr if args.out == "-" else sys.stdout,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
