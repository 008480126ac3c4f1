"""The independent operator set on real tool schemas, real worlds and the real raw/guarded graphs."""

from __future__ import annotations

import dataclasses
import json
import math
from collections import Counter
from datetime import datetime
from typing import Any

import pytest
from rapidfuzz.distance import DamerauLevenshtein

from agents import AgentSpecError
from agents.base import PlanStepSpec
from agents.independent import INDEPENDENT_OPERATORS
from agents.independent.fields import word_parts
from agents.independent.structure import KEY_SYNONYMS
from agents.profiles import Profile, load_profile
from agents.reactions import VAGUE_ANSWERS
from agents.simulated import SimulatedAgentFactory, SimulatedChatModel, SimulatedPolicy
from agents.world import WorldView
from env import CalendarEnv
from tests.agents.conftest import TEAM, final_text, make_spec, run_graph, tool_calls_of

START, END = "2026-03-10T15:00:00-04:00", "2026-03-10T15:30:00-04:00"
PEOPLE = ["priya.patel@acme.com", "dana.kim@acme.com"]
INSERT = {
    "calendarId": TEAM,
    "summary": "Sync",
    "start": {"dateTime": START},
    "end": {"dateTime": END},
    "attendees": [{"email": p} for p in PEOPLE],
}
LISTING = {
    "calendarId": TEAM,
    "maxResults": 10,
    "singleEvents": True,
    "orderBy": "startTime",
    "timeMin": START,
}
SHARE = {"calendarId": TEAM, "role": "writer", "scope": {"type": "user", "value": "priya.patel@acme.com"}}


def independent(
    explicit: dict[str, float] | None = None,
    natural: dict[str, float] | None = None,
    *,
    fix: tuple[float, float, float] = (1.0, 1.0, 1.0),
    budget: tuple[int, int] = (2, 4),
) -> Profile:
    return Profile.model_validate(
        {
            "name": "test-independent",
            "operators": "independent",
            "variants": {"explicit": {"rates": explicit or {}}, "natural": {"rates": natural or {}}},
            "fix": dict(zip(("pinpoint", "field", "generic"), fix, strict=True)),
            "budget": {"reasks_per_call": budget[0], "reasks_total": budget[1]},
        }
    )


def _model(profile: Profile | str, spec: Any, env: CalendarEnv, seed: int = 0) -> SimulatedChatModel:
    model = SimulatedAgentFactory(profile)(spec, seed=seed, env=env)
    assert isinstance(model, SimulatedChatModel)
    return model


def _schemas(env: CalendarEnv) -> dict[str, dict[str, Any]]:
    return {spec.name: dict(spec.input_schema) for spec in env.tool_specs()}


def _single(env: CalendarEnv, tool: str, args: dict[str, Any]) -> Any:
    return make_spec(env, variant="explicit", plan=(PlanStepSpec(tool, args, "out"),))


def _first_call(env: CalendarEnv, tool: str, args: dict[str, Any], op: str, seed: int = 0) -> Any:
    policy = SimulatedPolicy(
        _single(env, tool, args), independent({op: 1.0}), seed, WorldView(env), _schemas(env)
    )
    action = policy.act()
    assert not isinstance(action, str)
    return action[1]


def _calendar_ids(env: CalendarEnv) -> list[str]:
    return [c["id"] for c in WorldView(env).calendars()]


def _emails(args: dict[str, Any]) -> list[str]:
    return [a["email"] for a in args["attendees"]]


def _renamed_key(args: dict[str, Any], gold: dict[str, Any]) -> tuple[str, str]:
    (old,) = set(gold) - set(args)
    (new,) = set(args) - set(gold)
    assert args[new] == gold[old]
    return old, new


