"""Issue 11's grounding property over the development calendar corpora: an agent that writes the gold
datetime of a request gets it through unchanged. A misread expression must never move a right value.

Rows are the unambiguous ``datetime`` rows of the calendar corpus and its development batches (the
held-out batches are only scored by benchmarks/datetime_eval.py); the agent books 30 minutes from the
gold instant, in the request's own words, in the writer's zone.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from guards import GuardContext, InterventionKind
from tests.guards.grounding_helpers import GUARD, insert

DATA = Path(__file__).parents[1] / "data"
# The calendar corpus and every development batch ("more"); the held-out files stay out.
FILES = ["datetime_calendar.jsonl", *sorted(p.name for p in DATA.glob("datetime_calendar_more*.jsonl"))]


def _rows() -> list[dict]:
    rows = []
    for name in FILES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            values = [e.get("value") for e in row["expected"]]
            plain = not row.get("ambiguous") and not row.get("zone_owner")
            if row["type"] == "datetime" and plain and len(values) == 1 and values[0] != "not resolved":
                rows.append(row)
    return rows


ROWS = _rows()


def test_there_are_rows_to_check():
    assert len(ROWS) >= 100


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_the_gold_datetime_is_not_moved(row):
    zone = ZoneInfo(row["tz"])
    now = datetime.fromisoformat(row["reference_datetime"]).replace(tzinfo=zone)
    start = datetime.fromisoformat(row["expected"][0]["value"])
    end = start + timedelta(minutes=30)
    ctx = GuardContext(now=now, timezone=row["tz"], user_messages=[row["text"]])
    verdict = GUARD.check("events_insert", insert(start.isoformat(), end.isoformat()), ctx)
    moved = [
        (i.field, i.before, i.after)
        for i in verdict.interventions
        if i.kind == InterventionKind.GROUNDING and i.field and i.field.startswith("start")
    ]
    assert moved == []
    if verdict.passed:
        assert datetime.fromisoformat(verdict.args["start"]["dateTime"]) == start


def test_a_day_stated_after_by_is_a_day_the_user_stated() -> None:
    """Found by more18: the return "by 17:00 on 16 Nov" was moved to the pick-up's day, 12 Nov."""
    zone = ZoneInfo("Europe/London")
    now = datetime(2026, 10, 21, 9, 10, tzinfo=zone)
    text = "Hertz pick-up 09:30 on 12 Nov at Heathrow T2, return by 17:00 on 16 Nov."
    start = datetime(2026, 11, 16, 17, 0, tzinfo=zone)
    ctx = GuardContext(now=now, timezone="Europe/London", user_messages=[text])
    verdict = GUARD.check(
        "events_insert", insert(start.isoformat(), (start + timedelta(hours=1)).isoformat()), ctx
    )
    assert [i for i in verdict.interventions if i.kind == InterventionKind.GROUNDING] == []
