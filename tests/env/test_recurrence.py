"""Recurring events: expansion, EXDATE, COUNT, exceptions, instance edits, and DST wall-clock time."""

from __future__ import annotations

from env import CalendarEnv
from tests.env.conftest import calendar_id

NY = "America/New_York"


def _weekly(env: CalendarEnv, summary: str, start: str, end: str, tz: str, rule: str) -> dict:
    return env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "summary": summary,
            "recurrence": [rule],
            "start": {"dateTime": start, "timeZone": tz},
            "end": {"dateTime": end, "timeZone": tz},
        },
    )


def test_new_york_weekly_event_keeps_wall_clock_across_dst(env: CalendarEnv) -> None:
    series = _weekly(
        env, "Weekly review", "2026-03-02T09:00:00", "2026-03-02T10:00:00", NY, "RRULE:FREQ=WEEKLY;COUNT=3"
    )
    instances = env.call_tool("events_instances", {"calendarId": "primary", "eventId": series["id"]})["items"]
    assert [item["start"]["dateTime"] for item in instances] == [
        "2026-03-02T09:00:00-05:00",  # EST
        "2026-03-09T09:00:00-04:00",  # EDT after the 2026-03-08 switch: still 09:00 local
        "2026-03-16T09:00:00-04:00",
    ]
    assert [item["end"]["dateTime"] for item in instances][1] == "2026-03-09T10:00:00-04:00"
    assert [item["id"] for item in instances] == [
        f"{series['id']}_20260302T140000Z",
        f"{series['id']}_20260309T130000Z",
        f"{series['id']}_20260316T130000Z",
    ]
    assert all(item["recurringEventId"] == series["id"] for item in instances)
    assert instances[1]["originalStartTime"] == {"dateTime": "2026-03-09T09:00:00-04:00", "timeZone": NY}


def test_tokyo_series_has_no_dst_shift_but_moves_in_new_york(env: CalendarEnv) -> None:
    series = _weekly(
        env,
        "Tokyo sync",
        "2026-03-02T10:00:00",
        "2026-03-02T10:30:00",
        "Asia/Tokyo",
        "RRULE:FREQ=WEEKLY;COUNT=2",
    )
    starts = [
        item["start"]["dateTime"]
        for item in env.call_tool("events_instances", {"calendarId": "primary", "eventId": series["id"]})[
            "items"
        ]
    ]
    assert starts == ["2026-03-02T10:00:00+09:00", "2026-03-09T10:00:00+09:00"]
    busy = env.call_tool(
        "freebusy_query",
        {
            "timeMin": "2026-03-01T00:00:00-05:00",
            "timeMax": "2026-03-10T00:00:00-04:00",
            "timeZone": NY,
            "items": [{"id": "primary"}],
        },
    )["calendars"]["primary"]["busy"]
    # 10:00 Tokyo is 20:00 EST before the switch and 21:00 EDT after it
    assert {"start": "2026-03-01T20:00:00-05:00", "end": "2026-03-01T20:30:00-05:00"} in busy
    assert {"start": "2026-03-08T21:00:00-04:00", "end": "2026-03-08T21:30:00-04:00"} in busy


