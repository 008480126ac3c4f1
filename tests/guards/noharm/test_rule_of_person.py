"""No-harm regression tests: a sharing rule's placeholder becomes the rule of the one person the user
named in full whom the agent's directory search found, also when the address does not spell the name
("stop sharing Customer Calls with Maud Okafor": the rule of mokafor@). On ``world.yaml``."""

from __future__ import annotations

from typing import Any

import pytest

from guards import GuardContext, Verdict
from guards.context import ToolObservation
from tests.guards.noharm.helpers import CALLS, DOMAIN, context, full_guard, world

MAUD = f"user:mokafor@{DOMAIN}"


def _delete(words: str, prior: list[tuple[str, dict[str, Any]]], rule: str = "your_rule_id") -> Verdict:
    env = world()
    ctx: GuardContext = context(env, [words])
    ctx.tool_results = [ToolObservation(name, dict(a), env.call_tool(name, dict(a))) for name, a in prior]
    return full_guard(env).check("acl_delete", {"calendarId": CALLS, "ruleId": rule}, ctx)


def _placeholder_blocked(verdict: Verdict) -> bool:
    fields = (verdict.error or {}).get("details", {}).get("invalid_fields") or []
    return any(f.get("field") == "ruleId" and f.get("reason") == "placeholder" for f in fields)


@pytest.mark.parametrize("rule", ["your_rule_id", "<ruleId>", "RULE_ID"])
def test_the_rule_of_the_person_named_and_searched_for(rule: str) -> None:
    searched = [("users_search", {"query": "Maud Okafor"})]
    verdict = _delete("Stop sharing Customer Calls with Maud Okafor.", searched, rule)
    assert verdict.passed, verdict.error
    assert verdict.args["ruleId"] == MAUD
    assert any(i.field == "ruleId" and i.after == MAUD for i in verdict.interventions)


@pytest.mark.parametrize(
    ("words", "prior"),
    [
        ("Stop sharing Customer Calls with Maud Okafor.", []),  # no search: nobody found
        ("Stop sharing Customer Calls with Maud.", [("users_search", {"query": "Maud"})]),  # not in full
        # Two Rosa Linds, rlind@ and rosa.lind@: the name is no one person's.
        ("Stop sharing Customer Calls with Rosa Lind.", [("users_search", {"query": "Rosa Lind"})]),
    ],
)
def test_anything_less_certain_stays_a_blocked_placeholder(words: str, prior: list[Any]) -> None:
    assert _placeholder_blocked(_delete(words, prior))