REFERENCE_CHECKS = {
    "paraphrased_name": lambda env, a: (
        "eng" in a["calendarId"]
        and a["calendarId"].startswith(("the ", "my ", "our "))
        and all("@" not in e and " " in e for e in _emails(a))
    ),
    "misspelt_name": lambda env, a: (
        DamerauLevenshtein.distance(a["calendarId"], "Eng Team") == 1
        and all(
            e.endswith("@acme.com") and DamerauLevenshtein.distance(e, p) == 1
            for e, p in zip(_emails(a), PEOPLE, strict=True)
        )
    ),
    "partial_name": lambda env, a: (
        a["calendarId"] in ("Eng", "Team") and _emails(a)[0] in ("priya.patel", "Patel")
    ),
    "first_name_for_email": lambda env, a: a["calendarId"] == TEAM and _emails(a) == ["Priya", "Dana"],
    "neighbour_id": lambda env, a: (
        abs(_calendar_ids(env).index(a["calendarId"]) - _calendar_ids(env).index(TEAM)) == 1
    ),
    "hallucinated_id": lambda env, a: (
        a["calendarId"] not in _calendar_ids(env)
        and all(
            e.split("@")[0] == p.split("@")[0] and not e.endswith("@acme.com")
            for e, p in zip(_emails(a), PEOPLE, strict=True)
        )
    ),
}


@pytest.mark.parametrize("op", sorted(REFERENCE_CHECKS))
def test_reference_operators_write_what_they_claim(env: CalendarEnv, op: str) -> None:
    for seed in range(3):
        args = _first_call(env, "events_insert", INSERT, op, seed)
        assert REFERENCE_CHECKS[op](env, args), (op, args)
        assert {k: v for k, v in args.items() if k not in ("calendarId", "attendees")} == {
            k: v for k, v in INSERT.items() if k not in ("calendarId", "attendees")
        }


@pytest.mark.parametrize(
    ("op", "start", "time_min"),
    [
        ("stale_dst_offset", "2026-03-10T15:00:00-05:00", "2026-03-10T15:00:00-05:00"),
        ("z_on_local_time", "2026-03-10T15:00:00Z", "2026-03-10T15:00:00Z"),
        ("missing_offset", "2026-03-10T15:00:00", "2026-03-10T15:00:00"),
        ("date_only", "2026-03-10", "2026-03-10"),
    ],
)
def test_datetime_operators_rewrite_every_datetime_of_the_call(
    env: CalendarEnv, op: str, start: str, time_min: str
) -> None:
    args = _first_call(env, "events_insert", INSERT, op)
    assert args["start"]["dateTime"] == start
    assert args["end"]["dateTime"][:10] == "2026-03-10" and args["end"]["dateTime"] != END
    assert _first_call(env, "events_list", LISTING, op)["timeMin"] == time_min


def test_human_and_precision_variants(env: CalendarEnv) -> None:
    spellings = {
        _first_call(env, "events_insert", INSERT, "human_datetime", s)["start"]["dateTime"] for s in range(12)
    }
    assert len(spellings) >= 3
    assert spellings <= {
        "Tue 3pm",
        "10.03.2026 15:00",
        "March 10, 2026 at 3:00 PM",
        "2026/03/10 15:00",
        "10 Mar 2026 15:00",
    }
    for seed in range(6):
        args = _first_call(env, "events_insert", INSERT, "precision_variant", seed)
        assert args["start"]["dateTime"] != START
        assert datetime.fromisoformat(args["start"]["dateTime"]) == datetime.fromisoformat(START)


