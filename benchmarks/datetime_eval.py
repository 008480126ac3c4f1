"""Score ``extract_datetimes`` on temporal-expression corpora and print JSON.

Usage: ``python benchmarks/datetime_eval.py [corpus.jsonl ...] [--errors N] [--split-strict]``

Without a path it scores every corpus in ``tests/data`` and reports each separately
(:mod:`datetime_corpora`): the dev set (``datetime_dev.jsonl``, Recognizers-Text specs), the calendar
corpus (``datetime_calendar.jsonl``), its development batches (``datetime_calendar_more*.jsonl``) and
the held-out batches (``datetime_calendar_holdout*.jsonl``: scored only, never tuned against). Rows
with a ``tz`` field follow
the *calendar* convention, the others the *Recognizers-Text* one (see tests/data/README.md for both).

Recognizers-Text rows: the gold ``span_start``/``span_end`` (inclusive end), ``type`` and ``expected``
resolutions (several when the reading is ambiguous between past and future; any of them counts).

* A gold row is **answered** when some extracted expression overlaps the gold span; the one with the
  largest overlap is taken. It is **correct** when its *preferred* reading, printed in the corpus
  format (``YYYY-MM-DD``, ``HH:MM:SS``, ``YYYY-MM-DD HH:MM:SS``; ranges by start and end; durations in
  seconds), equals one of the expected resolutions. Alternatives do not earn credit.
* The corpus splits a holiday and the time next to it into two rows ("christmas eve" / "6 p.m."), as
  its extractor does; a single datetime that covers both rows is judged against their combination
  (its date against the date row, its time against the time row). ``--split-strict`` turns that off.
* ``none`` rows, and rows whose expected value is ``not resolved`` (invalid dates such as "feb 30",
  and all ``set`` rows: recurrences such as "every Monday" have no single value), hold nothing the
  parser should resolve: every expression extracted there is a **false positive**.
* An expression extracted from a sentence but overlapping none of its gold spans is also a false
  positive (the corpus lists every expression of a sentence across its rows). Extra pieces inside an
  answered gold span are not counted again: the row is already judged on its best-overlapping piece.
* precision = correct / (answered + false positives); recall = correct / gold rows.
  Per type, rows count by their gold type and false positives by the grain the parser gave them.

Rows are evaluated with the reference time as "now" in UTC (rows without one use 2016-11-07T00:00,
the corpus's usual reference); numeric dates use no date order.

Calendar rows are read in their own ``tz`` and judged strictly (:mod:`calendar_scoring`): datetimes
are compared as RFC 3339 instants; a row marked ``ambiguous`` is correct only when the expression is
marked ambiguous and offers every expected reading; an ambiguous answer to an unambiguous row is
*hedged* and a date or time alone for a datetime row is *partial* (neither correct nor wrong); a
``zone_owner`` must match. ``wrong_day_part`` counts answers 12 hours off the gold clock time.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from calendar_scoring import evaluate_calendar  # noqa: E402
from datetime_corpora import all_corpora  # noqa: E402

from guards.datetimes import TemporalExpression, extract_datetimes  # noqa: E402

POINT_TYPES = ("date", "time", "datetime")
DEFAULT_REFERENCE = "2016-11-07T00:00:00"  # the corpus's usual reference time, for rows that give none


def _format(point: object) -> str | None:
    if point is None:
        return None
    if isinstance(point, datetime):
        return point.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(point, date):
        return point.isoformat()
    if isinstance(point, time):
        return point.strftime("%H:%M:%S")
    return str(point)


def _matches(expression: TemporalExpression, expected: list[dict[str, Any]]) -> bool:
    reading = expression.reading
    for gold in expected:
        if expression.grain == "duration":
            if expression.duration is not None and "value" in gold:
                try:
                    if abs(expression.duration.total_seconds() - float(gold["value"])) < 1e-6:
                        return True
                except ValueError:
                    continue
        elif "value" in gold:
            if reading.value is not None and _format(reading.value) == gold["value"]:
                return True
        elif ("start" in gold or "end" in gold) and reading.value is None:
            start_ok = _format(reading.start) == gold.get("start")
            end_ok = _format(reading.end) == gold.get("end")
            if start_ok and end_ok:
                return True
    return False


def _part_matches(expression: TemporalExpression, row: dict[str, Any]) -> bool:
    """The date (or time) part of a combined datetime against a date (or time) row."""
    value = expression.reading.value
    if not isinstance(value, datetime):
        return False
    part = value.date().isoformat() if row["type"] == "date" else value.strftime("%H:%M:%S")
    return any(gold.get("value") == part for gold in row["expected"])


def _combined(expression: TemporalExpression, row: dict[str, Any], group: list[dict[str, Any]]) -> bool:
    """``expression`` is one datetime covering this date/time row and its complement in ``group``."""
    if expression.grain != "datetime" or row["type"] not in ("date", "time"):
        return False
    other_type = "time" if row["type"] == "date" else "date"
    partners = [
        r
        for r in group
        if r["type"] == other_type
        and r.get("span_start") is not None
        and expression.span_start <= r["span_start"]
        and r["span_end"] < expression.span_end
    ]
    return any(_part_matches(expression, p) for p in partners) and _part_matches(expression, row)


def _negative(row: dict[str, Any]) -> bool:
    values = [e.get("value") for e in row["expected"]]
    return row["type"] == "none" or (bool(values) and all(v == "not resolved" for v in values))


def evaluate(
    rows: Iterable[dict[str, Any]], *, errors: int = 0, split_strict: bool = False
) -> dict[str, Any]:
    """Precision and recall of the extractor on corpus rows (overall, per type, and on point rows)."""
    rows = list(rows)
    if rows and all("tz" in row for row in rows):
        return evaluate_calendar(rows, errors=errors)
    sentences: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        sentences[(row["text"], row["reference_datetime"])].append(row)
    gold: dict[str, int] = defaultdict(int)
    answered: dict[str, int] = defaultdict(int)
    correct: dict[str, int] = defaultdict(int)
    false_positive: dict[str, int] = defaultdict(int)
    mistakes: list[dict[str, Any]] = []
    for (text, reference), group in sentences.items():
        found = extract_datetimes(text, now=datetime.fromisoformat(reference or DEFAULT_REFERENCE), tz="UTC")
        used: set[int] = set()
        for row in group:
            if _negative(row) or row.get("span_start") is None:
                continue
            kind = row["type"]
            gold[kind] += 1
            lo, hi = row["span_start"], row["span_end"] + 1
            overlaps = [(min(hi, e.span_end) - max(lo, e.span_start), i) for i, e in enumerate(found)]
            overlaps = [(size, i) for size, i in overlaps if size > 0]
            if not overlaps:
                if errors and len(mistakes) < errors:
                    mistakes.append({"text": text, "span": row["span"], "type": kind, "found": None})
                continue
            index = max(overlaps)[1]
            used.add(index)
            answered[kind] += 1
            expression = found[index]
            if _matches(expression, row["expected"]) or (
                not split_strict and _combined(expression, row, group)
            ):
                correct[kind] += 1
            elif errors and len(mistakes) < errors:
                mistakes.append(
                    {
                        "text": text,
                        "reference": reference,
                        "span": row["span"],
                        "type": kind,
                        "found": describe(expression),
                        "expected": row["expected"][:4],
                    }
                )
        spans = [
            (r["span_start"], r["span_end"] + 1)
            for r in group
            if r.get("span_start") is not None and not _negative(r)
        ]
        for i, expression in enumerate(found):
            inside_gold = any(expression.span_start < hi and expression.span_end > lo for lo, hi in spans)
            if i not in used and not inside_gold:
                false_positive[expression.grain] += 1
                if errors and len(mistakes) < errors:
                    mistakes.append({"text": text, "false_positive": describe(expression)})
    report: dict[str, Any] = {
        "convention": "recognizers-text" + (" (split strict)" if split_strict else ""),
        "rows": sum(gold.values()),
        "overall": scores(
            sum(gold.values()), sum(answered.values()), sum(correct.values()), sum(false_positive.values())
        ),
        "date_time_datetime": scores(
            sum(gold[k] for k in POINT_TYPES),
            sum(answered[k] for k in POINT_TYPES),
            sum(correct[k] for k in POINT_TYPES),
            sum(false_positive[k] for k in POINT_TYPES),
        ),
        "per_type": {
            kind: scores(gold[kind], answered[kind], correct[kind], false_positive[kind])
            for kind in sorted(set(gold) | set(false_positive))
        },
    }
    if errors:
        report["mistakes"] = mistakes
    return report


def describe(expression: TemporalExpression) -> dict[str, Any]:
    reading = expression.reading
    return {
        "text": expression.text,
        "grain": expression.grain,
        "value": _format(reading.value),
        "start": _format(reading.start),
        "end": _format(reading.end),
        "duration": expression.duration.total_seconds() if expression.duration else None,
        "ambiguous": expression.ambiguous,
    }


def scores(gold: int, answered: int, correct: int, false_positive: int) -> dict[str, Any]:
    judged = answered + false_positive
    return {
        "gold": gold,
        "answered": answered,
        "correct": correct,
        "false_positives": false_positive,
        "precision": round(correct / judged, 4) if judged else None,
        "recall": round(correct / gold, 4) if gold else None,
    }


def load_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--errors", type=int, default=0, help="also list up to N mistakes")
    parser.add_argument(
        "--split-strict", action="store_true", help="no credit for a datetime covering a date and a time row"
    )
    args = parser.parse_args()
    corpora = args.corpus or all_corpora()
    report: dict[str, Any] = {}
    for corpus in corpora:
        if not corpus.exists():
            raise SystemExit(f"corpus not found: {corpus}")
        rows = load_rows(corpus)
        report[corpus.name] = evaluate(rows, errors=args.errors, split_strict=args.split_strict)
    print(json.dumps(report[corpora[0].name] if len(corpora) == 1 else report, indent=2))


if __name__ == "__main__":
    main()
