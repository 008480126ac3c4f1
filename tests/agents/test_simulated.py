from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from typing import Any

import pytest

from agents.base import PlanStepSpec
from agents.operators import OPERATORS
from agents.perturb import tool_name_variants
from agents.profiles import load_profile
from agents.simulated import SimulatedAgentFactory, SimulatedPolicy
from agents.world import WorldView
from env import CalendarEnv
from tests.agents.conftest import TEAM, final_text, make_spec, profile_with, run_graph, tool_calls_of

START, END = "2026-03-10T15:00:00-04:00", "2026-03-10T15:30:00-04:00"
INSERT = {"calendarId": TEAM, "summary": "Sync", "start": {"dateTime": START}, "end": {"dateTime": END}}


def _single_step(env: CalendarEnv, tool: str, args: dict[str, Any]) -> Any:
    return make_spec(env, variant="explicit", plan=(PlanStepSpec(tool, args, "out"),))


def _first_call(env: CalendarEnv, spec: Any, op: str, seed: int = 0) -> tuple[str, dict[str, Any]]:
    policy = SimulatedPolicy(spec, profile_with(explicit={op: 1.0}), seed, WorldView(env), _schemas(env))
    action = policy.act()
    assert not isinstance(action, str)
    return action


def _schemas(env: CalendarEnv) -> dict[str, dict[str, Any]]:
    return {spec.name: dict(spec.input_schema) for spec in env.tool_specs()}


@pytest.mark.parametrize("arm", ["raw", "guarded"])
def test_same_seed_same_episode(arm: str) -> None:
    factory = SimulatedAgentFactory("weak")
    sequences = []
    for seed in (1, 1, 2, 2):
        env = CalendarEnv(world="acme", actor="ana@acme.com", now="2026-03-09T09:00:00-04:00", seed=seed)
        spec = make_spec(env)
        sequences.append(tool_calls_of(run_graph(factory(spec, seed=seed, env=env), env, spec, arm)))
    assert sequences[0] == sequences[1]
    assert sequences[2] == sequences[3]


def test_different_seeds_make_different_mistakes(env: CalendarEnv) -> None:
    spec = make_spec(env)
    profile = load_profile("weak")
    schemas = _schemas(env)
    firsts = {repr(SimulatedPolicy(spec, profile, seed, WorldView(env), schemas).act()) for seed in range(30)}
    assert len(firsts) >= 4


def test_drawn_error_mix_matches_the_profile_rates(env: CalendarEnv) -> None:
    """Over many episodes, each operator fires at its profile rate per opportunity (within 4 sigma)."""
    profile = load_profile("calibrated")
    schemas = _schemas(env)
    specs = [
        make_spec(env, variant="natural"),
        make_spec(env, variant="natural", alternative_plan=(PlanStepSpec("events_insert", INSERT),)),
        _single_step(
            env,
            "acl_insert",
            {
                "calendarId": TEAM,
                "role": "writer",
                "scope": {"type": "user", "value": "priya.patel@acme.com"},
            },
        ),
        _single_step(
            env,
            "events_list",
            {
                "calendarId": TEAM,
                "maxResults": 10,
                "singleEvents": True,
                "orderBy": "startTime",
                "timeMin": START,
            },
        ),
    ]
    specs = [dataclasses.replace(s, variant="natural") for s in specs]
    opportunities, applied = Counter[str](), Counter[str]()
    world = WorldView(None)
    for seed in range(1500):
        for spec in specs:
            for decision in SimulatedPolicy(spec, profile, seed, world, schemas).decisions:
                opportunities[decision.op] += 1
                applied[decision.op] += decision.applied
    rates = profile.rates("natural")
    checked = 0
    for op, n in opportunities.items():
        p = rates.get(op, 0.0)
        if n < 300 or p == 0.0:
            continue
        sigma = math.sqrt(p * (1 - p) / n)
        assert abs(applied[op] / n - p) <= 4 * sigma + 1e-9, (op, applied[op] / n, p)
        checked += 1
    assert checked >= 15  # nearly every operator had enough opportunities to be checked
    assert set(opportunities) <= set(OPERATORS)