def test_structure_operators(env: CalendarEnv) -> None:
    assert _first_call(env, "events_list", LISTING, "number_as_string")["maxResults"] == "10"
    assert _first_call(env, "events_insert", INSERT, "list_as_csv")["attendees"] == ", ".join(PEOPLE)
    for seed in range(8):
        nested = _first_call(env, "events_insert", INSERT, "wrong_nested_key", seed)
        assert set(nested) == set(INSERT)
        changed = [k for k in ("start", "end", "attendees") if nested[k] != INSERT[k]]
        assert changed in (["start", "end"], ["attendees"])  # start and end are written alike
        if changed == ["start", "end"]:
            assert nested["start"].keys() == nested["end"].keys() != {"dateTime"}
        stringified = _first_call(env, "acl_insert", SHARE, "nested_as_json_string", seed)
        assert json.loads(stringified["scope"]) == SHARE["scope"]
        old, new = _renamed_key(_first_call(env, "events_list", LISTING, "key_style", seed), LISTING)
        assert word_parts(new) == word_parts(old) or new.lower() == old.lower()
        old, new = _renamed_key(_first_call(env, "events_insert", INSERT, "key_synonym", seed), INSERT)
        assert new in KEY_SYNONYMS[old]
        whole = _first_call(env, "events_insert", INSERT, "arguments_as_json_string", seed)
        text = whole if isinstance(whole, str) else next(iter(whole.values()))
        assert isinstance(whole, str) or len(whole) == 1
        assert json.loads(text) == INSERT


def test_every_non_recovery_operator_has_a_check() -> None:
    checked = set(REFERENCE_CHECKS) | {
        "stale_dst_offset",
        "z_on_local_time",
        "missing_offset",
        "date_only",
        "human_datetime",
        "precision_variant",
        "number_as_string",
        "list_as_csv",
        "wrong_nested_key",
        "nested_as_json_string",
        "key_style",
        "key_synonym",
        "arguments_as_json_string",
    }
    assert checked == {name for name, op in INDEPENDENT_OPERATORS.items() if op.scope != "reaction"}


def test_the_same_seed_draws_and_writes_the_same_mistakes(env: CalendarEnv) -> None:
    profile, schemas = load_profile("independent"), _schemas(env)
    spec = dataclasses.replace(_single(env, "events_insert", INSERT), variant="natural")
    runs = [SimulatedPolicy(spec, profile, seed, WorldView(env), schemas) for seed in (5, 5, 6)]
    assert runs[0].decisions == runs[1].decisions and runs[0].act() == runs[1].act()
    assert runs[0].decision_digest == runs[1].decision_digest != runs[2].decision_digest
    firsts = {repr(SimulatedPolicy(spec, profile, s, WorldView(env), schemas).act()) for s in range(40)}
    assert len(firsts) >= 4


def test_drawn_mistakes_match_the_profile_rates(env: CalendarEnv) -> None:
    """Each operator fires at its profile rate per opportunity (within 4 sigma)."""
    rates = {name: 0.08 for name, op in INDEPENDENT_OPERATORS.items() if op.scope != "reaction"}
    profile, schemas = independent(rates), _schemas(env)
    specs = [
        _single(env, "events_insert", INSERT),
        _single(env, "events_list", LISTING),
        _single(env, "acl_insert", SHARE),
    ]
    opportunities, applied = Counter[str](), Counter[str]()
    for seed in range(700):
        for spec in specs:
            for decision in SimulatedPolicy(spec, profile, seed, WorldView(None), schemas).decisions:
                opportunities[decision.op] += 1
                applied[decision.op] += decision.applied
    assert set(opportunities) == set(rates)  # every operator had somewhere to strike
    for op, n in opportunities.items():
        sigma = math.sqrt(0.08 * 0.92 / n)
        assert abs(applied[op] / n - 0.08) <= 4 * sigma, (op, applied[op] / n, n)


def test_a_botched_fix_lands_on_another_wrong_value(env: CalendarEnv) -> None:
    spec = _single(env, "events_insert", INSERT)
    model = _model(independent({"missing_offset": 1.0, "misfix": 1.0}), spec, env, 0)
    calls = tool_calls_of(run_graph(model, env, spec, "raw"))
    first, second = calls[0][1]["start"]["dateTime"], calls[1][1]["start"]["dateTime"]
    assert first == "2026-03-10T15:00:00"
    assert second not in (first, START)  # it changed the field the error named, to another wrong value
    assert model.mistakes[:2] == ["missing_offset", "misfix"]


