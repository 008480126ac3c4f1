"""Every field matcher, on values shaped like the environment's records."""

from __future__ import annotations

import pytest

from evals.matchers import MISSING, MatcherSpecError, first_mismatch, match_value, validate_matchers

EVENT = {
    "id": "evt1",
    "summary": "Quarterly Planning",
    "start": {"dateTime": "2026-03-10T10:00:00-04:00", "timeZone": "America/New_York"},
    "end": {"date": "2026-03-11"},
    "attendees": [{"email": "Ana@acme.com"}, {"email": "bo@acme.com", "optional": True}],
    "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4"],
    "description": None,
}


def test_literal_equality_and_missing() -> None:
    assert match_value("Quarterly Planning", EVENT["summary"])
    assert not match_value("quarterly planning", EVENT["summary"])
    assert not match_value(None, MISSING)


def test_instant_compares_instants_across_offsets() -> None:
    assert match_value({"$instant": "2026-03-10T14:00:00Z"}, "2026-03-10T10:00:00-04:00")
    assert match_value({"$instant": "2026-03-10T14:00:00+00:00"}, EVENT["start"])
    assert not match_value({"$instant": "2026-03-10T15:00:00Z"}, "2026-03-10T10:00:00-04:00")
    assert not match_value({"$instant": "2026-03-10T14:00:00Z"}, "2026-03-10T10:00:00")  # naive
    assert not match_value({"$instant": "2026-03-10T14:00:00Z"}, MISSING)


def test_contains_is_case_insensitive_substring() -> None:
    assert match_value({"$contains": "planning"}, EVENT["summary"])
    assert not match_value({"$contains": "offsite"}, EVENT["summary"])
    assert not match_value({"$contains": "x"}, 5)


def test_in_exists_len() -> None:
    assert match_value({"$in": ["reader", "writer"]}, "writer")
    assert not match_value({"$in": ["reader"]}, MISSING)
    assert match_value({"$exists": True}, "x")
    assert match_value({"$exists": False}, MISSING)
    assert match_value({"$exists": False}, None)
    assert not match_value({"$exists": True}, None)
    assert match_value({"$len": 2}, EVENT["attendees"])
    assert not match_value({"$len": 3}, EVENT["attendees"])


def test_emails_is_an_order_free_case_free_set() -> None:
    assert match_value({"$emails": ["bo@acme.com", "ana@acme.com"]}, EVENT["attendees"])
    assert not match_value({"$emails": ["ana@acme.com"]}, EVENT["attendees"])
    assert match_value({"$emails": []}, MISSING)


def test_rrule_ignores_prefix_and_part_order() -> None:
    assert match_value({"$rrule": ["COUNT=4;BYDAY=TU;FREQ=WEEKLY"]}, EVENT["recurrence"])
    assert not match_value({"$rrule": ["RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=4"]}, EVENT["recurrence"])
    assert not match_value({"$rrule": ["RRULE:FREQ=DAILY"]}, MISSING)


def test_paths_and_first_mismatch_message() -> None:
    assert (
        first_mismatch(
            {"start.dateTime": {"$instant": "2026-03-10T14:00:00Z"}, "end.date": "2026-03-11"}, EVENT
        )
        is None
    )
    message = first_mismatch({"attendees[1].optional": False}, EVENT)
    assert message == "attendees[1].optional: expected False, got True"
    assert first_mismatch({"location": "x"}, EVENT) == "location: expected 'x', got <missing>"
    assert first_mismatch({"id": "evt1"}, None) == "record is absent"
    assert first_mismatch({}, None) is None


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        ({"a": {"$nope": 1}}, "unknown matcher"),
        ({"a": {"$len": "2"}}, r"\$len needs an integer"),
        ({"a": {"$exists": 1}}, r"\$exists needs true or false"),
        ({"a": {"$in": "x"}}, r"\$in needs a list"),
        ({"a": {"$emails": "a@x"}}, r"\$emails needs a list of emails"),
        ({"a": {"$contains": "x", "$in": []}}, "exactly one"),
        ({"a..b": 1}, "bad field path"),
    ],
)
def test_bad_matcher_specs(spec: dict[str, object], error: str) -> None:
    with pytest.raises(MatcherSpecError, match=error):
        validate_matchers(spec, "fields")