@pytest.mark.parametrize(
    ("op", "check"),
    [
        ("name_for_id", lambda t, a: a["calendarId"] == "Eng Team"),
        (
            "placeholder_id",
            lambda t, a: a["calendarId"] in ("<calendarId>", "your_calendar_id", "{calendarId}"),
        ),
        ("wrong_valid_id", lambda t, a: a["calendarId"] != TEAM and a["calendarId"].endswith("acme.com")),
        (
            "naive_datetime",
            lambda t, a: (
                (a["start"]["dateTime"], a["end"]["dateTime"])
                == ("2026-03-10T15:00:00", "2026-03-10T15:30:00")
            ),
        ),
        ("utc_shift", lambda t, a: a["start"]["dateTime"] == "2026-03-10T15:00:00Z"),
        ("us_datetime", lambda t, a: a["start"]["dateTime"] == "03/10/2026 3:00 PM"),
        (
            "natural_datetime",
            lambda t, a: (
                (a["start"]["dateTime"], a["end"]["dateTime"]) == ("tomorrow 3pm", "tomorrow 3:30pm")
            ),
        ),
        ("flat_datetime", lambda t, a: a["start"] == START and a["end"] == END),
        ("wrong_duration", lambda t, a: a["end"]["dateTime"] == "2026-03-10T16:00:00-04:00"),
        (
            "off_by_one_day",
            lambda t, a: (
                {a["start"]["dateTime"][:10], a["end"]["dateTime"][:10]} in ({"2026-03-09"}, {"2026-03-11"})
            ),
        ),
        ("wrong_summary", lambda t, a: a["summary"] not in ("Sync", None)),
        ("field_alias", lambda t, a: any(k in a for k in ("title", "calendar_id", "start_time", "end_time"))),
        ("missing_required", lambda t, a: not {"calendarId", "start", "end"} <= set(a)),
        ("extra_field", lambda t, a: set(a) - set(INSERT)),
        ("tool_name_variant", lambda t, a: t in tool_name_variants("events_insert")),
        ("wrong_tool", lambda t, a: t == "calendars_insert" and a == {"summary": "Sync"}),
    ],
)
def test_each_operator_shows_up_in_the_emitted_call(env: CalendarEnv, op: str, check: Any) -> None:
    tool, args = _first_call(env, _single_step(env, "events_insert", INSERT), op)
    assert check(tool, args), (tool, args)


def test_a_wrong_duration_after_a_wrong_tool_is_no_opportunity(env: CalendarEnv) -> None:
    # The wrong tool's call (calendars_insert) has no start or end left to lengthen.
    spec = _single_step(env, "events_insert", INSERT)
    profile = profile_with(explicit={"wrong_tool": 1.0, "wrong_duration": 1.0})
    action = SimulatedPolicy(spec, profile, 0, WorldView(env), _schemas(env)).act()
    assert action == ("calendars_insert", {"summary": "Sync"})


def test_type_and_enum_case_errors(env: CalendarEnv) -> None:
    listing = _single_step(env, "events_list", {"calendarId": TEAM, "maxResults": 10})
    assert _first_call(env, listing, "wrong_type")[1]["maxResults"] == "10"
    share = _single_step(
        env,
        "acl_insert",
        {"calendarId": TEAM, "role": "writer", "scope": {"type": "user", "value": "priya.patel@acme.com"}},
    )
    args = _first_call(env, share, "enum_case")[1]
    assert args["role"] == "Writer" or args["scope"]["type"] == "User"
    person = _first_call(env, share, "name_for_id")[1]
    assert person["calendarId"] == "Eng Team" or person["scope"]["value"] == "Priya Patel"


def test_a_skipped_lookup_leaves_the_name_and_is_redone_after_the_error(env: CalendarEnv) -> None:
    spec = make_spec(env)
    model = SimulatedAgentFactory(profile_with({"skip_lookup": 1.0}))(spec, seed=0, env=env)
    state = run_graph(model, env, spec, "raw")
    calls = tool_calls_of(state)
    assert [name for name, _ in calls] == ["events_insert", "calendars_list", "events_insert", "events_patch"]
    assert calls[0][1]["calendarId"] == "Team"
    assert calls[2][1]["calendarId"] == TEAM
    assert final_text(state) == spec.final_answer
    assert [(e.op, e.fixed) for e in model.trace] == [("skip_lookup", True)]


def test_fixes_the_named_field_after_a_specific_error(env: CalendarEnv) -> None:
    spec = _single_step(env, "events_insert", INSERT)
    model = SimulatedAgentFactory(profile_with(explicit={"us_datetime": 1.0}))(spec, seed=0, env=env)
    calls = tool_calls_of(run_graph(model, env, spec, "raw"))
    assert calls[0][1]["start"]["dateTime"] == "03/10/2026 3:00 PM"
    assert calls[1][1] == INSERT


