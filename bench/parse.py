"""Reader speed: the median CPU time of parsing the seed and the largest record (the generated meeting of 100
items that bench/run.py exports), over many runs in one warm process.

Run with `.venv/bin/python bench/parse.py [--runs N]`. Parsing needs no database; the generated record comes
from bench/run.py so that both benchmarks read the same text.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import SEED, big_record_text
from minutes.reader import parse_minutes


def median_cpu(text: str, runs: int) -> float:
    parse_minutes(text)  # warm: the patterns compile once per process
    times = []
    for _ in range(runs):
        start = time.process_time()
        parse_minutes(text)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    for label, text in (("seed meeting 108", SEED.read_text(encoding="utf-8")), ("100 items", big_record_text(100))):
        print(f"{label:18s} {len(text):6d} characters  {median_cpu(text, args.runs) * 1000:7.2f} ms (median CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
