"""The independent operators' building blocks: schema-read field kinds, wrong references, datetimes, keys."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

import pytest
from rapidfuzz.distance import DamerauLevenshtein

from agents.independent import datetimes, references, structure
from agents.independent.fields import ArgField, reference_fields, walk
from env import CalendarEnv
from tests.agents.conftest import TEAM


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict[str, Any]]:
    env = CalendarEnv(world="acme", actor="ana@acme.com", now="2026-03-09T09:00:00-04:00")
    return {spec.name: dict(spec.input_schema) for spec in env.tool_specs()}


def _kinds(args: dict[str, Any], schema: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    return {f.path: (f.kind, f.referent) for f in walk(args, schema)}


def test_field_kinds_are_read_from_the_tool_schemas(schemas: dict[str, dict[str, Any]]) -> None:
    insert = {
        "calendarId": TEAM,
        "summary": "Sync",
        "start": {"dateTime": "2026-03-10T15:00:00-04:00"},
        "end": {"date": "2026-03-11"},
        "attendees": [{"email": "dana.kim@acme.com"}],
    }
    kinds = _kinds(insert, schemas["events_insert"])
    assert kinds["calendarId"] == ("reference", "calendar")
    assert kinds["summary"] == ("text", None)
    assert kinds["start"] == ("object", None)
    assert kinds["start.dateTime"] == ("datetime", None)
    assert kinds["end.date"] == ("date", None)
    assert kinds["attendees"] == ("array", None)
    assert kinds["attendees[0].email"] == ("reference", "person")
    move = _kinds({"calendarId": TEAM, "eventId": "e1", "destination": "c2"}, schemas["events_move"])
    assert move["eventId"] == ("reference", "event")
    assert move["destination"] == ("reference", "calendar")  # "ID of the calendar to move the event to"
    freebusy = {"timeMin": "2026-03-10T00:00:00-04:00", "items": [{"id": "dana.kim@acme.com"}]}
    assert _kinds(freebusy, schemas["freebusy_query"])["items[0].id"] == ("reference", "calendar")
    assert _kinds({"calendarId": TEAM, "ruleId": "user:x@acme.com"}, schemas["acl_delete"])["ruleId"] == (
        "reference",
        "acl_rule",
    )
    listing = _kinds({"calendarId": TEAM, "maxResults": 10, "singleEvents": True}, schemas["events_list"])
    assert listing["maxResults"] == ("number", None) and listing["singleEvents"] == ("boolean", None)
    assert _kinds({"query": "Dana"}, schemas["users_search"])["query"] == ("text", None)


def test_a_scope_value_is_a_reference_only_for_users_and_groups(schemas: dict[str, dict[str, Any]]) -> None:
    schema = schemas["acl_insert"]
    user = {"calendarId": TEAM, "role": "reader", "scope": {"type": "user", "value": "dana.kim@acme.com"}}
    domain = {"calendarId": TEAM, "role": "reader", "scope": {"type": "domain", "value": "acme.com"}}
    assert [(f.path, f.referent) for f in reference_fields(user, schema)] == [
        ("calendarId", "calendar"),
        ("scope.value", "person"),
    ]
    assert [f.path for f in reference_fields(domain, schema)] == ["calendarId"]


def test_without_a_schema_the_field_name_decides() -> None:
    kinds = _kinds({"calendarId": "c1", "timeMin": "2026-03-10T00:00:00Z", "email": "a@b.c"}, {})
    assert kinds == {
        "calendarId": ("reference", "calendar"),
        "timeMin": ("datetime", None),
        "email": ("reference", "person"),
    }


def test_paraphrases_abbreviate_and_drop_generic_words() -> None:
    seen = {references.paraphrase("Engineering Team", "calendar", random.Random(s)) for s in range(60)}
    assert seen == {
        "the eng calendar",
        "the eng cal",
        "my engineering team calendar",
        "my engineering team cal",
        "our engineering calendar",
        "our engineering cal",
    }
    people = {references.paraphrase("Dana Kim", "person", random.Random(s)) for s in range(30)}
    assert people == {"Dana K.", "D. Kim", "Kim, Dana"}
    assert references.paraphrase("Cher", "person", random.Random(0)) is None


def test_misspellings_are_one_edit_away_and_keep_the_first_letter() -> None:
    for seed in range(40):
        typo = references.misspell("Engineering", random.Random(seed))
        assert typo is not None and typo != "Engineering" and typo[0] == "E"
        assert DamerauLevenshtein.distance(typo, "Engineering") == 1
    assert references.misspell("A", random.Random(0)) is None


def _field(value: str, referent: str, path: str = "calendarId") -> ArgField:
    return ArgField(path, path.rsplit(".", 1)[-1], "reference", {}, value, referent)  # type: ignore[arg-type]


def test_partial_names_and_first_names_for_people() -> None:
    person = _field("dana.kim@acme.com", "person", "attendees[0].email")
    partials = {references.partial(person, "Dana Kim", random.Random(s)) for s in range(30)}
    assert partials == {"dana.kim", "Kim"}
    calendar = _field(TEAM, "calendar")
    assert {references.partial(calendar, "Team Offsite", random.Random(s)) for s in range(30)} == {
        "Team",
        "Offsite",
    }
    assert references.partial(calendar, "Marketing", random.Random(0)) == "Market"
    assert references.partial(calendar, "Team", random.Random(0)) is None
    assert {
        references.first_name("Robert Stone", "robert.stone@x.com", random.Random(s)) for s in range(30)
    } == {
        "Robert",
        "Bob",
    }
    assert references.first_name(None, "lena.fischer@acme.com", random.Random(0)) == "Lena"


def test_neighbours_are_adjacent_rows_and_inventions_name_nothing() -> None:
    ids = ["a", "b", "c"]
    assert {references.neighbour("b", ids, random.Random(s)) for s in range(20)} == {"a", "c"}
    assert references.neighbour("a", ids, random.Random(0)) == "b"
    assert references.neighbour("z", ids, random.Random(0)) is None
    for seed in range(20):
        rng = random.Random(seed)
        email = references.hallucinated(_field("dana.kim@acme.com", "person"), "Dana Kim", rng)
        assert email is not None and email.startswith("dana.kim@") and not email.endswith("@acme.com")
        calendar = references.hallucinated(_field(TEAM, "calendar"), "Eng Team", rng)
        assert calendar not in (None, TEAM)
        assert calendar is not None and calendar.startswith(("cal_", "c_", "eng-team@")), calendar
        event = references.hallucinated(_field("7cfobsl6u4o8i1e79df22f29j8", "event", "eventId"), None, rng)
        assert event is not None and event != "7cfobsl6u4o8i1e79df22f29j8"


@pytest.mark.parametrize(
    ("op", "value", "expected"),
    [
        ("stale_dst_offset", "2026-03-10T15:00:00-04:00", "2026-03-10T15:00:00-05:00"),
        ("stale_dst_offset", "2026-01-15T09:30:00-05:00", "2026-01-15T09:30:00-04:00"),
        ("z_on_local_time", "2026-03-10T15:00:00-04:00", "2026-03-10T15:00:00Z"),
        ("z_on_local_time", "2026-03-10T15:00:00Z", None),  # right already: a UTC wall time
        ("missing_offset", "2026-03-10T15:00:00-04:00", "2026-03-10T15:00:00"),
        ("date_only", "2026-03-10T15:00:00-04:00", "2026-03-10"),
        ("human_datetime", "2026-03-10T15:00:00-04:00", "Tue 3pm"),
        ("human_datetime", "2026-03-10", "Tuesday"),
        ("missing_offset", "2026-03-10", None),
    ],
)
def test_datetime_rewrites(op: str, value: str, expected: str | None) -> None:
    assert datetimes.rewrite(op, value, zone="America/New_York", form=0) == expected


def test_no_stale_offset_in_a_zone_without_daylight_saving() -> None:
    assert datetimes.rewrite("stale_dst_offset", "2026-03-10T15:00:00+09:00", zone="Asia/Tokyo") is None


def test_human_forms_and_precision_variants() -> None:
    moment = "2026-03-14T15:30:00+01:00"
    forms = [datetimes.rewrite("human_datetime", moment, zone="Europe/Berlin", form=f) for f in range(5)]
    assert forms == [
        "Sat 3:30pm",
        "14.03.2026 15:30",
        "March 14, 2026 at 3:30 PM",
        "2026/03/14 15:30",
        "14 Mar 2026 15:30",
    ]
    gold = datetime.fromisoformat(moment)
    variants = [
        datetimes.rewrite("precision_variant", moment, zone="Europe/Berlin", form=f) for f in range(3)
    ]
    assert variants == [
        "2026-03-14T15:30+01:00",
        "2026-03-14T15:30:00.000+01:00",
        "2026-03-14T15:30:00.000000+01:00",
    ]
    assert all(datetime.fromisoformat(str(v)) == gold for v in variants)  # the instant is unchanged


def test_key_variants() -> None:
    assert structure.style_variants("calendarId") == [
        "calendar_id",
        "calendar-id",
        "CalendarId",
        "calendarid",
        "calendarID",
    ]
    assert structure.style_variants("summary") == []
    assert {"datetime", "date_time"} <= set(structure.nested_key_variants("dateTime"))
    assert (
        structure.as_csv([{"email": "a@x.com"}, {"email": "b@x.com", "optional": True}]) == "a@x.com, b@x.com"
    )
    assert structure.as_csv(["RRULE:FREQ=DAILY"]) == "RRULE:FREQ=DAILY"
    assert structure.as_csv([]) is None
