from __future__ import annotations

import pytest

from agents.plan import Filter, RefError, iter_refs, parse_ref, resolve_refs

RESULTS = {
    "cals": {
        "items": [
            {"id": "c1", "summary": "Home", "scope": {"value": "ana@acme.com"}},
            {"id": "c2", "summary": "Team Sync.v2", "scope": {"value": "bo@acme.com"}, "primary": True},
        ]
    },
    "new": {"id": "evt9", "attendees": [{"email": "a@x.com"}, {"email": "b@x.com"}]},
}


def test_filters_indices_and_nested_keys_resolve() -> None:
    args = {
        "calendarId": "$cals.items[summary=Team Sync.v2].id",
        "eventId": "$new.id",
        "who": ["$new.attendees[1].email", "$cals.items[scope.value=ana@acme.com].summary"],
        "flag": "$cals.items[primary=true].id",
        "text": "costs $5",
        "count": 3,
    }
    assert resolve_refs(args, RESULTS) == {
        "calendarId": "c2",
        "eventId": "evt9",
        "who": ["b@x.com", "Home"],
        "flag": "c2",
        "text": "costs $5",
        "count": 3,
    }


def test_resolution_does_not_mutate_the_plan() -> None:
    args = {"calendarId": "$cals.items[0].id"}
    resolve_refs(args, RESULTS)
    assert args == {"calendarId": "$cals.items[0].id"}


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("$missing.id", "has no result"),
        ("$cals.items[summary=Nope].id", "no element with summary = 'Nope'"),
        ("$cals.items[5].id", r"no element \[5\]"),
        ("$new.nothing", "no key 'nothing'"),
    ],
)
def test_unresolvable_references_raise_with_the_reason(ref: str, message: str) -> None:
    with pytest.raises(RefError, match=message):
        resolve_refs({"x": ref}, RESULTS)


def test_parse_ref_exposes_filters_and_leaf() -> None:
    ref = parse_ref("$cals.items[summary=Team].id")
    assert ref is not None
    assert ref.step == "cals"
    assert ref.filters == [Filter("summary", "Team")]
    assert ref.leaf == "id"
    assert parse_ref("plain text") is None
    assert parse_ref(42) is None


def test_iter_refs_reports_argument_paths() -> None:
    args = {
        "calendarId": "$cals.items[0].id",
        "attendees": [{"email": "x@y.z"}, {"email": "$p.items[0].email"}],
    }
    assert [(path, ref.step) for path, ref in iter_refs(args)] == [
        ("calendarId", "cals"),
        ("attendees[1].email", "p"),
    ]