def test_a_fix_without_misfix_restores_the_gold_call(env: CalendarEnv) -> None:
    spec = _single(env, "events_insert", INSERT)
    model = _model(independent({"missing_offset": 1.0}), spec, env, 0)
    calls = tool_calls_of(run_graph(model, env, spec, "raw"))
    assert [args for _, args in calls] == [
        {**INSERT, "start": {"dateTime": START[:19]}, "end": {"dateTime": END[:19]}},
        INSERT,
    ]
    assert model.mistakes == ["missing_offset"] and model.trace[0].fixed


def test_giving_up_early_is_a_vague_answer_after_the_first_error(env: CalendarEnv) -> None:
    spec = _single(env, "events_insert", INSERT)
    model = _model(independent({"human_datetime": 1.0, "give_up_early": 1.0}), spec, env)
    state = run_graph(model, env, spec, "raw")
    assert len(tool_calls_of(state)) == 1
    assert final_text(state) in VAGUE_ANSWERS
    assert model.mistakes == ["human_datetime", "give_up_early"]


def test_repeating_the_call_unchanged_is_recorded(env: CalendarEnv) -> None:
    spec = _single(env, "events_insert", INSERT)
    profile = independent({"key_synonym": 1.0}, fix=(0.0, 0.0, 0.0), budget=(2, 4))
    model = _model(profile, spec, env, 0)
    calls = tool_calls_of(run_graph(model, env, spec, "raw"))
    assert len(calls) == 3 and calls[0] == calls[1] == calls[2]
    assert model.mistakes == ["key_synonym", "repeat_unchanged", "repeat_unchanged"]


def test_json_text_arguments_reach_the_graph_as_an_invalid_call(env: CalendarEnv) -> None:
    spec = _single(env, "events_insert", INSERT)
    for seed in range(6):
        probe = SimulatedPolicy(
            spec, independent({"arguments_as_json_string": 1.0}), seed, WorldView(env), _schemas(env)
        )
        if isinstance(probe.act()[1], str):
            break
    model = _model(independent({"arguments_as_json_string": 1.0}), spec, env, seed)
    before = env.snapshot()
    state = run_graph(model, env, spec, "raw")
    first = next(m for m in state["messages"] if getattr(m, "invalid_tool_calls", None))
    assert json.loads(first.invalid_tool_calls[0]["args"]) == INSERT
    assert tool_calls_of(state)[-1] == ("events_insert", INSERT)  # fixed after the error
    assert len(env.diff(before, env.snapshot()).changes) == 1


def test_both_arms_draw_the_same_decisions_for_a_seed() -> None:
    digests = {}
    for arm in ("raw", "guarded"):
        env = CalendarEnv(world="acme", actor="ana@acme.com", now="2026-03-09T09:00:00-04:00", seed=11)
        spec = make_spec(env)
        model = _model("independent", spec, env, 11)
        run_graph(model, env, spec, arm)
        digests[arm] = (model.policy.decisions, model.decision_digest)
    assert digests["raw"] == digests["guarded"]


def test_profile_names_its_operator_set_and_rates_are_checked_against_it(tmp_path: Any) -> None:
    profile = load_profile("independent")
    assert profile.operators == "independent" and load_profile("calibrated").operators == "calibrated"
    assert set(profile.rates("natural")) <= set(INDEPENDENT_OPERATORS)
    assert sum(profile.rates("natural").values()) > sum(profile.rates("explicit").values())
    bad = tmp_path / "bad.yaml"
    fix = "fix: {pinpoint: 1, field: 1, generic: 1}"
    rates = "{explicit: {rates: {name_for_id: 0.1}}, natural: {}}"
    bad.write_text(f"name: x\noperators: independent\nvariants: {rates}\n{fix}")
    with pytest.raises(AgentSpecError, match=r"unknown error operators \['name_for_id'\] for operator set"):
        load_profile(bad)
    bad.write_text(f"name: x\noperators: other\nvariants: {{explicit: {{}}, natural: {{}}}}\n{fix}")
    with pytest.raises(AgentSpecError, match="unknown operator set 'other'"):
        load_profile(bad)
