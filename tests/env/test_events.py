"""Event tools: insert, get, list (window, search, order, paging, deleted), patch, update, delete, move."""

from __future__ import annotations

from env import CalendarEnv
from tests.env.conftest import calendar_id

TIMED = {"start": {"dateTime": "2026-03-10T10:00:00-04:00"}, "end": {"dateTime": "2026-03-10T11:00:00-04:00"}}
DAY = {"timeMin": "2026-03-10T00:00:00-04:00", "timeMax": "2026-03-11T00:00:00-04:00"}


def test_insert_full_event_and_get_it_back(env: CalendarEnv) -> None:
    created = env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "summary": "Design sync",
            "description": "Agenda",
            "location": "Room 4A",
            **TIMED,
            "attendees": [{"email": "dana.kim@acme.com", "optional": True}],
            "visibility": "private",
            "transparency": "transparent",
            "reminders": {"useDefault": False, "overrides": [{"method": "popup", "minutes": 10}]},
        },
    )
    assert created["attendees"] == [
        {"email": "dana.kim@acme.com", "optional": True, "responseStatus": "needsAction"}
    ]
    assert created["organizer"] == {"email": "ana@acme.com", "displayName": "Ana Lopez"}
    assert created["creator"] == {"email": "ana@acme.com"} and created["status"] == "confirmed"
    assert created["created"] == created["updated"] == "2026-03-09T09:00:00-04:00"
    fetched = env.call_tool("events_get", {"calendarId": "ana@acme.com", "eventId": created["id"]})
    assert fetched == created


def test_insert_all_day_and_timezone_local_time(env: CalendarEnv) -> None:
    all_day = env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "summary": "Holiday",
            "start": {"date": "2026-03-12"},
            "end": {"date": "2026-03-13"},
        },
    )
    assert all_day["start"] == {"date": "2026-03-12"}
    local = env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "summary": "Tokyo call",
            "start": {"dateTime": "2026-03-12T09:00:00", "timeZone": "Asia/Tokyo"},
            "end": {"dateTime": "2026-03-12T10:00:00", "timeZone": "Asia/Tokyo"},
        },
    )
    # 09:00 Tokyo is 20:00 the previous day in New York (EDT)
    found = env.call_tool(
        "events_list",
        {
            "calendarId": "primary",
            "timeMin": "2026-03-11T19:30:00-04:00",
            "timeMax": "2026-03-11T20:30:00-04:00",
            "q": "Tokyo",
        },
    )
    assert [item["id"] for item in found["items"]] == [local["id"]]
    days = env.call_tool(
        "events_list",
        {
            "calendarId": "primary",
            "timeMin": "2026-03-12T12:00:00-04:00",
            "timeMax": "2026-03-12T13:00:00-04:00",
            "q": "Holiday",
        },
    )
    assert [item["id"] for item in days["items"]] == [all_day["id"]]


def test_list_window_search_order_and_paging(env: CalendarEnv) -> None:
    ids = []
    for hour in (15, 11, 13):
        made = env.call_tool(
            "events_insert",
            {
                "calendarId": "primary",
                "summary": f"Paging test {hour}",
                "start": {"dateTime": f"2026-03-10T{hour}:00:00-04:00"},
                "end": {"dateTime": f"2026-03-10T{hour}:30:00-04:00"},
            },
        )
        ids.append(made["id"])
    listed = env.call_tool(
        "events_list",
        {"calendarId": "primary", **DAY, "q": "paging test", "singleEvents": True, "orderBy": "startTime"},
    )
    assert [item["summary"] for item in listed["items"]] == [
        "Paging test 11",
        "Paging test 13",
        "Paging test 15",
    ]
    assert listed["accessRole"] == "owner" and listed["timeZone"] == "America/New_York"
    by_update = env.call_tool(
        "events_list", {"calendarId": "primary", **DAY, "q": "paging", "orderBy": "updated"}
    )
    assert [item["id"] for item in by_update["items"]] == ids
    first = env.call_tool("events_list", {"calendarId": "primary", **DAY, "q": "paging", "maxResults": 2})
    assert len(first["items"]) == 2 and first["nextPageToken"]
    second = env.call_tool(
        "events_list",
        {"calendarId": "primary", **DAY, "q": "paging", "maxResults": 2, "pageToken": first["nextPageToken"]},
    )
    assert len(second["items"]) == 1 and "nextPageToken" not in second
    assert {i["id"] for i in first["items"] + second["items"]} == set(ids)
    foreign = env.call_tool("events_list", {"calendarId": "primary", "pageToken": "bogus"})
    assert foreign["error_type"] == "validation_error"
    other_listing = env.call_tool(
        "events_list", {"calendarId": calendar_id(env, "Team Offsite"), "pageToken": first["nextPageToken"]}
    )
    assert other_listing["error_type"] == "validation_error"


