"""The shipped real-model recordings (evals/recordings/): enough of them, and they still hold.

Each episode is replayed through the current raw or guarded graph against a fresh world. The raw arm
has no guard, so it must reproduce exactly (tool calls and outcome). The guarded arm depends on the
guards: no episode that passed when it was recorded may fail now (a guard change that loses a real
model's success is a regression); one that failed may now pass. Re-record with the recipe in
docs/real-models.md when the tasks or tools change.

The second half feeds the raw arm's recorded calls to the guarded graph: the guards meet the mistakes
a real model made without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agents.base import is_error_payload, tool_result_payload
from agents.replay import ReplayFactory, load_recordings
from env import CalendarEnv
from evals.episode import build_graph, episode_spec, run_episode
from evals.loader import load_suite
from evals.records import Arm
from evals.report.real import RECORDINGS_DIR, real_section

FILES = sorted(RECORDINGS_DIR.glob("*/*.jsonl"))


@lru_cache(maxsize=4)
def tasks_of(suite: str) -> dict[str, Any]:
    return {task.id: task for task in load_suite(suite)}


def episodes() -> list[tuple[Path, Any]]:
    return [(path, line) for path in FILES for line in load_recordings(path)]


def test_enough_real_episodes_are_shipped() -> None:
    lines = [line for _, line in episodes()]
    tasks_with_both_arms = {(line.task_id) for line in lines if line.arm == "raw"} & {
        line.task_id for line in lines if line.arm == "guarded"
    }
    assert len(lines) >= 20
    assert len(tasks_with_both_arms) >= 10
    assert len({line.family for line in lines}) >= 3
    assert all(line.outcome is not None and line.messages for line in lines)
    assert all(line.usage and line.usage["input_tokens"] > 0 for line in lines)  # a real model's accounting
    section = real_section()
    assert section is not None and section.model.startswith("Qwen2.5-Coder-1.5B")
    assert sum(arm.episodes for arm in section.arms) == len(lines)


@pytest.mark.parametrize(
    ("path", "line"), episodes(), ids=[f"{p.stem}:{line.task_id}:{line.arm}" for p, line in episodes()]
)
def test_recorded_episode_replays_to_its_outcome(path: Path, line: Any) -> None:
    task = tasks_of(path.stem)[line.task_id]
    record = run_episode(task.model_dump(mode="json"), line.arm, 0, line.seed, f"replay:{path}")
    assert record.crashed is None
    if line.arm == "raw":
        assert (record.passed, record.tool_calls) == (line.outcome["passed"], line.outcome["tool_calls"])
        assert record.failure_kind == line.outcome["failure_kind"]
    elif line.outcome["passed"]:
        assert record.passed, f"the guards now fail a real episode that passed: {record.failed_expectation}"


FORM_ERRORS = ("validation_error", "format_error")


@dataclass(frozen=True)
class CallResult:
    """What one tool call came back as: ``ok``, ``blocked`` or its error type, and the fields named."""

    result: str
    rejected: frozenset[str] = frozenset()  # the fields the environment's error names
    to_fix: frozenset[str] = frozenset()  # the fields the guards' feedback tells the agent to fix


def _result(payload: dict[str, Any], blocked: bool) -> CallResult:
    if not is_error_payload(payload):
        return CallResult("ok")
    details = payload.get("details") or {}
    invalid = [entry["field"] for entry in details.get("invalid_fields", [])]
    malformed = [details["field"]] if "field" in details else []  # a format error names one field
    return CallResult(
        "blocked" if blocked else str(payload["error_type"]),
        frozenset([*details.get("missing_required_fields", []), *invalid, *malformed]),
        frozenset((payload.get("feedback") or {}).get("fix_fields", [])),
    )


def _call_results(state: dict[str, Any]) -> dict[str, CallResult]:
    """``{tool_call_id: CallResult}`` for every call of the episode."""
    blocked = {entry["tool_call_id"] for entry in state.get("blocked", [])}
    return {
        message.tool_call_id: _result(tool_result_payload(message), message.tool_call_id in blocked)
        for message in state["messages"]
        if isinstance(message, ToolMessage)
    }


def _replay(path: Path, line: Any, arm: Arm) -> dict[str, Any]:
    task = tasks_of(path.stem)[line.task_id]
    env = CalendarEnv(world=task.world, actor=task.actor, now=task.now, seed=line.seed)
    model = ReplayFactory(path, arm="raw")(episode_spec(task, env.timezone, arm), seed=line.seed, env=env)
    graph = build_graph(arm, model, env.langchain_tools(), task, env.timezone)
    return graph.invoke({"messages": [HumanMessage(task.instruction)]}, config={"recursion_limit": 200})


NOT_RUN = CallResult("not run")


def real_mistakes() -> list[tuple[CallResult, CallResult]]:
    """``(raw, guarded)`` result of every call the raw arm recorded, replayed in both graphs."""
    outcomes: list[tuple[CallResult, CallResult]] = []
    for path, line in episodes():
        if line.arm != "raw":
            continue
        raw = _call_results(_replay(path, line, "raw"))
        guarded = _call_results(_replay(path, line, "guarded"))
        calls = [c for m in line.ai_messages() if isinstance(m, AIMessage) for c in m.tool_calls]
        ids = [i for c in calls if (i := c["id"]) is not None]
        outcomes += [(raw.get(i, NOT_RUN), guarded.get(i, NOT_RUN)) for i in ids]
    return outcomes


def raw_lines() -> list[tuple[Path, Any]]:
    return [(path, line) for path, line in episodes() if line.arm == "raw"]


@pytest.mark.parametrize(
    ("path", "line"),
    [(p, line) for p, line in raw_lines() if line.outcome["passed"]],
    ids=[f"{p.stem}:{line.task_id}" for p, line in raw_lines() if line.outcome["passed"]],
)
def test_the_guards_keep_a_real_raw_success(path: Path, line: Any) -> None:
    """The calls of a raw episode that passed, sent through the guards, still pass: never worse."""
    task = tasks_of(path.stem)[line.task_id]
    record = run_episode(task.model_dump(mode="json"), "guarded", 0, line.seed, f"replay:{path}#raw")
    assert record.passed, record.failed_expectation


def test_the_guards_meet_the_calls_a_real_model_made_raw() -> None:
    outcomes = real_mistakes()
    assert len(outcomes) >= 20, "the raw recordings hold too few calls to say anything"
    form = [(raw, guarded) for raw, guarded in outcomes if raw.result in FORM_ERRORS]
    # some calls the environment rejected for their form are repaired or stopped before it
    assert any(guarded.result in ("ok", "blocked") for _, guarded in form)
    # one that still reaches it (a guard would have to guess: timed or all-day?) comes back to the agent
    # with the very fields the environment rejected named as the ones to fix
    for raw, guarded in form:
        if guarded.result == raw.result:
            assert raw.rejected and raw.rejected <= guarded.to_fix, f"{raw} came back unexplained: {guarded}"
