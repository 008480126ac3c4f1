"""The reward terms, and the reward table of docs/rl.md against the defaults it documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evals.rl.rewards import RewardConfig, RewardTerm, reward_table, total

DOC = Path(__file__).resolve().parents[3] / "docs" / "rl.md"


def documented_weights() -> dict[str, float]:
    """``{"error: permission_error": -0.1, ...}`` from the table under "## Rewards"."""
    section = DOC.read_text(encoding="utf-8").split("## Rewards", 1)[1].split("\n## ", 1)[0]
    weights: dict[str, float] = {}
    for row in re.findall(r"^\| (\w[\w ]*): ([^|]+) \| ([^|]+) \|", section, flags=re.M):
        group, names, values = row
        numbers = [float(v) for v in re.findall(r"-?\d+\.\d+", values)]
        labels = [n.strip() for n in re.split(r",| / ", names)]
        for index, label in enumerate(labels):
            weights[f"{group}: {label}"] = numbers[index] if len(numbers) == len(labels) else numbers[0]
    return weights


def test_the_documented_table_is_the_default_config() -> None:
    assert documented_weights() == dict(reward_table())


def test_binary_turns_have_no_terms_and_the_grade_decides() -> None:
    binary = RewardConfig()
    assert binary.turn_terms([("permission_error", False)], ["reference_resolved"]) == []
    assert total([binary.final_term(True)]) == 1.0 and total([binary.final_term(False)]) == 0.0


def test_shaped_terms_count_errors_by_type_and_origin_and_interventions_by_kind() -> None:
    shaped = RewardConfig(mode="shaped")
    terms = shaped.turn_terms(
        [("validation_error", False), ("validation_error", False), ("not_found_error", True), ("odd", False)],
        ["zone_filled", "idempotency_key", "zone_filled"],
    )
    assert terms == [
        RewardTerm("read_error:not_found_error", 1, 0.0),
        RewardTerm("error:odd", 1, -0.05),
        RewardTerm("error:validation_error", 2, -0.05),
        RewardTerm("intervention:idempotency_key", 1, 0.0),
        RewardTerm("intervention:zone_filled", 2, -0.02),
    ]
    assert total(terms) == pytest.approx(-0.19)
    assert shaped.error_weight("not_found_error") == -0.05  # the same error from a write is a mistake
