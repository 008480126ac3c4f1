"""The text fallback on the JSON real models write: comments, trailing commas, single quotes, Python
literals, unquoted keys, a missing closing brace, Qwen's <tool_call> tags — and prose that is no call."""

from __future__ import annotations

import json
from typing import Any

import pytest

from agents.textcalls import parse_text_tool_calls, without_call_text

SCOPE = {"type": "user", "value": "p@x.com"}
ODD_JSON = [
    (
        'I\'ll list them.\n```json\n{"name": "events_list", "arguments": {\n'
        '  "calendarId": "primary", // the user\'s own calendar\n  "q": "Sync",\n}}\n```',
        [("events_list", {"calendarId": "primary", "q": "Sync"})],
    ),
    ("{'name': 'users_search', 'arguments': {'query': 'Priya'}}", [("users_search", {"query": "Priya"})]),
    (
        '<tool_call>\n{"name": "calendars_list", "arguments": {}}\n</tool_call>',
        [("calendars_list", {})],
    ),
    (
        '<tool_call>\n{"name": "acl_insert", "arguments": {"calendarId": "c1", "role": "reader", '
        '"scope": {"type": "user", "value": "p@x.com"}}}',  # cut off before </tool_call> and a brace
        [("acl_insert", {"calendarId": "c1", "role": "reader", "scope": SCOPE})],
    ),
    (
        '{"name": "events_patch", "arguments": {"sendUpdates": True, "location": None}}',
        [("events_patch", {"sendUpdates": True, "location": None})],
    ),
    (
        '{name: "events_get", arguments: {calendarId: "primary", eventId: "e1"}}',
        [("events_get", {"calendarId": "primary", "eventId": "e1"})],
    ),
    (
        '{"name": "events_delete", "arguments": {"calendarId": "primary", /* c */ "eventId": "e1"}}',
        [("events_delete", {"calendarId": "primary", "eventId": "e1"})],
    ),
    (
        'First the calendars.\n<tool_call>\n{"name": "calendars_list", "arguments": {}}\n</tool_call>\n'
        '<tool_call>\n{"name": "users_search", "arguments": {"query": "Dana"}}\n</tool_call>',
        [("calendars_list", {}), ("users_search", {"query": "Dana"})],
    ),
    (
        '{"name": "settings_get", "arguments": "{\'setting\': \'timezone\'}"}',
        [("settings_get", {"setting": "timezone"})],
    ),
    (
        'I\'ll do it: {"name": "users_search", "arguments": {"query": "O\'Brien"}}',
        [("users_search", {"query": "O'Brien"})],
    ),
]

# Qwen2.5-Coder-1.5B behind llama-cpp-python --chat_format chatml-function-calling, which HTML-escapes
# the prompt: the model copied the escaping into its own call (verbatim reply, temperature 0).
ESCAPED_REPLY = (
    '```json\n{&#34;name&#34;: &#34;events_insert&#34;, &#34;arguments&#34;: {\n  "calendarId": "primary",\n'
    '  "start": { "dateTime": "2026-03-10T14:00:00-04:00" },\n'
    '  "end": { "dateTime": "2026-03-10T14:30:00-04:00" },'
    '\n  "summary": "Team Sync",\n  "description": "Syncing team data with the calendar.",\n'
    '  "visibility": "private"\n}}\n```'
)
ODD_JSON.append(
    (
        ESCAPED_REPLY,
        [
            (
                "events_insert",
                {
                    "calendarId": "primary",
                    "start": {"dateTime": "2026-03-10T14:00:00-04:00"},
                    "end": {"dateTime": "2026-03-10T14:30:00-04:00"},
                    "summary": "Team Sync",
                    "description": "Syncing team data with the calendar.",
                    "visibility": "private",
                },
            )
        ],
    )
)

NOT_CALLS = [
    "Sure, your meeting {at 3pm} is booked.",
    '{"summary": "Sync", "start": "tomorrow"}',
    "The calendars are: [Team, Ops].",
    "",
    "I could not find a calendar named 'Team'.",
]


@pytest.mark.parametrize(("text", "expected"), ODD_JSON)
def test_odd_json_is_read(text: str, expected: list[tuple[str, dict[str, Any]]]) -> None:
    calls = parse_text_tool_calls(text)
    assert [(c["name"], c["args"]) for c in calls] == expected
    assert all(c["id"] for c in calls)


@pytest.mark.parametrize("text", NOT_CALLS)
def test_prose_is_not_a_call(text: str) -> None:
    assert parse_text_tool_calls(text) == []


def test_well_formed_calls_are_read_strictly_first() -> None:
    # strict JSON wins: the repairing parser never sees (or rewrites) a valid object
    text = '{"name": "events_list", "arguments": {"q": "a // not a comment, b"}}'
    assert parse_text_tool_calls(text)[0]["args"] == {"q": "a // not a comment, b"}


def test_without_call_text_keeps_only_the_prose() -> None:
    text = 'Looking it up.\n<tool_call>\n{"name": "calendars_list", "arguments": {}}\n</tool_call>'
    assert without_call_text(text) == "Looking it up."
    assert without_call_text('{"name": "calendars_list", "arguments": {}}') == ""


def recorded_text_calls() -> list[tuple[str, list[tuple[str, dict[str, Any]]]]]:
    """(reply text, calls) of every shipped real-model turn whose calls were read from its text."""
    from agents.replay import load_recordings
    from evals.report.real import RECORDINGS_DIR

    found: list[tuple[str, list[tuple[str, dict[str, Any]]]]] = []
    for path in sorted(RECORDINGS_DIR.glob("*/*.jsonl")):
        for line in load_recordings(path):
            for message in line.ai_messages():
                if message.tool_calls and message.text:
                    found.append((str(message.text), [(c["name"], c["args"]) for c in message.tool_calls]))
    return found


def test_real_replies_parse_to_the_calls_that_were_executed() -> None:
    replies = recorded_text_calls()
    assert len(replies) >= 10
    for text, calls in replies:
        assert [(c["name"], c["args"]) for c in parse_text_tool_calls(text)] == calls
    # some of them are not JSON at all (the 1.5B model comments its arguments with //)
    strict_failures = 0
    for text, _ in replies:
        body = text.split("```json", 1)[-1].rsplit("```", 1)[0]
        try:
            json.loads(body)
        except ValueError:
            strict_failures += 1
    assert strict_failures >= 1
