"""events_list pages (SQL filters, keyset paging, lazy series) against a naive reference listing."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

import pytest

from env import CalendarEnv, event_streams
from env.generator import generate_world
from tests.env.listing_reference import Query, list_all_pages, reference_listing

WORLD = generate_world(users=6, calendars=3, events=150, seed=5, primary_events=140, recurring=0.25)
DEFAULT_BUDGET = event_streams.SCAN_BUDGET
WINDOWS = {
    "none": {},
    "week": {"timeMin": "2026-03-09T00:00:00-04:00", "timeMax": "2026-03-16T00:00:00-04:00"},
    "from": {"timeMin": "2026-03-20T00:00:00-04:00"},
    "until": {"timeMax": "2026-02-25T00:00:00-05:00"},
}


def _epoch(text: str | None, default: float) -> float:
    return datetime.fromisoformat(text).timestamp() if text else default


def _query(calendar_id: str, args: dict[str, Any]) -> Query:
    return Query(
        calendar_id,
        lo=_epoch(args.get("timeMin"), float("-inf")),
        hi=_epoch(args.get("timeMax"), float("inf")),
        single=bool(args.get("singleEvents")),
        show_deleted=bool(args.get("showDeleted")),
        q=args.get("q"),
        by_updated=args.get("orderBy") == "updated",
        updated_min=_epoch(args.get("updatedMin"), 0.0) if "updatedMin" in args else None,
        ical_uid=args.get("iCalUID"),
    )


@pytest.fixture(scope="module")
def edited() -> CalendarEnv:
    """The world after an episode of edits: moved and cancelled occurrences, deleted series, new events."""
    env = CalendarEnv(world=WORLD)
    series = [e for e in WORLD["events"] if e.get("recurrence") and e["calendarId"] == env.actor]
    env.now = "2026-03-12T08:00:00-04:00"
    for index, master in enumerate(series[:12]):
        instances = env.call_tool("events_instances", {"calendarId": "primary", "eventId": master["id"]})[
            "items"
        ]
        if len(instances) < 3:
            continue
        moved = instances[1]
        start = datetime.fromisoformat(
            moved["start"].get("dateTime") or moved["start"]["date"] + "T09:00:00+00:00"
        )
        shifted = start.replace(day=min(start.day + 2, 28))
        if "dateTime" in moved["start"]:
            patch = {
                "start": {"dateTime": shifted.isoformat()},
                "end": {"dateTime": shifted.replace(hour=23).isoformat()},
            }
            result = env.call_tool("events_patch", {"calendarId": "primary", "eventId": moved["id"], **patch})
            assert result.get("ok") is not False, result
        env.call_tool("events_delete", {"calendarId": "primary", "eventId": instances[2]["id"]})
        if index % 4 == 3:
            env.call_tool("events_delete", {"calendarId": "primary", "eventId": master["id"]})
        if index % 4 == 1:
            env.call_tool(
                "events_patch",
                {"calendarId": "primary", "eventId": master["id"], "summary": "Renamed series"},
            )
    for hour in range(8, 18):
        made = env.call_tool(
            "events_insert",
            {
                "calendarId": "primary",
                "summary": f"Session event {hour}",
                "description": "zyzzyva notes" if hour % 3 == 0 else "",
                "start": {"dateTime": f"2026-03-11T{hour:02d}:00:00-04:00"},
                "end": {"dateTime": f"2026-03-11T{hour:02d}:45:00-04:00"},
            },
        )
        assert made.get("ok") is not False, made
    for days, start in ((20, "2026-02-25"), (70, "2026-01-10"), (400, "2025-06-01")):  # one per length class
        end = (datetime.fromisoformat(start) + timedelta(days=days)).date().isoformat()
        long = {
            "calendarId": "primary",
            "summary": f"Long {days}",
            "start": {"date": start},
            "end": {"date": end},
        }
        assert env.call_tool("events_insert", long).get("ok") is not False
    one_off = next(e for e in WORLD["events"] if e["calendarId"] == env.actor and not e.get("recurrence"))
    env.call_tool("events_delete", {"calendarId": "primary", "eventId": one_off["id"]})
    return env


def _combinations() -> list[dict[str, Any]]:
    """Every window x mode x order, each with two of the text and deletion settings in turn."""
    texts = itertools.cycle(
        [
            (None, False),
            ("review", True),
            ("an", False),
            ("zyzzyva", True),
            (None, True),
            ("session ev", False),
        ]
    )
    combos = []
    for window, single, order in itertools.product(WINDOWS, (False, True), (None, "startTime", "updated")):
        if order == "startTime" and not single:
            continue
        for _ in range(2):
            q, deleted = next(texts)
            args: dict[str, Any] = {**WINDOWS[window], "singleEvents": single, "showDeleted": deleted}
            if order:
                args["orderBy"] = order
            if q:
                args["q"] = q
            combos.append(args)
    return combos


@pytest.mark.parametrize("budget", [DEFAULT_BUDGET, 3])
def test_every_page_of_every_query_matches_the_reference(
    edited: CalendarEnv, budget: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A budget of 3 makes free-text listings switch to the FTS5 index after three rows.
    monkeypatch.setattr(event_streams, "SCAN_BUDGET", budget)
    for args in _combinations():
        if budget != DEFAULT_BUDGET and "q" not in args:
            continue  # the budget only matters to free-text listings
        # small pages inside windows; without timeMax series run two years, so pages are bigger
        page_size = 7 if "timeMax" in args or not args["singleEvents"] else 90
        got = list_all_pages(edited, {"calendarId": "primary", **args}, page_size=page_size)
        expected = reference_listing(edited, _query(edited.actor, args))
        assert [item["id"] for item in got] == [item["id"] for item in expected], args
        assert got == expected, args


def test_shared_calendars_list_what_their_role_shows(edited: CalendarEnv) -> None:
    roles = {item["id"]: item["accessRole"] for item in edited.call_tool("calendars_list", {})["items"]}
    checked = set()
    for calendar_id, role in roles.items():
        if role in checked or calendar_id == edited.actor:
            continue
        checked.add(role)
        for args in ({}, {"singleEvents": True, **WINDOWS["week"]}, {"q": "review"}, {"orderBy": "updated"}):
            got = list_all_pages(edited, {"calendarId": calendar_id, **args}, page_size=5)
            assert got == reference_listing(edited, _query(calendar_id, args)), (role, args)
    assert "freeBusyReader" in checked and "reader" in checked


def test_updated_min_lists_what_changed_since_including_deletions(edited: CalendarEnv) -> None:
    since = {"updatedMin": "2026-03-12T08:00:00-04:00"}
    got = list_all_pages(edited, {"calendarId": "primary", **since}, page_size=4)
    assert got == reference_listing(edited, _query(edited.actor, since))
    statuses = {item["status"] for item in got}
    assert statuses == {"confirmed", "cancelled"}  # deleted since then: listed without showDeleted
    assert all(item["updated"] >= "2026-03-12T08:00:00-04:00" for item in got)
    before = edited.call_tool("events_list", {"calendarId": "primary", "updatedMin": "2030-01-01T00:00:00Z"})
    assert before["items"] == []
    bad = edited.call_tool("events_list", {"calendarId": "primary", "updatedMin": "yesterday"})
    assert bad["error_type"] == "format_error" and bad["details"]["field"] == "updatedMin"


def test_ical_uid_finds_one_event_and_its_occurrences(edited: CalendarEnv) -> None:
    series = next(e for e in WORLD["events"] if e.get("recurrence") and e["calendarId"] == edited.actor)
    uid = edited.call_tool("events_get", {"calendarId": "primary", "eventId": series["id"]})["iCalUID"]
    plain = edited.call_tool("events_list", {"calendarId": "primary", "iCalUID": uid})
    # the series and its changed occurrences (stored rows of their own), not other events
    assert plain["items"] == reference_listing(edited, _query(edited.actor, {"iCalUID": uid}))
    assert plain["items"][0]["id"] == series["id"]
    assert {item.get("recurringEventId", series["id"]) for item in plain["items"]} == {series["id"]}
    expanded = list_all_pages(
        edited,
        {"calendarId": "primary", "iCalUID": uid, "singleEvents": True, **WINDOWS["week"]},
        page_size=3,
    )
    assert expanded == reference_listing(
        edited, _query(edited.actor, {"iCalUID": uid, "singleEvents": True, **WINDOWS["week"]})
    )
    assert all(item["iCalUID"] == uid for item in expanded)


def test_time_zone_sets_the_zone_of_the_response(edited: CalendarEnv) -> None:
    listed = edited.call_tool(
        "events_list", {"calendarId": "primary", "timeZone": "Asia/Tokyo", "maxResults": 1}
    )
    assert listed["timeZone"] == "Asia/Tokyo"
    default = edited.call_tool("events_list", {"calendarId": "primary", "maxResults": 1})
    assert default["timeZone"] == edited.call_tool("calendars_get", {"calendarId": "primary"})["timeZone"]
    bad = edited.call_tool("events_list", {"calendarId": "primary", "timeZone": "Mars/Olympus"})
    assert bad["error_type"] == "format_error" and bad["details"]["field"] == "timeZone"


def test_pages_neither_repeat_nor_skip_while_the_calendar_changes() -> None:
    env = CalendarEnv(world=WORLD)
    args = {"calendarId": "primary", "singleEvents": True, "orderBy": "startTime", **WINDOWS["week"]}
    first = env.call_tool("events_list", {**args, "maxResults": 10})
    early = env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "summary": "Written before the cursor",
            "start": {"dateTime": "2026-03-09T00:01:00-04:00"},
            "end": {"dateTime": "2026-03-09T00:30:00-04:00"},
        },
    )
    late = env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "summary": "Written after the cursor",
            "start": {"dateTime": "2026-03-15T23:00:00-04:00"},
            "end": {"dateTime": "2026-03-15T23:30:00-04:00"},
        },
    )
    rest = []
    token = first["nextPageToken"]
    while token:
        page = env.call_tool("events_list", {**args, "maxResults": 10, "pageToken": token})
        rest += page["items"]
        token = page.get("nextPageToken")
    ids = [item["id"] for item in first["items"] + rest]
    assert len(ids) == len(set(ids))
    assert late["id"] in ids and early["id"] not in ids
    everything = reference_listing(env, _query(env.actor, args))
    assert [i for i in ids] == [item["id"] for item in everything if item["id"] != early["id"]]


def test_a_token_only_continues_its_own_query() -> None:
    env = CalendarEnv(world=WORLD)
    page = env.call_tool("events_list", {"calendarId": "primary", "q": "review", "maxResults": 2})
    token = page["nextPageToken"]
    for other in ({"q": "planning"}, {"orderBy": "updated"}, {"singleEvents": True}, {"showDeleted": True}):
        refused = env.call_tool(
            "events_list", {"calendarId": "primary", "maxResults": 2, "pageToken": token, **other}
        )
        assert (
            refused["error_type"] == "validation_error"
            and refused["details"]["invalid_fields"][0]["field"] == "pageToken"
        )
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert (
        env.call_tool("events_list", {"calendarId": "primary", "q": "review", "pageToken": tampered})["ok"]
        is False
    )
    same = env.call_tool(
        "events_list", {"calendarId": "primary", "q": "review", "maxResults": 2, "pageToken": token}
    )
    assert same["items"] and {i["id"] for i in same["items"]}.isdisjoint({i["id"] for i in page["items"]})


def test_instances_pages_match_the_single_events_listing_of_the_series(edited: CalendarEnv) -> None:
    for master in [e for e in WORLD["events"] if e.get("recurrence") and e["calendarId"] == edited.actor][:6]:
        instances: list[dict[str, Any]] = []
        token = None
        while True:
            page = edited.call_tool(
                "events_instances",
                {
                    "calendarId": "primary",
                    "eventId": master["id"],
                    "maxResults": 4,
                    **WINDOWS["week"],
                    **({"pageToken": token} if token else {}),
                },
            )
            if page.get("ok") is False:  # a deleted series answers as the listing does: nothing
                break
            instances += page["items"]
            token = page.get("nextPageToken")
            if not token:
                break
        listed = reference_listing(edited, _query(edited.actor, {"singleEvents": True, **WINDOWS["week"]}))
        ours = [item for item in listed if item.get("recurringEventId") == master["id"]]
        assert instances == ours, master["id"]


def test_search_finds_the_sessions_own_rows_and_forgets_rewritten_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(event_streams, "SCAN_BUDGET", 2)  # past the scan at once: index lookups only
    env = CalendarEnv(world=WORLD)
    made = env.call_tool(
        "events_insert",
        {
            "calendarId": "primary",
            "summary": "Quokka briefing",
            "start": {"dateTime": "2026-03-10T10:00:00-04:00"},
            "end": {"dateTime": "2026-03-10T10:30:00-04:00"},
        },
    )
    found = env.call_tool("events_list", {"calendarId": "primary", "q": "quokka"})
    assert [item["id"] for item in found["items"]] == [made["id"]]
    env.call_tool(
        "events_patch", {"calendarId": "primary", "eventId": made["id"], "summary": "Wombat briefing"}
    )
    assert env.call_tool("events_list", {"calendarId": "primary", "q": "quokka"})["items"] == []
    assert [
        i["id"] for i in env.call_tool("events_list", {"calendarId": "primary", "q": "wombat"})["items"]
    ] == [made["id"]]
    env.reset()
    assert env.call_tool("events_list", {"calendarId": "primary", "q": "wombat"})["items"] == []


def test_a_window_lists_an_event_longer_than_the_others_of_its_length_class() -> None:
    # A new calendar holds no template rows: its window probes start as early as the longest event
    # the session wrote there, and a 20-hour event written after a half-hour one must be found
    # from a window starting 18 hours into it.
    env = CalendarEnv(world=WORLD)
    calendar = env.call_tool("calendars_insert", {"summary": "Marathons"})["id"]
    short = {"start": "2026-03-12T09:00:00-04:00", "end": "2026-03-12T09:30:00-04:00"}
    long = {"start": "2026-03-11T20:00:00-04:00", "end": "2026-03-12T16:00:00-04:00"}
    made = {}
    for name, times in (("short", short), ("long", long)):
        made[name] = env.call_tool(
            "events_insert",
            {
                "calendarId": calendar,
                "summary": f"Marathon {name}",
                "start": {"dateTime": times["start"]},
                "end": {"dateTime": times["end"]},
            },
        )["id"]
    window = {"timeMin": "2026-03-12T14:00:00-04:00", "timeMax": "2026-03-12T15:00:00-04:00"}
    for single in (False, True):
        args = {"calendarId": calendar, **window, "singleEvents": single}
        got = list_all_pages(env, args, page_size=3)
        assert [item["id"] for item in got] == [made["long"]]
        assert got == reference_listing(env, _query(calendar, {**window, "singleEvents": single}))


def test_a_search_for_rare_words_skips_the_scan_and_finds_rows_past_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Few rows hold the words, so the listing asks the indexes at once; the rows it must find lie
    # far past where an ordered scan of this budget would have stopped.
    monkeypatch.setattr(event_streams, "SCAN_BUDGET", 4)
    env = CalendarEnv(world=WORLD)
    made = []
    for day in range(20, 28):
        made.append(
            env.call_tool(
                "events_insert",
                {
                    "calendarId": "primary",
                    "summary": f"Filler {day}" if day % 4 else f"Numbat review {day}",
                    "start": {"dateTime": f"2026-05-{day}T10:00:00-04:00"},
                    "end": {"dateTime": f"2026-05-{day}T10:30:00-04:00"},
                },
            )
        )
    executed: list[str] = []
    env.session.conn.set_trace_callback(executed.append)
    found = list_all_pages(env, {"calendarId": "primary", "q": "numbat REVIEW"}, page_size=1)
    env.session.conn.set_trace_callback(None)
    assert [item["id"] for item in found] == [e["id"] for e in made if "Numbat" in e["summary"]]
    assert not any("CASE WHEN" in statement for statement in executed)  # no ordered scan
    assert found == reference_listing(env, _query(env.actor, {"q": "numbat REVIEW"}))
