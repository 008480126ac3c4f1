"""Windowed expansion agrees with a brute-force dateutil expansion for random rules and windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from hypothesis import example, given, settings
from hypothesis import strategies as st

from env import CalendarEnv

ENV = CalendarEnv()
ZONES = ["America/New_York", "Asia/Tokyo", "Europe/Berlin", "Australia/Sydney"]
RULES = [
    "FREQ=DAILY;COUNT=40",
    "FREQ=WEEKLY;BYDAY=MO,FR",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU",
    "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=8",
    "FREQ=HOURLY;INTERVAL=7;COUNT=60",
    "FREQ=DAILY;UNTIL=20260420T000000Z",
]


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    rule=st.sampled_from(RULES),
    start_offset_h=st.integers(0, 24 * 40),
    minutes=st.sampled_from([15, 60, 150, 24 * 60 + 30]),
    window_offset_h=st.integers(-24 * 10, 24 * 60),
    window_hours=st.integers(1, 24 * 21),
)
# A daily 02:00 New York series crosses the 2026-03-08 spring-forward gap.
@example(
    zone="America/New_York",
    rule="FREQ=DAILY;COUNT=40",
    start_offset_h=329,
    minutes=15,
    window_offset_h=0,
    window_hours=392,
)
def test_single_events_match_brute_force(
    zone: str, rule: str, start_offset_h: int, minutes: int, window_offset_h: int, window_hours: int
) -> None:
    ENV.reset()
    tz = ZoneInfo(zone)
    base = datetime(2026, 2, 20, 9, 0)
    local_start = base + timedelta(hours=start_offset_h)
    aware_start = local_start.replace(tzinfo=tz)
    # absolute duration (aware + timedelta would add wall time and lose or gain an hour at DST)
    aware_end = (aware_start.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(tz)
    created = ENV.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "summary": "Property series",
            "recurrence": [f"RRULE:{rule}"],
            "start": {"dateTime": local_start.isoformat(), "timeZone": zone},
            "end": {"dateTime": aware_end.astimezone(tz).replace(tzinfo=None).isoformat(), "timeZone": zone},
        },
    )
    assert "id" in created, created
    lo = datetime(2026, 2, 20, tzinfo=ZoneInfo("UTC")) + timedelta(hours=window_offset_h)
    hi = lo + timedelta(hours=window_hours)
    listed = ENV.call_tool(
        "events_list",
        {
            "calendarId": "primary",
            "singleEvents": True,
            "q": "Property series",
            "timeMin": lo.isoformat(),
            "timeMax": hi.isoformat(),
            "maxResults": 2500,
        },
    )
    starts = [datetime.fromisoformat(item["start"]["dateTime"]) for item in listed["items"]]
    # Every start is a real wall time in its zone: the offset shown is the zone's offset at that instant.
    assert all(start.utcoffset() == start.astimezone(tz).utcoffset() for start in starts)
    # Instants are compared in UTC: PEP 495 makes a gap time unequal to any time in another zone.
    got = sorted(start.astimezone(UTC) for start in starts)
    duration = timedelta(minutes=minutes)
    expected = []
    for start in rrulestr(f"RRULE:{rule}", dtstart=aware_start):
        if start >= hi:
            break
        if start.astimezone(UTC) + duration > lo:
            expected.append(start.astimezone(UTC))
    assert got == expected
    assert all(
        datetime.fromisoformat(i["end"]["dateTime"]) - datetime.fromisoformat(i["start"]["dateTime"])
        == duration
        for i in listed["items"]
    )


def test_series_at_the_same_instant_in_different_zones_keep_their_own_wall_clocks() -> None:
    env = CalendarEnv()
    made = {}
    for zone, wall in (("Asia/Tokyo", "09:00"), ("Australia/Sydney", "11:00")):  # both 00:00Z
        created = env.call_tool(
            "events_insert",
            {
                "calendarId": "primary",
                "summary": f"Daily {zone}",
                "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"],
                "start": {"dateTime": f"2026-02-20T{wall}:00", "timeZone": zone},
                "end": {"dateTime": f"2026-02-20T{wall[:2]}:30:00", "timeZone": zone},
            },
        )
        made[zone] = created["id"]
    for zone, wall, offset in (("Asia/Tokyo", "09:00", "+09:00"), ("Australia/Sydney", "11:00", "+11:00")):
        instances = env.call_tool("events_instances", {"calendarId": "primary", "eventId": made[zone]})
        assert [i["start"]["dateTime"] for i in instances["items"]] == [
            f"2026-02-{day}T{wall}:00{offset}" for day in (20, 21, 22)
        ]