def test_gives_up_after_its_reask_budget(env: CalendarEnv) -> None:
    spec = _single_step(env, "events_insert", INSERT)
    profile = profile_with(explicit={"naive_datetime": 1.0}, fix=(0.0, 0.0, 0.0), budget=(2, 4))
    model = SimulatedAgentFactory(profile)(spec, seed=0, env=env)
    before = env.snapshot()
    state = run_graph(model, env, spec, "raw")
    assert len(tool_calls_of(state)) == 3  # the first call and two re-asks
    assert final_text(state).startswith("Sorry, I could not complete the request")
    assert not env.diff(before, env.snapshot()).changes
    assert [(e.op, e.fixed, e.blocking) for e in model.trace] == [("naive_datetime", False, True)]


def test_asks_on_ambiguity_and_reports_missing_access(env: CalendarEnv) -> None:
    spec = _single_step(env, "events_insert", INSERT)
    ambiguous = {
        "ok": False,
        "error_type": "ambiguous_reference",
        "message": "'Team' matches several calendars.",
        "details": {
            "field": "calendarId",
            "value": "Team",
            "candidates": [{"id": "c1", "name": "Team"}, {"id": "c2", "name": "Team Social"}],
        },
    }
    policy = SimulatedPolicy(spec, profile_with(), 0, WorldView(env))
    policy.act()
    policy.observe(ambiguous)
    answer = policy.act()
    assert isinstance(answer, str)
    assert answer.startswith("Which one do you mean?")
    assert "Team Social (c2)" in answer
    denied = {"ok": False, "error_type": "permission_error", "message": "You need writer access."}
    policy = SimulatedPolicy(spec, profile_with(), 0, WorldView(env))
    policy.act()
    policy.observe(denied)
    assert re.search(r"permission.*access", str(policy.act()))


@pytest.mark.parametrize("fixes", [True, False])
def test_a_permission_error_that_redirects_is_advice_to_take(env: CalendarEnv, fixes: bool) -> None:
    """A guard's permission error that names the calendar the user asked for, as the value to send,
    is followed at the pinpoint rate; without that value the agent reports the missing access."""
    social = "c_5c5ea13c5801d570760b@group.calendar.acme.com"
    spec = _single_step(env, "events_insert", {**INSERT, "calendarId": social})
    redirect = {
        "ok": False,
        "error_type": "permission_error",
        "message": "You need writer access to 'Team Social'.",
        "details": {"field": "calendarId", "value": social, "use_value": TEAM},
    }
    profile = profile_with(fix=(1.0, 0.0, 0.0) if fixes else (0.0, 0.0, 0.0))
    policy = SimulatedPolicy(spec, profile, 0, WorldView(env))
    policy.act()
    policy.observe(redirect)
    following = policy.act()
    assert isinstance(following, tuple)
    tool, args = following
    assert tool == "events_insert"
    assert args["calendarId"] == (TEAM if fixes else social)


def test_careless_agent_follows_the_alternative_plan(env: CalendarEnv) -> None:
    social = "c_5c5ea13c5801d570760b@group.calendar.acme.com"
    careless_insert = {**INSERT, "calendarId": social}
    spec = make_spec(
        env,
        plan=(PlanStepSpec("calendars_list", {}, "cals"),),
        final_answer="Which Team calendar do you mean?",
        alternative_plan=(PlanStepSpec("events_insert", careless_insert),),
    )
    careful = SimulatedAgentFactory(profile_with())(spec, seed=0, env=env)
    assert [n for n, _ in tool_calls_of(run_graph(careful, env, spec))] == ["calendars_list"]
    careless = SimulatedAgentFactory(profile_with({"careless_write": 1.0}))(spec, seed=0, env=env)
    state = run_graph(careless, env, spec)
    assert tool_calls_of(state) == [("events_insert", careless_insert)]
    assert not final_text(state).startswith("Which")


def test_a_careless_write_never_replaces_a_plan_that_must_write(env: CalendarEnv) -> None:
    """A careless write is writing when the right answer is not to; a task that must write keeps its
    plan even with a careless alternative beside it."""
    social = "c_5c5ea13c5801d570760b@group.calendar.acme.com"
    spec = make_spec(
        env,
        plan=(PlanStepSpec("events_insert", INSERT),),
        alternative_plan=(PlanStepSpec("events_insert", {**INSERT, "calendarId": social}),),
    )
    agent = SimulatedAgentFactory(profile_with({"careless_write": 1.0}))(spec, seed=0, env=env)
    assert tool_calls_of(run_graph(agent, env, spec)) == [("events_insert", INSERT)]


