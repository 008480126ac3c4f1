"""Property: whatever the acting user and the reference, the resolver reveals nothing the user can't see.

Every ID it resolves to, and every ID/name in an ``ambiguous_reference`` candidate list or a
``not_found_error`` suggestion list, must be visible to the acting user according to the env itself
(``calendars_get`` / ``events_get`` as that user), and names must be the names that user sees.
References are drawn from *all* names in the world, including those of invisible calendars/events.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from env import CalendarEnv
from guards.errors import is_error_payload
from tests.guards.resolve_helpers import WORLD, context, resolver_guard

WORLDS = ("acme", WORLD)
ENVS = {world: CalendarEnv(world=world) for world in WORLDS}
SNAPSHOTS = {world: env.snapshot() for world, env in ENVS.items()}


def records(world: str, prefix: str) -> list[dict[str, Any]]:
    return [r for k, r in sorted(SNAPSHOTS[world].records.items()) if k.startswith(prefix)]


def noisy(name: str, how: str) -> str:
    words = name.split()
    if how == "possessive":
        return f"my {name}'s calendar"
    if how == "case":
        return name.upper()
    if how == "plural":
        return name + "s"
    if how == "order" and len(words) > 1:
        return " ".join(reversed(words))
    if how == "typo" and len(name) > 5:
        return name[:2] + name[3:]
    if how == "first_word" and words:
        return words[0]
    return name


NOISE = st.sampled_from(["none", "possessive", "case", "plural", "order", "typo", "first_word"])


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[str, str, str, str]:
    world = draw(st.sampled_from(WORLDS))
    actor = draw(st.sampled_from([u["email"] for u in records(world, "user:")]))
    kind = draw(st.sampled_from(["calendar", "person", "event"]))
    pool = {
        "calendar": [c["summary"] for c in records(world, "calendar:")],
        "person": [u["displayName"] for u in records(world, "user:")],
        "event": [e.get("summary", "") or "event" for e in records(world, "event:")],
    }[kind]
    base = draw(st.sampled_from(pool) | st.text(alphabet="abcdefghij ", min_size=1, max_size=12))
    return world, actor, kind, noisy(base, draw(NOISE))


def calendar_visible(env: CalendarEnv, calendar_id: str) -> bool:
    return not is_error_payload(env.call_tool("calendars_get", {"calendarId": calendar_id}))


def listed_ids(error: dict[str, Any] | None) -> list[dict[str, Any]]:
    if error is None:
        return []
    details = error.get("details", {})
    return list(details.get("candidates", [])) + list(details.get("suggestions", []))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.data())
def test_resolver_never_reveals_what_the_user_cannot_see(scenario, data):
    world, actor, kind, reference = scenario
    env = ENVS[world]
    env.reset(actor=actor)
    guard = resolver_guard()
    if kind == "calendar":
        verdict = guard.check("events_list", {"calendarId": reference}, context(env))
        shown = listed_ids(verdict.error)
        if verdict.passed and verdict.interventions and verdict.args["calendarId"] != "primary":
            shown.append({"id": verdict.args["calendarId"]})
        seen_names = {
            c["id"]: {c["summary"], c.get("summaryOverride")}
            for c in env.call_tool("calendars_list", {"showHidden": True})["items"]
        }
        for entry in shown:
            assert calendar_visible(env, entry["id"]), (actor, reference, entry)
            if "name" in entry:
                assert entry["name"] in seen_names[entry["id"]]
    elif kind == "person":
        verdict = guard.check(
            "events_insert", {"calendarId": "primary", "attendees": [{"email": reference}]}, context(env)
        )
        directory = {u["email"]: u["displayName"] for u in records(world, "user:")}
        shown = listed_ids(verdict.error)
        if verdict.passed and verdict.interventions:
            shown.append({"id": verdict.args["attendees"][0]["email"]})
        for entry in shown:
            assert entry["id"] in directory
            if "name" in entry:
                assert entry["name"] == directory[entry["id"]]
    else:
        calendars = [c["id"] for c in env.call_tool("calendars_list", {"showHidden": True})["items"]]
        calendar = data.draw(st.sampled_from(calendars))
        verdict = guard.check("events_delete", {"calendarId": calendar, "eventId": reference}, context(env))
        shown = listed_ids(verdict.error)
        if verdict.passed and verdict.interventions:
            shown.append({"id": verdict.args["eventId"]})
        for entry in shown:
            event = env.call_tool("events_get", {"calendarId": calendar, "eventId": entry["id"]})
            assert not is_error_payload(event), (actor, calendar, reference, entry)
            if "name" in entry:  # the title the user sees, or the id when they see none (busy only)
                assert entry["name"] == event.get("summary", entry["id"])


JUNK = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(
        ["events_insert", "events_patch", "events_move", "acl_insert", "acl_delete", "freebusy_query"]
    ),
    st.fixed_dictionaries(
        {},
        optional={
            "calendarId": JUNK,
            "eventId": JUNK,
            "destination": JUNK,
            "ruleId": JUNK,
            "attendees": st.lists(st.fixed_dictionaries({"email": JUNK}), max_size=2) | JUNK,
            "scope": st.fixed_dictionaries({"type": st.sampled_from(["user", "domain"]), "value": JUNK}),
            "items": st.lists(st.fixed_dictionaries({"id": JUNK}), max_size=2),
        },
    ),
)
def test_any_input_gives_a_verdict_never_an_exception(tool, args):
    from guards import Guard
    from guards.checks.idempotency import add_idempotency_key
    from guards.checks.permissions import check_permissions
    from guards.checks.preconditions import check_preconditions
    from guards.resolve.references import resolve_references
    from tests.guards.resolve_helpers import PACK

    env = ENVS[WORLD]
    env.reset()
    guard = Guard(
        PACK,
        resolve_stages=[resolve_references],
        validate_stages=[check_permissions, check_preconditions, add_idempotency_key],
    )
    verdict = guard.check(tool, args, context(env))
    if verdict.blocked:
        assert verdict.error["ok"] is False and verdict.error["error_type"]
