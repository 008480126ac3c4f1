"""No-harm regression tests: a placeholder where the user's words name the item becomes that item;
anything less certain (several named, a series, two fields of the kind) stays a blocked placeholder.
On ``world.yaml``."""

from __future__ import annotations

from typing import Any

from env import CalendarEnv
from guards import Guard, GuardContext
from tests.guards.noharm.helpers import (
    DISPATCH,
    DOMAIN,
    INES,
    KENJI,
    check,
    context,
    event,
    full_guard,
    world,
)

TOMORROW_10 = ("2026-07-15T10:00:00+01:00", "2026-07-15T10:30:00+01:00")


def _placeholder_blocked(verdict: object) -> bool:
    error = getattr(verdict, "error", None)
    fields = (error or {}).get("details", {}).get("invalid_fields") or []
    return any(f.get("reason") == "placeholder" for f in fields)


def test_an_event_placeholder_becomes_the_event_the_user_named() -> None:
    args = {"calendarId": "primary", "eventId": "<eventId>"}
    verdict = check(world(), "events_delete", args, ["Cancel the depot visit."])
    assert verdict.passed, verdict.error
    assert verdict.args["eventId"] == "nh0002dep"


def test_a_calendar_placeholder_becomes_the_calendar_the_user_named() -> None:
    args = event("your_calendar_id", *TOMORROW_10)
    words = ["Add a carrier call to the Dispatch calendar tomorrow at 10"]
    verdict = check(world(), "events_insert", args, words)
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == DISPATCH


def test_my_calendar_fills_a_calendar_placeholder_with_the_users_primary() -> None:
    args = event("{calendarId}", *TOMORROW_10)
    verdict = check(world(), "events_insert", args, ["Put a carrier call on my calendar tomorrow at 10"])
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == INES


def test_several_events_of_the_name_leave_the_placeholder_blocked() -> None:
    args = {"calendarId": "primary", "eventId": "<eventId>"}
    assert _placeholder_blocked(check(world(), "events_delete", args, ["Cancel the gate cutoff."]))


def test_a_series_the_user_named_leaves_the_placeholder_blocked() -> None:
    args = {"calendarId": "primary", "eventId": "{eventId}"}
    words = ["Cancel the dock safety briefing on Thursday."]
    assert _placeholder_blocked(check(world(), "events_delete", args, words))


def test_a_move_names_two_calendars_so_neither_placeholder_is_filled() -> None:
    args = {"calendarId": "your_calendar_id", "eventId": "nh0002dep", "destination": "your_calendar_id"}
    verdict = check(world(), "events_move", args, ["Move the depot visit to the Dispatch calendar."])
    assert _placeholder_blocked(verdict)


def test_a_persons_name_said_beside_another_calendar_fills_nothing() -> None:
    # His name names him, not his own calendar ("Jonas Berg"), beside a calendar the user named otherwise.
    args = event("{calendarId}", *TOMORROW_10)
    words = ["Add a carrier call to the loading desk calendar of Jonas Berg tomorrow at 10"]
    assert _placeholder_blocked(check(world(), "events_insert", args, words))


def test_a_read_is_never_filled_it_may_be_about_another_calendar() -> None:
    # "Move the depot visit to Dispatch" first lists the calendar the visit is on now.
    args = {"calendarId": "your_calendar_id", "q": "depot visit"}
    words = ["Move the depot visit to the Dispatch calendar."]
    assert _placeholder_blocked(check(world(), "events_list", args, words))


THERMAL = "c_thermal@group.calendar.meridian-freight.com"
HEAT_SOAK = "nh0010heat"


def _seen_heat_soak(messages: list[str]) -> tuple[Guard, GuardContext, dict[str, Any]]:
    env = world()
    ctx = context(env, messages)
    args = {"calendarId": THERMAL, "q": "heat soak"}
    listing = env.call_tool("events_list", args)
    ctx.observe("events_list", args, listing)
    (soak,) = [e for e in listing["items"] if e["id"] == HEAT_SOAK]
    return full_guard(env), ctx, soak


