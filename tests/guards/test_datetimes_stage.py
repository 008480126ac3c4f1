from datetime import datetime
from zoneinfo import ZoneInfo

from guards import Guard, GuardContext, InterventionKind, load_pack
from guards.datetimes.stage import normalize_datetime_fields

NY = "America/New_York"
NOW = datetime(2026, 2, 10, 9, 0, tzinfo=ZoneInfo(NY))


def guard(**pack_changes) -> Guard:
    pack = load_pack("calendar").model_copy(update=pack_changes)
    return Guard(pack, resolve_stages=[], validate_stages=[normalize_datetime_fields])


def ctx() -> GuardContext:
    return GuardContext(now=NOW, timezone=NY)


def test_valid_rfc3339_values_pass_untouched():
    args = {
        "calendarId": "primary",
        "start": {"dateTime": "2026-02-11T09:30:00-05:00"},
        "end": {"dateTime": "2026-02-11T10:00:00Z"},
        "summary": "Sync",
    }
    verdict = guard().check("events_insert", args, ctx())
    assert verdict.passed
    assert verdict.args == args
    assert verdict.interventions == []


def test_naive_and_natural_values_are_repaired_and_recorded():
    args = {"start": {"dateTime": "2026-02-11 09:30"}, "end": {"dateTime": "tomorrow 10am"}}
    verdict = guard().check("events_insert", args, ctx())
    assert verdict.passed
    assert verdict.args["start"]["dateTime"] == "2026-02-11T09:30:00-05:00"
    assert verdict.args["end"]["dateTime"] == "2026-02-11T10:00:00-05:00"
    changes = [(i.kind, i.tool, i.field, i.before, i.after) for i in verdict.interventions]
    assert changes == [
        (
            InterventionKind.DATETIME,
            "events_insert",
            "start.dateTime",
            "2026-02-11 09:30",
            "2026-02-11T09:30:00-05:00",
        ),
        (
            InterventionKind.DATETIME,
            "events_insert",
            "end.dateTime",
            "tomorrow 10am",
            "2026-02-11T10:00:00-05:00",
        ),
    ]
    assert all(i.reason for i in verdict.interventions)
    assert args["start"]["dateTime"] == "2026-02-11 09:30"  # the caller's dict is not modified


def test_sibling_time_zone_is_used_and_kept():
    args = {"start": {"dateTime": "2026-03-10 15:00", "timeZone": "Europe/Berlin"}}
    verdict = guard().check("events_insert", args, ctx())
    assert verdict.args["start"] == {"dateTime": "2026-03-10T15:00:00+01:00", "timeZone": "Europe/Berlin"}


def test_naive_iso_with_a_time_zone_is_already_valid():
    args = {"start": {"dateTime": "2026-03-10T15:00:00", "timeZone": "Europe/Berlin"}}
    verdict = guard().check("events_insert", args, ctx())
    assert verdict.passed and verdict.args == args and verdict.interventions == []


def test_naive_iso_in_a_sibling_zone_that_skips_it_is_blocked():
    args = {"start": {"dateTime": "2026-03-29T02:30:00", "timeZone": "Europe/Berlin"}}
    verdict = guard().check("events_insert", args, ctx())
    assert verdict.blocked
    assert verdict.error["details"]["field"] == "start.dateTime"


def test_time_bounds_and_dates():
    verdict = guard().check(
        "events_list",
        {"calendarId": "primary", "timeMin": "2026-02-11T00:00:00", "timeMax": "Feb 12 at 5pm"},
        ctx(),
    )
    assert verdict.args["timeMin"] == "2026-02-11T00:00:00-05:00"
    assert verdict.args["timeMax"] == "2026-02-12T17:00:00-05:00"
    all_day = guard().check(
        "events_insert", {"start": {"date": "March 3, 2026"}, "end": {"date": "2026-03-04"}}, ctx()
    )
    assert all_day.args["start"]["date"] == "2026-03-03"
    assert [i.field for i in all_day.interventions] == ["start.date"]


def test_ambiguous_value_blocks_with_a_format_error_naming_the_field():
    verdict = guard().check("events_insert", {"start": {"dateTime": "03/04/2026 10am"}}, ctx())
    assert verdict.blocked
    error = verdict.error
    assert error["error_type"] == "format_error"
    assert error["tool_name"] == "events_insert"
    assert error["details"]["field"] == "start.dateTime"
    assert error["details"]["received"] == "03/04/2026 10am"
    assert len(error["details"]["candidates"]) >= 2


def test_pack_date_order_settles_numeric_dates():
    verdict = guard(date_order="MDY").check(
        "events_insert", {"start": {"dateTime": "02/11/2026 9:30 AM"}}, ctx()
    )
    assert verdict.passed
    assert verdict.args["start"]["dateTime"] == "2026-02-11T09:30:00-05:00"


def test_unreadable_value_blocks():
    verdict = guard().check("events_insert", {"end": {"dateTime": "whenever suits"}}, ctx())
    assert verdict.blocked
    assert verdict.error["details"]["field"] == "end.dateTime"
    assert verdict.error["details"]["example"] == "2026-02-11T15:00:00-05:00"  # tomorrow, 3pm in New York


def test_list_paths_report_concrete_indices():
    g = guard(datetimes=["slots[].at"])
    verdict = g.check("book", {"slots": [{"at": "2026-02-11T09:00:00Z"}, {"at": "tomorrow 4pm"}]}, ctx())
    assert verdict.args["slots"][1]["at"] == "2026-02-11T16:00:00-05:00"
    assert [i.field for i in verdict.interventions] == ["slots[1].at"]


def test_non_string_values_and_absent_fields_are_left_to_schema_validation():
    args = {"start": {"dateTime": 1739282400}, "summary": "x"}
    verdict = guard().check("events_insert", args, ctx())
    assert verdict.passed and verdict.args == args