def test_patch_changes_only_given_fields(env: CalendarEnv) -> None:
    created = env.call_tool(
        "events_insert", {"calendarId": "primary", "summary": "Before", "location": "Here", **TIMED}
    )
    patched = env.call_tool(
        "events_patch",
        {
            "calendarId": "primary",
            "eventId": created["id"],
            "summary": "After",
            "end": {"dateTime": "2026-03-10T12:00:00-04:00"},
        },
    )
    assert patched["summary"] == "After" and patched["location"] == "Here"
    assert patched["start"] == TIMED["start"] and patched["end"] == {"dateTime": "2026-03-10T12:00:00-04:00"}
    assert (
        patched["sequence"] == 1
        and patched["id"] == created["id"]
        and patched["created"] == created["created"]
    )
    bad = env.call_tool(
        "events_patch",
        {"calendarId": "primary", "eventId": created["id"], "end": {"dateTime": "2026-03-10T09:00:00-04:00"}},
    )
    assert bad["error_type"] == "validation_error"


def test_update_replaces_the_whole_event(env: CalendarEnv) -> None:
    created = env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "summary": "Old",
            "location": "Here",
            "attendees": [{"email": "dana.kim@acme.com"}],
            **TIMED,
        },
    )
    updated = env.call_tool(
        "events_update",
        {
            "calendarId": "primary",
            "eventId": created["id"],
            "summary": "New",
            "start": {"date": "2026-03-11"},
            "end": {"date": "2026-03-12"},
        },
    )
    assert updated["summary"] == "New" and "location" not in updated and "attendees" not in updated
    assert updated["start"] == {"date": "2026-03-11"} and updated["organizer"] == created["organizer"]
    missing = env.call_tool(
        "events_update", {"calendarId": "primary", "eventId": created["id"], "summary": "x"}
    )
    assert sorted(missing["details"]["missing_required_fields"]) == ["end", "start"]


def test_delete_cancels_and_hides_unless_show_deleted(env: CalendarEnv) -> None:
    created = env.call_tool("events_insert", {"calendarId": "primary", "summary": "Doomed", **TIMED})
    deleted = env.call_tool("events_delete", {"calendarId": "primary", "eventId": created["id"]})
    assert deleted == {
        "kind": "calendar#event",
        "id": created["id"],
        "calendarId": "ana@acme.com",
        "status": "cancelled",
    }
    assert env.call_tool("events_list", {"calendarId": "primary", **DAY, "q": "doomed"})["items"] == []
    shown = env.call_tool("events_list", {"calendarId": "primary", **DAY, "q": "doomed", "showDeleted": True})
    assert [item["status"] for item in shown["items"]] == ["cancelled"]
    again = env.call_tool("events_delete", {"calendarId": "primary", "eventId": created["id"]})
    assert again["error_type"] == "not_found_error" and again["http_status"] == 410
    assert env.snapshot().get(f"event:{created['id']}")["status"] == "cancelled"  # type: ignore[index]


def test_acme_cancelled_events_are_hidden_by_default(env: CalendarEnv) -> None:
    team = calendar_id(env, "Team")
    visible = env.call_tool("events_list", {"calendarId": team, "q": "Q1 Planning"})["items"]
    assert visible == []
    hidden = env.call_tool("events_list", {"calendarId": team, "q": "Q1 Planning", "showDeleted": True})[
        "items"
    ]
    assert [item["status"] for item in hidden] == ["cancelled"]