def test_a_calendar_placeholder_beside_an_event_the_agent_read_becomes_that_events_calendar() -> None:
    guard, ctx, _ = _seen_heat_soak(["Cancel the reefer heat soak on Thursday."])
    for tool in ("events_delete", "events_get"):  # a read is about the same event: filled too
        verdict = guard.check(tool, {"calendarId": "{calendarId}", "eventId": HEAT_SOAK}, ctx)
        assert verdict.passed, verdict.error
        assert verdict.args["calendarId"] == THERMAL


def test_an_event_seen_under_two_calendars_leaves_the_placeholder_blocked() -> None:
    guard, ctx, soak = _seen_heat_soak(["Cancel the reefer heat soak on Thursday."])
    copy_args = {"calendarId": DISPATCH, "eventId": HEAT_SOAK}
    ctx.observe("events_get", copy_args, {**soak, "calendarId": DISPATCH})  # an attendee's copy
    verdict = guard.check("events_delete", {"calendarId": "{calendarId}", "eventId": HEAT_SOAK}, ctx)
    assert _placeholder_blocked(verdict)


def test_an_event_id_nobody_read_leaves_the_calendar_placeholder_blocked() -> None:
    args = {"calendarId": "{calendarId}", "eventId": HEAT_SOAK}
    assert _placeholder_blocked(check(world(), "events_delete", args, ["Cancel the reefer heat soak."]))


def _shared_thermal() -> CalendarEnv:
    env = world()
    for person, role in ((KENJI, "reader"), (f"priya.raman@{DOMAIN}", "writer")):
        rule = {"calendarId": THERMAL, "role": role, "scope": {"type": "user", "value": person}}
        assert env.call_tool("acl_insert", rule).get("ok") is not False
    return env


def test_a_rule_placeholder_becomes_the_rule_of_the_person_the_user_named_in_full() -> None:
    args = {"calendarId": THERMAL, "ruleId": "{ruleId}"}
    words = ["Remove Kenji Mori's access to the Thermal Testing calendar."]
    verdict = check(_shared_thermal(), "acl_delete", args, words)
    assert verdict.passed, verdict.error
    assert verdict.args["ruleId"] == f"user:{KENJI}"
    first_name_only = ["Remove Kenji's access to the Thermal Testing calendar."]
    assert _placeholder_blocked(check(_shared_thermal(), "acl_delete", args, first_name_only))


def test_a_read_of_who_a_calendar_is_shared_with_fills_the_calendar_the_user_named() -> None:
    words = ["Who can see the Thermal Testing calendar?"]
    verdict = check(world(), "acl_list", {"calendarId": "your_calendar_id"}, words)
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == THERMAL
    # A listing of events may be of another calendar than the one named (a move's source): blocked.
    listing = {"calendarId": "your_calendar_id", "q": "heat soak"}
    assert _placeholder_blocked(check(world(), "events_list", listing, words))


def test_the_day_and_time_said_single_out_one_of_several_same_named_events() -> None:
    args = {"calendarId": "primary", "eventId": "<eventId>"}
    verdict = check(world(), "events_delete", args, ["Cancel Friday's 10.30am gate cutoff."])
    assert verdict.passed, verdict.error
    assert verdict.args["eventId"] == "nh0012gate"
    for words in ("Cancel Friday's gate cutoff.", "Cancel the 10:30 gate cutoff."):  # two, three of them
        assert _placeholder_blocked(check(world(), "events_delete", args, [words])), words


def test_a_day_said_for_a_move_may_be_the_new_one_so_it_singles_out_nothing() -> None:
    args = {
        "calendarId": "primary",
        "eventId": "<eventId>",
        "start": {"dateTime": "2026-07-20T10:30:00+01:00"},
        "end": {"dateTime": "2026-07-20T10:45:00+01:00"},
    }
    verdict = check(world(), "events_patch", args, ["Move the gate cutoff to Monday at 10.30am."])
    assert _placeholder_blocked(verdict)


