"""A real event ID sent with the wrong calendar gets an error naming the calendar to fix."""

from __future__ import annotations

from env import CalendarEnv
from guards import Guard, GuardContext, load_pack


def setup() -> tuple[CalendarEnv, Guard, GuardContext, dict[str, str]]:
    env = CalendarEnv()  # acme, acting as ana@acme.com
    guard = Guard(load_pack("calendar"), {s.name: s.input_schema for s in env.tool_specs()})
    ctx = GuardContext(
        now=env.now,
        timezone=env.timezone,
        lookup=env.call_tool,
        actor=env.actor,
        user_messages=["Cancel the sprint demo this Friday."],
    )
    calendars = {c["summary"]: c["id"] for c in env.call_tool("calendars_list", {})["items"]}
    return env, guard, ctx, calendars


def observe_sprint_demo(env: CalendarEnv, ctx: GuardContext, team: str) -> str:
    args = {
        "calendarId": team,
        "q": "Sprint Demo",
        "timeMin": "2026-03-13T00:00:00-04:00",
        "timeMax": "2026-03-14T00:00:00-04:00",
    }
    listing = env.call_tool("events_list", args)
    ctx.observe("events_list", args, listing)
    (demo,) = [e for e in listing["items"] if e["summary"] == "Sprint Demo"]
    return str(demo["id"])


def test_an_event_seen_on_another_calendar_names_the_calendar_to_fix() -> None:
    env, guard, ctx, calendars = setup()
    team, offsite = calendars["Team"], calendars["Team Offsite"]
    demo = observe_sprint_demo(env, ctx, team)
    before = env.snapshot()

    verdict = guard.check("events_delete", {"calendarId": offsite, "eventId": demo}, ctx)

    assert verdict.error is not None
    assert verdict.error["error_type"] == "not_found_error"
    assert verdict.error["details"]["field"] == "calendarId"
    assert verdict.error["details"]["value"] == offsite
    assert verdict.error["details"]["expected"] == team
    assert "Sprint Demo" in verdict.error["message"]
    assert env.diff(before, env.snapshot()).changes == []  # nothing was sent


def test_the_same_event_on_its_own_calendar_passes() -> None:
    env, guard, ctx, calendars = setup()
    demo = observe_sprint_demo(env, ctx, calendars["Team"])
    verdict = guard.check("events_delete", {"calendarId": calendars["Team"], "eventId": demo}, ctx)
    assert verdict.passed, verdict.error
    assert verdict.args == {"calendarId": calendars["Team"], "eventId": demo}


def test_an_id_never_seen_keeps_the_plain_not_found_error() -> None:
    _env, guard, ctx, calendars = setup()
    verdict = guard.check(
        "events_delete", {"calendarId": calendars["Team Offsite"], "eventId": "6879abe6c384eaa26ad0de44"}, ctx
    )
    assert verdict.error is not None
    assert verdict.error["error_type"] == "not_found_error"
    assert verdict.error["details"]["field"] == "eventId"


def test_the_calendar_it_was_seen_on_is_advised_when_the_user_named_no_other() -> None:
    env, guard, ctx, calendars = setup()
    demo = observe_sprint_demo(env, ctx, calendars["Team"])
    verdict = guard.check("events_delete", {"calendarId": calendars["Team Offsite"], "eventId": demo}, ctx)
    assert verdict.error is not None
    assert verdict.error["details"]["use_value"] == calendars["Team"]


def test_no_advice_when_the_user_named_the_calendar_the_agent_sent() -> None:
    env, guard, ctx, calendars = setup()
    ctx.user_messages = ["Cancel the sprint demo on the Team Offsite calendar this Friday."]
    demo = observe_sprint_demo(env, ctx, calendars["Team"])
    verdict = guard.check("events_delete", {"calendarId": calendars["Team Offsite"], "eventId": demo}, ctx)
    assert verdict.error is not None
    assert verdict.error["details"]["expected"] == calendars["Team"]  # still says where it was seen
    assert "use_value" not in verdict.error["details"]


def test_no_advice_when_the_agents_calendar_has_an_event_of_the_same_name() -> None:
    env, guard, ctx, calendars = setup()
    offsite = calendars["Team Offsite"]
    env.call_tool(
        "events_insert",
        {
            "calendarId": offsite,
            "summary": "Sprint Demo",
            "start": {"dateTime": "2026-03-13T15:00:00-04:00"},
            "end": {"dateTime": "2026-03-13T16:00:00-04:00"},
        },
    )
    demo = observe_sprint_demo(env, ctx, calendars["Team"])
    verdict = guard.check("events_delete", {"calendarId": offsite, "eventId": demo}, ctx)
    assert verdict.error is not None
    assert verdict.error["details"]["field"] == "calendarId"
    assert "use_value" not in verdict.error["details"]


def test_no_advice_when_the_user_said_my_calendar_and_the_agent_sent_it() -> None:
    env, guard, ctx, calendars = setup()
    ctx.user_messages = ["Cancel the sprint demo on my calendar this Friday."]
    demo = observe_sprint_demo(env, ctx, calendars["Team"])
    verdict = guard.check("events_delete", {"calendarId": "primary", "eventId": demo}, ctx)
    assert verdict.error is not None
    assert "use_value" not in verdict.error["details"]
