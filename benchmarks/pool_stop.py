"""Stress the early stop of worker pools: close ``in_order`` right after its first result, many times,
while the workers send large results, and count the runs that hang.

``Pool.terminate`` kills a worker wherever it is; one killed while sending a result keeps the result
queue's lock, and the pool's shutdown then waits for it forever. Each run is a forked child that
``faulthandler`` ends (printing where it waited) when it takes longer than ``--limit`` seconds.

    python benchmarks/pool_stop.py                 # 200 runs, results of 2 MB
    python benchmarks/pool_stop.py --runs 50 --size 100000
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summary_lint.engine import parallel


def one_run(run: int, size: int, limit: float) -> None:
    """In a child: start 40 items ahead on two workers, take one result, close (exits 1 on a hang)."""
    faulthandler.dump_traceback_later(limit, exit=True)
    ahead = parallel.in_order(list(range(40)), lambda _: "x" * size, 2)
    next(ahead)
    time.sleep(0.001 * (run % 7))  # close at different points of the workers' sends
    ahead.close()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=200)
    p.add_argument("--size", type=int, default=2_000_000, help="characters in each result")
    p.add_argument("--limit", type=float, default=10.0, help="seconds after which a run counts as hung")
    args = p.parse_args()
    parallel.AHEAD_MIN_ITEMS = 4
    hung, started = 0, time.perf_counter()
    for run in range(args.runs):
        pid = os.fork()
        if pid == 0:
            one_run(run, args.size, args.limit)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        hung += os.waitstatus_to_exitcode(status) != 0
    print(f"{args.runs} early closes, results of {args.size:,} characters: {hung} hung "
          f"({time.perf_counter() - started:.1f} s)")
    return 1 if hung else 0


if __name__ == "__main__":
    sys.exit(main())
