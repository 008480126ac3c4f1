"""Partial visibility: busy blocks for freeBusyReader, private events, invisible calendars."""

from __future__ import annotations

from env import CalendarEnv
from tests.env.conftest import acme_calendar_id
from tests.env.worlds import OTHER, PERMISSION_WORLD, private_event, role_calendar, role_event

DETAIL_FIELDS = {"summary", "description", "location", "attendees"}


def _items(env: CalendarEnv, calendar_id: str, **extra: object) -> list[dict]:
    return env.call_tool("events_list", {"calendarId": calendar_id, **extra})["items"]


def test_free_busy_reader_sees_busy_blocks_only() -> None:
    env = CalendarEnv(world=PERMISSION_WORLD)
    items = _items(env, role_calendar("freeBusyReader"))
    assert len(items) == 2
    for item in items:
        assert not DETAIL_FIELDS & item.keys()
        assert {"id", "start", "end", "status"} <= item.keys()
    single = env.call_tool(
        "events_get", {"calendarId": role_calendar("freeBusyReader"), "eventId": role_event("freeBusyReader")}
    )
    assert "summary" not in single and single["start"] == {"dateTime": "2026-03-10T10:00:00-04:00"}


def test_free_text_search_cannot_see_hidden_titles() -> None:
    env = CalendarEnv(world=PERMISSION_WORLD)
    assert _items(env, role_calendar("freeBusyReader"), q="Roadmap") == []
    assert _items(env, role_calendar("reader"), q="Secret") == []
    assert [i["id"] for i in _items(env, role_calendar("reader"), q="roadmap")] == [role_event("reader")]
    assert [i["id"] for i in _items(env, role_calendar("writer"), q="secret")] == [private_event("writer")]


def test_reader_sees_details_except_private_events() -> None:
    env = CalendarEnv(world=PERMISSION_WORLD)
    items = {item["id"]: item for item in _items(env, role_calendar("reader"))}
    public, private = items[role_event("reader")], items[private_event("reader")]
    assert public["summary"] == "Roadmap sync reader" and public["attendees"][0]["email"] == OTHER
    assert "summary" not in private and private["visibility"] == "private"


def test_private_event_is_readable_by_its_attendee() -> None:
    args = {"calendarId": role_calendar("writer"), "eventId": private_event("writer")}
    env = CalendarEnv(world=PERMISSION_WORLD, actor=OTHER)  # reader on every calendar
    assert "summary" not in env.call_tool("events_get", args)
    env.act_as("owner@example.com")
    env.call_tool("events_patch", {**args, "attendees": [{"email": OTHER}]})
    env.act_as(OTHER)  # same episode: the invitee now sees the details
    assert env.call_tool("events_get", args)["summary"] == "Secret interview writer"


def test_writer_sees_private_details() -> None:
    env = CalendarEnv(world=PERMISSION_WORLD)
    private = env.call_tool(
        "events_get", {"calendarId": role_calendar("writer"), "eventId": private_event("writer")}
    )
    assert private["summary"] == "Secret interview writer"


def test_invisible_calendar_answers_not_found_everywhere() -> None:
    env = CalendarEnv()
    design = acme_calendar_id("Design")  # ana has no access to it
    assert design not in {
        item["id"] for item in env.call_tool("calendars_list", {"showHidden": True})["items"]
    }
    for tool, args in [
        ("calendars_get", {"calendarId": design}),
        ("events_list", {"calendarId": design}),
        ("acl_list", {"calendarId": design}),
        (
            "events_insert",
            {"calendarId": design, "start": {"date": "2026-03-10"}, "end": {"date": "2026-03-11"}},
        ),
        ("calendars_delete", {"calendarId": design}),
    ]:
        result = env.call_tool(tool, args)
        assert result["error_type"] == "not_found_error", (tool, result)
        assert result["http_status"] == 404
    unknown = env.call_tool("calendars_get", {"calendarId": "c_doesnotexist@group.calendar.acme.com"})
    assert {k: v for k, v in unknown["details"].items() if k != "value"} == {
        k: v
        for k, v in env.call_tool("calendars_get", {"calendarId": design})["details"].items()
        if k != "value"
    }


def test_acme_private_events_of_colleagues_are_busy_blocks() -> None:
    env = CalendarEnv()
    items = _items(
        env, "dana.kim@acme.com", timeMin="2026-03-10T00:00:00-07:00", timeMax="2026-03-11T00:00:00-07:00"
    )
    therapy = [item for item in items if item.get("visibility") == "private"]
    assert therapy and "summary" not in therapy[0]
    # Priya's private visa appointment lists ana as attendee, so ana (writer there anyway) sees it
    visa = _items(env, "priya.patel@acme.com", q="visa")
    assert [item["summary"] for item in visa] == ["Visa appointment"]