@pytest.mark.parametrize("fixes", [True, False])
def test_an_agent_takes_the_item_a_guard_says_the_user_named(env: CalendarEnv, fixes: bool) -> None:
    """A careless write to Team Social, the user having said "my Team calendar": the guard names Team
    (``contradicts_user_words``); an agent that fixes at the pinpoint rate writes there next, one that
    never fixes re-sends its own pick until its budget is spent."""
    social = "c_5c5ea13c5801d570760b@group.calendar.acme.com"
    spec = make_spec(
        env,
        plan=(PlanStepSpec("calendars_list", {}, "cals"),),
        final_answer="Which Team calendar do you mean?",
        alternative_plan=(PlanStepSpec("events_insert", {**INSERT, "calendarId": social}),),
    )
    profile = profile_with({"careless_write": 1.0}, fix=(1.0, 0.0, 0.0) if fixes else (0.0, 0.0, 0.0))
    agent = SimulatedAgentFactory(profile)(spec, seed=0, env=env)
    state = run_graph(agent, env, spec, "guarded")
    sent = [args["calendarId"] for _, args in tool_calls_of(state)]
    if fixes:
        assert sent == [social, TEAM]
        assert final_text(state) == "Done: I made the change you asked for."
    else:
        assert sent == [social] * 3
        assert final_text(state).startswith("Sorry, I could not complete the request")


@pytest.mark.parametrize("fixes", [True, False])
def test_an_agent_takes_the_tool_a_guard_says_to_call(env: CalendarEnv, fixes: bool) -> None:
    """Every step slips to a wrong tool: ``calendars_insert`` for the user's 'Sync', then an update for
    the patch. The guard refuses the calendar nobody asked for and the update that would clear the
    event, naming the right tool (``details.use_tool``). An agent that fixes at the pinpoint rate
    makes its planned calls; one that never fixes re-sends the slip until its budget is spent."""
    spec = make_spec(env)
    profile = profile_with({"wrong_tool": 1.0}, fix=(1.0, 0.0, 0.0) if fixes else (0.0, 0.0, 0.0))
    state = run_graph(SimulatedAgentFactory(profile)(spec, seed=0, env=env), env, spec, "guarded")
    tools = [name for name, _ in tool_calls_of(state)]
    if fixes:
        slips_then_plan = ["calendars_insert", "events_insert", "events_update", "events_patch"]
        assert tools == ["calendars_list", *slips_then_plan]
        items = env.call_tool("events_list", {"calendarId": TEAM})["items"]
        (sync,) = [e for e in items if e["summary"] == "Sync"]
        assert sync["location"] == "Room 4"
        assert final_text(state) == "Added 'Sync' to your Team calendar."
    else:
        assert tools == ["calendars_list"] + ["calendars_insert"] * 3
        assert final_text(state).startswith("Sorry, I could not complete the request")


def test_raw_the_wrong_tool_goes_through(env: CalendarEnv) -> None:
    spec = make_spec(env)
    agent = SimulatedAgentFactory(profile_with({"wrong_tool": 1.0}))(spec, seed=0, env=env)
    assert [name for name, _ in tool_calls_of(run_graph(agent, env, spec))][:2] == [
        "calendars_list",
        "calendars_insert",
    ]
    assert any(c["summary"] == "Sync" for c in env.call_tool("calendars_list", {})["items"])


def _delete_spec(env: CalendarEnv) -> Any:
    plan = (
        PlanStepSpec("events_list", {"calendarId": TEAM}, "evs"),
        PlanStepSpec("events_delete", {"calendarId": TEAM, "eventId": "$evs.items[summary=Sprint Demo].id"}),
    )
    return make_spec(
        env, instruction="Cancel the Sprint Demo.", plan=plan, final_answer="Deleted 'Sprint Demo'."
    )


@pytest.mark.parametrize("fixes", [True, False])
def test_an_agent_told_its_answer_claims_an_unmade_change_makes_it(env: CalendarEnv, fixes: bool) -> None:
    """The delete slips to a read (``events_get``) and the agent answers "Deleted" anyway. The guard
    sends the answer back naming ``events_delete``: at the pinpoint fix rate the agent makes the call
    it meant, then answers again; otherwise it says the same again and the event stays."""
    spec = _delete_spec(env)
    profile = profile_with({"wrong_tool": 1.0}, fix=(1.0, 0.0, 0.0) if fixes else (0.0, 0.0, 0.0))
    agent = SimulatedAgentFactory(profile)(spec, seed=0, env=env)
    state = run_graph(agent, env, spec, "guarded")
    tools = [name for name, _ in tool_calls_of(state)]
    remaining = [e["summary"] for e in env.call_tool("events_list", {"calendarId": TEAM})["items"]]
    assert final_text(state) == "Deleted 'Sprint Demo'."
    if fixes:
        assert tools == ["events_list", "events_get", "events_delete"]
        assert "Sprint Demo" not in remaining
        assert [e.fixed for e in agent.trace if e.op == "wrong_tool"] == [True]
    else:
        assert tools == ["events_list", "events_get"]
        assert "Sprint Demo" in remaining