def test_move_between_calendars(env: CalendarEnv) -> None:
    offsite = calendar_id(env, "Team Offsite")
    created = env.call_tool("events_insert", {"calendarId": "primary", "summary": "Flights", **TIMED})
    moved = env.call_tool(
        "events_move", {"calendarId": "primary", "eventId": created["id"], "destination": offsite}
    )
    assert moved["calendarId"] == offsite and moved["organizer"]["email"] == offsite
    assert (
        env.call_tool("events_get", {"calendarId": offsite, "eventId": created["id"]})["summary"] == "Flights"
    )
    assert env.call_tool("events_get", {"calendarId": "primary", "eventId": created["id"]})["error_type"] == (
        "not_found_error"
    )


def test_event_ids_are_per_calendar(env: CalendarEnv) -> None:
    created = env.call_tool("events_insert", {"calendarId": "primary", **TIMED})
    wrong = env.call_tool("events_get", {"calendarId": calendar_id(env, "Team"), "eventId": created["id"]})
    assert wrong["error_type"] == "not_found_error"


def test_freebusy_merges_and_skips_transparent(env: CalendarEnv) -> None:
    env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "start": {"dateTime": "2026-03-10T11:00:00-04:00"},
            "end": {"dateTime": "2026-03-10T12:00:00-04:00"},
        },
    )
    env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "start": {"dateTime": "2026-03-10T11:30:00-04:00"},
            "end": {"dateTime": "2026-03-10T12:30:00-04:00"},
        },
    )
    env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "transparency": "transparent",
            "start": {"dateTime": "2026-03-10T14:00:00-04:00"},
            "end": {"dateTime": "2026-03-10T15:00:00-04:00"},
        },
    )
    result = env.call_tool(
        "freebusy_query",
        {
            "timeMin": "2026-03-10T11:15:00-04:00",
            "timeMax": "2026-03-10T16:00:00-04:00",
            "timeZone": "America/New_York",
            "items": [{"id": "primary"}],
        },
    )
    assert result["calendars"]["primary"]["busy"] == [
        {"start": "2026-03-10T11:15:00-04:00", "end": "2026-03-10T12:30:00-04:00"},
    ]
    zone = env.call_tool("freebusy_query", {**DAY, "items": [{"id": "primary"}], "timeZone": "Mars/Olympus"})
    assert zone["error_type"] == "format_error"


def test_users_search_and_settings(env: CalendarEnv) -> None:
    danas = env.call_tool("users_search", {"query": "Dana"})["items"]
    assert [person["displayName"] for person in danas] == ["Dana Kim", "Dana Reyes"]
    assert env.call_tool("users_search", {"query": "dana reyes"})["items"] == [
        {"email": "dana.reyes@acme.com", "displayName": "Dana Reyes", "timeZone": "America/New_York"}
    ]
    assert (
        env.call_tool("users_search", {"query": "kenji.sato@acme.com"})["items"][0]["timeZone"]
        == "Asia/Tokyo"
    )
    assert env.call_tool("users_search", {"query": "nobody"})["items"] == []
    assert len(env.call_tool("users_search", {"query": "acme.com", "maxResults": 3})["items"]) == 3
    assert env.call_tool("settings_get", {"setting": "timezone"})["value"] == "America/New_York"
    env.reset(actor="kenji.sato@acme.com")
    assert env.call_tool("settings_get", {"setting": "timezone"})["value"] == "Asia/Tokyo"


def test_a_malformed_event_id_is_refused_with_an_example_that_is_itself_valid(env: CalendarEnv) -> None:
    from env.events_core import EVENT_ID_RE

    event = {
        "calendarId": "primary",
        "summary": "x",
        "start": {"dateTime": "2026-03-10T14:00:00-04:00"},
        "end": {"dateTime": "2026-03-10T15:00:00-04:00"},
    }
    refused = env.call_tool("events_insert", {**event, "id": "team-sync"})
    assert refused["error_type"] == "format_error"
    example = refused["details"]["example"]
    assert EVENT_ID_RE.match(example), example  # an agent copies the example: it must be accepted
    accepted = env.call_tool("events_insert", {**event, "id": example})
    assert accepted.get("id") == example, accepted