def test_single_events_expansion_respects_the_window(env: CalendarEnv) -> None:
    team = calendar_id(env, "Team")
    week = env.call_tool(
        "events_list",
        {
            "calendarId": team,
            "q": "standup",
            "singleEvents": True,
            "orderBy": "startTime",
            "timeMin": "2026-03-09T00:00:00-04:00",
            "timeMax": "2026-03-14T00:00:00-04:00",
        },
    )["items"]
    # Mon-Fri standups; Wednesday moved to 10:30, Friday cancelled (exceptions in the acme world)
    assert [(item["start"]["dateTime"], item["summary"]) for item in week] == [
        ("2026-03-09T09:30:00-04:00", "Team Standup"),
        ("2026-03-10T09:30:00-04:00", "Team Standup"),
        ("2026-03-11T10:30:00-04:00", "Team Standup (moved for all-hands)"),
        ("2026-03-12T09:30:00-04:00", "Team Standup"),
    ]
    collapsed = env.call_tool(
        "events_list",
        {
            "calendarId": team,
            "q": "standup",
            "timeMin": "2026-03-09T00:00:00-04:00",
            "timeMax": "2026-03-14T00:00:00-04:00",
        },
    )["items"]
    assert [item.get("recurrence") for item in collapsed if "recurringEventId" not in item] == [
        ["RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"]
    ]
    with_deleted = env.call_tool(
        "events_list",
        {
            "calendarId": team,
            "q": "standup",
            "singleEvents": True,
            "showDeleted": True,
            "timeMin": "2026-03-13T00:00:00-04:00",
            "timeMax": "2026-03-14T00:00:00-04:00",
        },
    )["items"]
    assert [item["status"] for item in with_deleted] == ["cancelled"]


def test_exdate_skips_an_occurrence(env: CalendarEnv) -> None:
    items = env.call_tool(
        "events_list",
        {
            "calendarId": "primary",
            "q": "Ana / Priya",
            "singleEvents": True,
            "orderBy": "startTime",
            "timeMin": "2026-03-09T00:00:00-04:00",
            "timeMax": "2026-03-31T00:00:00-04:00",
        },
    )["items"]
    days = [item["start"]["dateTime"][:10] for item in items]
    assert days == ["2026-03-10", "2026-03-24"]  # 2026-03-17 is excluded by EXDATE


def test_count_bounds_the_series_and_all_day_monthly_rules(env: CalendarEnv) -> None:
    leadership = calendar_id(env, "Leadership")
    series = env.call_tool("events_list", {"calendarId": leadership, "q": "Leadership Sync"})["items"][0]
    instances = env.call_tool(
        "events_instances", {"calendarId": leadership, "eventId": series["id"], "maxResults": 2500}
    )["items"]
    assert len(instances) == 20 and instances[-1]["start"]["dateTime"].startswith("2026-05-18")
    later = env.call_tool(
        "events_list",
        {
            "calendarId": leadership,
            "q": "Leadership Sync",
            "singleEvents": True,
            "timeMin": "2026-06-01T00:00:00Z",
            "timeMax": "2026-07-01T00:00:00Z",
        },
    )
    assert later["items"] == []


def test_all_day_monthly_series_on_the_last_day(env: CalendarEnv) -> None:
    env.reset(actor="marco.rossi@acme.com")  # reader on Finance
    finance = calendar_id(env, "Finance")
    items = env.call_tool(
        "events_list",
        {
            "calendarId": finance,
            "q": "Month-end",
            "singleEvents": True,
            "orderBy": "startTime",
            "timeMin": "2026-02-01T12:00:00Z",
            "timeMax": "2026-05-01T00:00:00Z",
        },
    )["items"]
    assert [(item["start"], item["end"]) for item in items] == [
        ({"date": "2026-02-28"}, {"date": "2026-03-01"}),
        ({"date": "2026-03-31"}, {"date": "2026-04-01"}),
        ({"date": "2026-04-30"}, {"date": "2026-05-01"}),
    ]
    assert items[1]["id"].endswith("_20260331")