def test_a_calendar_named_in_full_where_the_event_goes_fills_the_placeholder() -> None:
    args = event("your_calendar_id", *TOMORROW_10)
    verdict = check(world(), "events_insert", args, ["Add a carrier call to Dispatch tomorrow at 10"])
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == DISPATCH


def test_a_calendar_named_in_full_where_the_event_is_taken_from_fills_the_placeholder() -> None:
    args = {"calendarId": "your_calendar_id", "eventId": "Reefer heat soak"}
    verdict = check(world(), "events_delete", args, ["Remove the reefer heat soak from Thermal Testing."])
    assert verdict.passed, verdict.error
    assert verdict.args == {"calendarId": THERMAL, "eventId": HEAT_SOAK}


def test_a_calendar_name_inside_what_the_event_is_about_fills_nothing_of_it() -> None:
    args = event("your_calendar_id", *TOMORROW_10)
    verdict = check(world(), "events_insert", args, ["Put the Dispatch review on my calendar tomorrow at 10"])
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == INES  # "my calendar", not the Dispatch calendar


def test_a_persons_name_where_the_event_goes_fills_no_calendar() -> None:
    args = event("your_calendar_id", *TOMORROW_10)
    words = ["Send a carrier call to Kenji Mori tomorrow at 10"]
    assert _placeholder_blocked(check(world(), "events_insert", args, words))


def test_a_moves_destination_placeholder_is_the_named_calendar_the_source_is_not() -> None:
    args = {"calendarId": INES, "eventId": "nh0002dep", "destination": "<calendarId>"}
    words = ["Move the depot visit from my calendar to the Dispatch calendar."]
    verdict = check(world(), "events_move", args, words)
    assert verdict.passed, verdict.error
    assert verdict.args["destination"] == DISPATCH


def test_a_moves_source_placeholder_is_left_to_what_the_agent_read() -> None:
    args = {"calendarId": "<calendarId>", "eventId": "nh0002dep", "destination": DISPATCH}
    words = ["Move the depot visit from my calendar to the Dispatch calendar."]
    assert _placeholder_blocked(check(world(), "events_move", args, words))


def test_a_placeholder_after_the_calendar_the_episode_created_is_that_calendar() -> None:
    env = world()
    words = ["Create a new calendar called 'Summer School', share it with Kenji Mori as a writer."]
    ctx = context(env, words)
    created = env.call_tool("calendars_insert", {"summary": "Summer School"})
    ctx.observe("calendars_insert", {"summary": "Summer School"}, created)
    args = {"calendarId": "{calendarId}", "role": "writer", "scope": {"type": "user", "value": KENJI}}
    verdict = full_guard(env).check("acl_insert", args, ctx)
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == created["id"]


def test_a_new_event_whose_user_names_no_calendar_goes_on_their_own() -> None:
    args = event("your_calendar_id", *TOMORROW_10, summary="Berth plan")
    verdict = check(world(), "events_insert", args, ["Book 'Berth plan' with Kenji Mori tomorrow at 10"])
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == "primary"
    for words in (
        "Book 'Berth plan' on Fleet tomorrow at 10",  # a word of Fleet Ops: maybe that calendar
        "Book 'Berth plan' on the shared calendar tomorrow at 10",  # a calendar, which one unsaid
    ):
        assert _placeholder_blocked(check(world(), "events_insert", args, [words])), words
    edit = {"calendarId": "your_calendar_id", "eventId": "nh0002dep", "summary": "Depot visit (moved)"}
    assert _placeholder_blocked(check(world(), "events_patch", edit, ["Rename the depot visit."]))


def test_a_quoted_calendar_name_beside_the_word_calendar_names_it() -> None:
    args = event("your_calendar_id", *TOMORROW_10)
    words = ["Put a carrier call on the 'Dispatch' calendar tomorrow at 10"]
    verdict = check(world(), "events_insert", args, words)
    assert verdict.passed, verdict.error
    assert verdict.args["calendarId"] == DISPATCH
