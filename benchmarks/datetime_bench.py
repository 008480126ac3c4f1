"""How long ``extract_datetimes`` takes per sentence, on the dev set and the calendar corpora; prints JSON.

Usage: ``python benchmarks/datetime_bench.py [--repeats N]`` (every corpus file, development and held out)

Each distinct sentence is extracted ``repeats`` times after one warm-up pass (so one-off costs such as
loading a country's holiday table are not counted); a sentence's time is the median of its runs, and
the report gives the median (p50) and p95 over sentences, in milliseconds, per corpus and overall.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from datetime_corpora import all_corpora  # noqa: E402

from guards.datetimes import extract_datetimes  # noqa: E402


def _sentences(path: Path) -> list[tuple[str, datetime, str]]:
    seen: dict[tuple[str, str, str], None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            seen[(row["text"], row["reference_datetime"] or "2016-11-07T00:00:00", row.get("tz", "UTC"))] = (
                None
            )
    return [(text, datetime.fromisoformat(ref).replace(tzinfo=ZoneInfo(tz)), tz) for text, ref, tz in seen]


def _time(sentences: list[tuple[str, datetime, str]], repeats: int) -> list[float]:
    for text, now, tz in sentences:
        extract_datetimes(text, now=now, tz=tz)
    per_sentence = []
    for text, now, tz in sentences:
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            extract_datetimes(text, now=now, tz=tz)
            runs.append((time.perf_counter() - started) * 1000)
        per_sentence.append(statistics.median(runs))
    return per_sentence


def _summary(times: list[float]) -> dict[str, float | int]:
    ordered = sorted(times)
    return {
        "sentences": len(ordered),
        "p50_ms": round(statistics.median(ordered), 4),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    report: dict[str, object] = {}
    everything: list[float] = []
    for path in all_corpora():
        name = path.name
        times = _time(_sentences(path), args.repeats)
        everything.extend(times)
        report[name] = _summary(times)
    report["all"] = _summary(everything)
    report["budget_p50_ms"] = 0.5
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