def test_patch_and_delete_single_instances(env: CalendarEnv) -> None:
    series = _weekly(
        env, "Sync", "2026-03-02T15:00:00", "2026-03-02T15:30:00", NY, "RRULE:FREQ=WEEKLY;COUNT=4"
    )
    instances = env.call_tool("events_instances", {"calendarId": "primary", "eventId": series["id"]})["items"]
    moved = env.call_tool(
        "events_patch",
        {
            "calendarId": "primary",
            "eventId": instances[1]["id"],
            "start": {"dateTime": "2026-03-10T16:00:00-04:00"},
            "end": {"dateTime": "2026-03-10T16:30:00-04:00"},
        },
    )
    assert moved["recurringEventId"] == series["id"] and moved["id"] == instances[1]["id"]
    env.call_tool("events_delete", {"calendarId": "primary", "eventId": instances[2]["id"]})
    after = env.call_tool("events_instances", {"calendarId": "primary", "eventId": series["id"]})["items"]
    assert [item["start"]["dateTime"] for item in after] == [
        "2026-03-02T15:00:00-05:00",
        "2026-03-10T16:00:00-04:00",
        "2026-03-23T15:00:00-04:00",
    ]
    assert env.call_tool("events_get", {"calendarId": "primary", "eventId": instances[2]["id"]})[
        "status"
    ] == ("cancelled")
    own_rule = env.call_tool(
        "events_patch",
        {"calendarId": "primary", "eventId": instances[0]["id"], "recurrence": ["RRULE:FREQ=DAILY"]},
    )
    assert own_rule["error_type"] == "validation_error"
    move = env.call_tool(
        "events_move",
        {"calendarId": "primary", "eventId": instances[0]["id"], "destination": calendar_id(env, "Team")},
    )
    assert move["error_type"] == "precondition_error"


def test_patching_the_series_changes_every_instance(env: CalendarEnv) -> None:
    series = _weekly(
        env, "Old name", "2026-03-02T15:00:00", "2026-03-02T15:30:00", NY, "RRULE:FREQ=WEEKLY;COUNT=3"
    )
    env.call_tool("events_patch", {"calendarId": "primary", "eventId": series["id"], "summary": "New name"})
    names = {
        item["summary"]
        for item in env.call_tool("events_instances", {"calendarId": "primary", "eventId": series["id"]})[
            "items"
        ]
    }
    assert names == {"New name"}


def test_instance_ids_that_are_not_occurrences_are_not_found(env: CalendarEnv) -> None:
    series = _weekly(
        env, "Sync", "2026-03-02T15:00:00", "2026-03-02T15:30:00", NY, "RRULE:FREQ=WEEKLY;COUNT=2"
    )
    for suffix in ("20260303T200000Z", "garbage", "20260316T190000Z"):
        result = env.call_tool("events_get", {"calendarId": "primary", "eventId": f"{series['id']}_{suffix}"})
        assert result["error_type"] == "not_found_error", suffix


def test_unbounded_series_without_time_max_is_capped(env: CalendarEnv) -> None:
    series = _weekly(env, "Forever", "2026-03-02T08:00:00", "2026-03-02T08:15:00", NY, "RRULE:FREQ=DAILY")
    items = env.call_tool(
        "events_instances", {"calendarId": "primary", "eventId": series["id"], "maxResults": 2500}
    )["items"]
    assert 700 < len(items) <= 731
    assert items[0]["start"]["dateTime"] == "2026-03-02T08:00:00-05:00"


def test_instance_moved_into_a_window_without_other_occurrences(env: CalendarEnv) -> None:
    series = _weekly(
        env, "Monthly-ish", "2026-03-02T15:00:00", "2026-03-02T15:30:00", NY, "RRULE:FREQ=WEEKLY;COUNT=2"
    )
    first = env.call_tool("events_instances", {"calendarId": "primary", "eventId": series["id"]})["items"][0]
    env.call_tool(
        "events_patch",
        {
            "calendarId": "primary",
            "eventId": first["id"],
            "start": {"dateTime": "2026-04-20T15:00:00-04:00"},
            "end": {"dateTime": "2026-04-20T15:30:00-04:00"},
        },
    )
    window = {"timeMin": "2026-04-20T00:00:00-04:00", "timeMax": "2026-04-21T00:00:00-04:00"}
    items = env.call_tool("events_list", {"calendarId": "primary", "singleEvents": True, **window})["items"]
    assert [item["id"] for item in items if item.get("recurringEventId") == series["id"]] == [first["id"]]
    old_day = env.call_tool(
        "events_list",
        {
            "calendarId": "primary",
            "singleEvents": True,
            "q": "Monthly-ish",
            "timeMin": "2026-03-02T00:00:00-05:00",
            "timeMax": "2026-03-03T00:00:00-05:00",
        },
    )["items"]
    assert old_day == []
