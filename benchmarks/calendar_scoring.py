"""Strict scoring for the calendar corpora (rows with a ``tz``); see tests/data/README.md.

Each sentence is read in its row's zone with its reference time as "now". For every gold row the
best-overlapping extracted expression is judged:

* **correct**: unambiguous gold, an unambiguous expression whose preferred reading equals an expected
  reading; ambiguous gold (``"ambiguous": true``), an expression marked ambiguous that offers every
  expected reading. A gold ``zone_owner`` must be the expression's ``zone_owner`` (and none means none).
* **hedged**: unambiguous gold, an ambiguous expression one of whose readings is right. Not wrong (a
  consumer that must not guess asks), not correct.
* **partial**: a date or a time alone where the gold is a datetime, agreeing with it. Not wrong, not
  correct.
* **wrong**: anything else, including an unambiguous answer to an ambiguous row (a silent guess).

Expressions on ``none`` / ``not resolved`` rows, or overlapping no gold row, are false positives.
precision = correct / (correct + wrong + false positives); recall = correct / gold rows.
``wrong_day_part`` counts answers whose clock time is 12 hours off the gold's.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from guards.datetimes import Reading, TemporalExpression, extract_datetimes


def format_point(point: object) -> str | None:
    if point is None:
        return None
    if isinstance(point, datetime):
        return point.isoformat(timespec="seconds")
    if isinstance(point, date):
        return point.isoformat()
    if isinstance(point, time):
        return point.replace(tzinfo=None).isoformat(timespec="seconds")
    return str(point)


def _key(reading: Reading, expression: TemporalExpression) -> tuple[str | None, ...]:
    if expression.grain == "duration":
        seconds = expression.duration.total_seconds() if expression.duration else None
        return (str(int(seconds)) if seconds is not None else None,)
    if reading.value is not None:
        return (format_point(reading.value),)
    return (format_point(reading.start), format_point(reading.end))


def _gold_key(gold: dict[str, Any]) -> tuple[str | None, ...]:
    if "value" in gold:
        return (gold["value"],)
    return (gold.get("start"), gold.get("end"))


def _negative(row: dict[str, Any]) -> bool:
    values = [e.get("value") for e in row["expected"]]
    return row["type"] == "none" or (bool(values) and all(v == "not resolved" for v in values))


def _partial(expression: TemporalExpression, row: dict[str, Any]) -> bool:
    value = expression.reading.value
    if row["type"] != "datetime" or expression.ambiguous or value is None or isinstance(value, datetime):
        return False
    for gold in row["expected"]:
        whole = datetime.fromisoformat(gold["value"])
        if value == whole.date() or (isinstance(value, time) and value == whole.time().replace(tzinfo=None)):
            return True
    return False


def _clock(text: str | None) -> time | None:
    if not text:
        return None
    try:
        if "T" in text:
            return datetime.fromisoformat(text).time().replace(tzinfo=None)
        return time.fromisoformat(text)
    except ValueError:
        return None


def _wrong_day_part(expression: TemporalExpression, row: dict[str, Any]) -> bool:
    """The answer's clock time is the gold's shifted by 12 hours (morning for evening, or back)."""
    found = _clock(_key(expression.reading, expression)[0])
    golds = [_clock(_gold_key(g)[0]) for g in row["expected"]]
    golds = [g for g in golds if g is not None]
    if found is None or not golds or found in golds:
        return False
    twelve = timedelta(hours=12)
    shifted = {(datetime.combine(date(2000, 1, 1), g) + twelve).time() for g in golds}
    return found in shifted


def _judge(expression: TemporalExpression, row: dict[str, Any]) -> str:
    owner_ok = expression.zone_owner == row.get("zone_owner")
    expected = {_gold_key(g) for g in row["expected"]}
    offered = {_key(r, expression) for r in expression.readings}
    if row.get("ambiguous"):
        return "correct" if expression.ambiguous and expected <= offered and owner_ok else "wrong"
    preferred = _key(expression.reading, expression)
    if not expression.ambiguous and preferred in expected and owner_ok:
        return "correct"
    if expression.ambiguous and expected & offered:
        return "hedged"
    if _partial(expression, row):
        return "partial"
    return "wrong"


def evaluate_calendar(rows: list[dict[str, Any]], *, errors: int = 0) -> dict[str, Any]:
    sentences: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        sentences[(row["text"], row["reference_datetime"], row["tz"])].append(row)
    counts: dict[str, int] = defaultdict(int)
    per_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    mistakes: list[dict[str, Any]] = []
    for (text, reference, tz), group in sentences.items():
        now = datetime.fromisoformat(reference).replace(tzinfo=ZoneInfo(tz))
        found = extract_datetimes(text, now=now, tz=tz)
        used: set[int] = set()
        gold_spans: list[tuple[int, int]] = []
        for row in group:
            if _negative(row):
                continue
            lo, hi = row["span_start"], row["span_end"] + 1
            gold_spans.append((lo, hi))
            counts["gold"] += 1
            per_type[row["type"]]["gold"] += 1
            overlaps = [(min(hi, e.span_end) - max(lo, e.span_start), i) for i, e in enumerate(found)]
            overlaps = [(size, i) for size, i in overlaps if size > 0]
            if not overlaps:
                counts["missed"] += 1
                if errors and len(mistakes) < errors:
                    mistakes.append({"text": text, "span": row["span"], "verdict": "missed"})
                continue
            index = max(overlaps)[1]
            used.add(index)
            verdict = _judge(found[index], row)
            counts[verdict] += 1
            per_type[row["type"]][verdict] += 1
            if verdict == "wrong" and _wrong_day_part(found[index], row):
                counts["wrong_day_part"] += 1
            if verdict != "correct" and errors and len(mistakes) < errors:
                mistakes.append(
                    {
                        "text": text,
                        "span": row["span"],
                        "verdict": verdict,
                        "found": _show(found[index]),
                        "expected": row["expected"],
                        "ambiguous": bool(row.get("ambiguous")),
                    }
                )
        for i, expression in enumerate(found):
            inside = any(expression.span_start < hi and expression.span_end > lo for lo, hi in gold_spans)
            if i not in used and not inside:
                counts["false_positives"] += 1
                per_type[expression.grain]["false_positives"] += 1
                if errors and len(mistakes) < errors:
                    mistakes.append({"text": text, "verdict": "false positive", "found": _show(expression)})
    report: dict[str, Any] = {"convention": "calendar", **_scores(counts)}
    report["per_type"] = {kind: _scores(c) for kind, c in sorted(per_type.items())}
    if errors:
        report["mistakes"] = mistakes
    return report


def _scores(counts: dict[str, int]) -> dict[str, Any]:
    judged = counts["correct"] + counts["wrong"] + counts["false_positives"]
    keys = ("gold", "correct", "wrong", "hedged", "partial", "missed", "false_positives")
    result: dict[str, Any] = {key: counts[key] for key in keys}
    if "wrong_day_part" in counts or "gold" in counts:
        result["wrong_day_part"] = counts["wrong_day_part"]
    result["precision"] = round(counts["correct"] / judged, 4) if judged else None
    result["recall"] = round(counts["correct"] / counts["gold"], 4) if counts["gold"] else None
    return result


def _show(expression: TemporalExpression) -> dict[str, Any]:
    return {
        "text": expression.text,
        "grain": expression.grain,
        "readings": [list(_key(r, expression)) for r in expression.readings][:4],
        "ambiguous": expression.ambiguous,
        "zone": expression.zone,
        "zone_owner": expression.zone_owner,
    }
