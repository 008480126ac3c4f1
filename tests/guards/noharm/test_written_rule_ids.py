"""No-harm regression tests: a sharing rule's ID the user wrote ("change ACL rule user:rlind@… to
writer") is the one the call must use. The kind ``acl_rule`` is written as words ("ACL rule") and its
IDs carry a type prefix (``user:``, ``domain:``); another value in ``ruleId`` ("0", the agent's guess
at a position) is refused naming the user's rule, not answered with "ask the user which rule they
mean". On ``world.yaml`` (Ines owns Customer Calls, shared with rlind@, mokafor@ and kenji.mori@)."""

from __future__ import annotations

import pytest

from tests.guards.noharm.helpers import CALLS, DOMAIN, check, world

RLIND = f"user:rlind@{DOMAIN}"
ASK = f"On calendar {CALLS}, change ACL rule {RLIND} to the role writer."


@pytest.mark.parametrize("guess", ["0", "1", f"user:rosa.lind@{DOMAIN}"])
def test_another_rule_than_the_one_the_user_wrote_is_refused_naming_theirs(guess: str) -> None:
    verdict = check(world(), "acl_patch", {"calendarId": CALLS, "ruleId": guess, "role": "writer"}, [ASK])
    assert verdict.error is not None and verdict.error["error_type"] == "validation_error"
    details = verdict.error["details"]
    assert (details["field"], details["reason"]) == ("ruleId", "contradicts_user_words")
    assert details["user_named"]["id"] == RLIND
    assert RLIND in verdict.error["remediation"][0]


@pytest.mark.parametrize("rule", [RLIND, f"rlind@{DOMAIN}"])
def test_the_rule_the_user_wrote_passes(rule: str) -> None:
    verdict = check(world(), "acl_patch", {"calendarId": CALLS, "ruleId": rule, "role": "writer"}, [ASK])
    assert verdict.passed, verdict.error
    assert verdict.args["ruleId"] == RLIND


def test_two_rules_the_user_wrote_name_no_one_of_them() -> None:
    words = [f"On calendar {CALLS}, delete ACL rule {RLIND} and ACL rule user:mokafor@{DOMAIN}."]
    verdict = check(world(), "acl_delete", {"calendarId": CALLS, "ruleId": "0"}, words)
    assert verdict.error is not None
    assert verdict.error["details"].get("reason") != "contradicts_user_words"
