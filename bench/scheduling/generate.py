"""Seeded generator of brokerage-event instances shaped like real events.

What makes real events hard, and what this reproduces:

* skewed popularity: a handful of large enterprises (and a few star labs) are
  asked by many, most participants by few (Zipf-like ranks);
* those enterprises send few people, so their ``max_meetings`` is low, while
  small firms and labs are willing to meet all day;
* partial availability: many arrive late or leave early (a contiguous window),
  some also block a lunch or talk slot;
* tables are scarce: ``tables * slots`` is well below the number of requests;
* a few VIP meetings are locked in advance by the organiser;
* integer interest weights (1..10), higher when both sides want the meeting.

Usage: ``python -m bench.scheduling.generate --participants 1000 --slots 16
--tables 60 --seed 1 > instance.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import datetime, timedelta


def generate(
    participants: int = 1000,
    slots: int = 16,
    tables: int = 60,
    requests_per_participant: float = 5.0,
    seed: int = 0,
    locked_share: float = 0.02,
) -> dict:
    """Return a JSON-ready instance (see the module docstring for its shape).

    ``requests_per_participant`` is the mean number of requests each
    participant sends (at most 10 each).
    """
    rng = random.Random(seed)
    start = datetime(2025, 5, 14, 10, 0)
    slot_list = [
        {
            "id": f"s{k + 1:02d}",
            "start": (start + timedelta(minutes=20 * k)).isoformat(timespec="minutes"),
            "end": (start + timedelta(minutes=20 * k + 15)).isoformat(timespec="minutes"),
        }
        for k in range(slots)
    ]
    slot_ids = [s["id"] for s in slot_list]

    n_ent = max(3, participants // 40)  # large enterprises
    n_lab = participants * 3 // 10  # university labs
    kinds = ["enterprise"] * n_ent + ["lab"] * n_lab
    kinds += ["firm"] * (participants - len(kinds))
    rng.shuffle(kinds)

    people = []
    for i, kind in enumerate(kinds):
        pid = f"{kind[0]}{i:04d}"
        # availability: contiguous window, sometimes with a gap (a talk, lunch)
        if rng.random() < 0.45:
            lo, hi = 0, slots
        else:
            length = rng.randint(max(2, slots // 3), slots)
            lo = rng.randint(0, slots - length)
            hi = lo + length
        avail = list(range(lo, hi))
        if len(avail) > 3 and rng.random() < 0.3:
            avail.remove(rng.choice(avail))
        if kind == "enterprise":
            cap = rng.randint(max(2, slots // 4), max(3, slots // 2))
        else:
            cap = rng.randint(max(2, slots // 3), slots)
        people.append({"id": pid, "available": [slot_ids[k] for k in avail], "max_meetings": cap})

    # Popularity: Zipf over a ranking that puts enterprises (then labs) first.
    order = sorted(
        range(participants),
        key=lambda i: ({"enterprise": 0, "lab": 1, "firm": 2}[kinds[i]], rng.random()),
    )
    popularity = [0.0] * participants
    for rank, i in enumerate(order):
        popularity[i] = 1.0 / (rank + 3) ** 0.9
    cum, acc = [], 0.0
    for w in popularity:
        acc += w
        cum.append(acc)

    def pick_target() -> int:
        x = rng.random() * acc
        lo, hi = 0, participants - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cum[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return lo

    pairs: dict[tuple[int, int], int] = {}
    raw = []  # (requester, target, interest) in booking order
    for i in range(participants):
        k = min(10, max(0, round(rng.gauss(requests_per_participant, 2.5))))
        targets: set[int] = set()
        for _ in range(20 * k):
            if len(targets) >= k:
                break
            j = pick_target()
            if j != i:
                targets.add(j)
        for j in targets:
            raw.append((i, j, rng.choice((1, 2, 2, 3, 3, 4, 4, 5, 6, 8))))
    rng.shuffle(raw)  # arrival order of bookings is unrelated to value

    reqs = []
    for i, j, interest in raw:
        key = (min(i, j), max(i, j))
        if key in pairs:
            # Mutual interest: both asked. Keep one request, worth more.
            prev = reqs[pairs[key]]
            prev["weight"] = min(10, prev["weight"] + interest + 1)
            continue
        pairs[key] = len(reqs)
        reqs.append({"id": f"r{len(reqs) + 1:05d}", "a": people[i]["id"], "b": people[j]["id"],
                     "weight": interest})

    # Locked VIP meetings: placed greedily so the locks are jointly feasible.
    avail_idx = [set(slot_ids.index(s) for s in p["available"]) for p in people]
    index = {p["id"]: n for n, p in enumerate(people)}
    busy: set[tuple[int, int]] = set()
    load = [0] * slots
    count = [0] * participants
    locked = []
    n_lock = int(locked_share * len(reqs))
    for q in rng.sample(reqs, len(reqs)):
        if len(locked) >= n_lock:
            break
        a, b = index[q["a"]], index[q["b"]]
        if count[a] >= people[a]["max_meetings"] or count[b] >= people[b]["max_meetings"]:
            continue
        options = [
            s for s in sorted(avail_idx[a] & avail_idx[b])
            if (a, s) not in busy and (b, s) not in busy and load[s] < tables // 2
        ]
        if not options:
            continue
        s = rng.choice(options)
        busy.update({(a, s), (b, s)})
        load[s] += 1
        count[a] += 1
        count[b] += 1
        locked.append({"request": q["id"], "slot": slot_ids[s]})

    return {"slots": slot_list, "tables": tables, "participants": people, "requests": reqs,
            "locked": locked}


def main(argv: list[str] | None = None) -> int:
    """Write one generated instance as JSON to stdout."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--participants", type=int, default=1000)
    ap.add_argument("--slots", type=int, default=16)
    ap.add_argument("--tables", type=int, default=60)
    ap.add_argument("--requests-per-participant", type=float, default=5.0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    json.dump(generate(args.participants, args.slots, args.tables,
                       args.requests_per_participant, args.seed), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
