"""``guards rollout``: chat-with-tools JSONL (guarded lines carry the calls the guards sent), the same
lines on threads and Ray, and clean refusals of bad options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from transformers.utils.chat_template_utils import render_jinja_template
from typer.testing import CliRunner

from env import CalendarEnv
from evals.cli import app
from evals.loader import load_suite
from evals.rl.rewards import RewardConfig
from evals.rl.rollout import RolloutLine, run_rollouts
from evals.runner import RunConfig

runner = CliRunner()

# The shape of a tool-calling chat template (Qwen2.5's, trimmed): what a trainer renders rollouts with.
CHAT_TEMPLATE = """\
{%- if tools %}<|im_start|>system
{%- for tool in tools %}
{{ tool | tojson }}
{%- endfor %}<|im_end|>
{% endif %}
{%- for message in messages %}
{%- if message.role == "assistant" %}<|im_start|>assistant
{{ message.content }}
{%- for tool_call in message.tool_calls or [] %}
<tool_call>{"name": "{{ tool_call.function.name }}",\
 "arguments": {{ tool_call.function.arguments | tojson }}}</tool_call>
{%- endfor %}<|im_end|>
{% elif message.role == "tool" %}<|im_start|>user
<tool_response>{{ message.content }}</tool_response><|im_end|>
{% else %}<|im_start|>{{ message.role }}
{{ message.content }}<|im_end|>
{% endif %}
{%- endfor %}"""


def read_lines(path: Path) -> list[RolloutLine]:
    return [RolloutLine.model_validate_json(text) for text in path.read_text().splitlines()]


@pytest.fixture(scope="module")
def guarded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rollout") / "guarded.jsonl"
    result = runner.invoke(
        app,
        ["rollout", "--agent", "simulated:weak", "--suite", "calendar",
         "--families", "create_on_calendar,ambiguous", "--guarded", "--trials", "2", "--reward", "shaped",
         "--seed", "3", "--workers", "1", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "mean reward" in result.output
    return out


def test_every_line_is_a_whole_conversation_with_its_tools(guarded_file: Path) -> None:
    lines = read_lines(guarded_file)
    tasks = [t for t in load_suite("calendar") if t.family in ("create_on_calendar", "ambiguous")]
    assert sorted((line.task_id, line.trial) for line in lines) == sorted(
        (t.id, n) for t in tasks for n in (0, 1)
    )
    tool_names = {spec.name for spec in CalendarEnv().tool_specs()}
    for line in lines:
        assert line.arm == "guarded" and line.reward_mode == "shaped"
        assert line.reward == pytest.approx(sum(line.step_rewards)) and len(line.step_rewards) == line.steps
        assert [m["role"] for m in line.messages[:2]] == ["system", "user"]
        assert line.messages[-1]["role"] == "assistant" and "tool_calls" not in line.messages[-1]
        asked = [c["id"] for m in line.messages if m["role"] == "assistant" for c in m.get("tool_calls", [])]
        answered = [m["tool_call_id"] for m in line.messages if m["role"] == "tool"]
        assert asked == answered  # every call answered, in order
        assert {tool["function"]["name"] for tool in line.tools} == tool_names
        text = render_jinja_template([line.messages], tools=line.tools, chat_template=CHAT_TEMPLATE)[0][0]
        assert line.messages[1]["content"] in text and "<tool_call>" in text


def test_guarded_lines_carry_the_calls_the_guards_sent(guarded_file: Path) -> None:
    lines = read_lines(guarded_file)
    repaired = 0
    for line in lines:
        calls = {
            c["id"]: c["function"]
            for m in line.messages
            if m["role"] == "assistant"
            for c in m.get("tool_calls", [])
        }
        blocked = {i["tool_call_id"] for i in line.metadata["interventions"] if i["kind"] == "block"}
        for item in line.metadata["interventions"]:
            if item["kind"] == "reference_resolved" and item["field"] == "calendarId":
                sent = calls[item["tool_call_id"]]["arguments"]
                if item["tool_call_id"] in blocked:  # never ran: kept as the agent proposed it
                    assert sent["calendarId"] == item["before"]
                else:
                    assert sent["calendarId"] == item["after"] != item["before"]
                    repaired += 1
            if item["kind"] == "idempotency_key":
                assert item["field"] not in calls[item["tool_call_id"]]["arguments"]
    assert repaired > 0, "the weak agent's names for IDs are resolved somewhere in these families"
    assert sum(line.metadata["repaired_calls"] for line in lines) >= repaired


def test_raw_lines_carry_the_calls_as_proposed(tmp_path: Path) -> None:
    out = tmp_path / "raw.jsonl"
    result = runner.invoke(
        app,
        ["rollout", "--agent", "simulated:weak", "--families", "create_on_calendar", "--seed", "3",
         "--trials", "2", "--workers", "1", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = read_lines(out)
    assert all(line.arm == "raw" and line.metadata["interventions"] == [] for line in lines)
    assert all(line.reward == float(line.passed) for line in lines)
    assert any("error_type" in m["content"] for line in lines for m in line.messages if m["role"] == "tool")


@pytest.mark.slow
def test_rollouts_are_the_same_on_threads_and_ray() -> None:
    # (the process pool plays the holdout suite in test_acceptance)
    tasks = [t for t in load_suite("calendar") if t.family == "permission_denied"][:4]
    config = RunConfig(agent="simulated:calibrated", suite="mini", trials=2, seed=9)
    outcomes = {}
    for backend, workers in (("local", 1), ("ray", 1)):
        lines: list[RolloutLine] = []
        reward = RewardConfig(mode="shaped")
        run_rollouts(tasks, config, reward, lines.append, guarded=True, workers=workers, backend=backend,  # type: ignore[arg-type]
                     concurrency=2)  # fmt: skip
        outcomes[(backend, workers)] = sorted(
            (line.task_id, line.trial, line.reward, json.dumps(line.messages)) for line in lines
        )
    assert len(outcomes[("local", 1)]) == 8
    assert outcomes[("ray", 1)] == outcomes[("local", 1)]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--reward", "dense"], "unknown --reward 'dense'"),
        (["--backend", "gpu"], "unknown backend 'gpu'"),
        (["--agent", "genius"], "cannot use agent 'genius'"),
        (["--suite", "nope"], "unknown suite 'nope'"),
        (["--families", "astrology"], "no tasks in calendar of families astrology"),
    ],
)
def test_bad_options_are_one_line_errors(tmp_path: Path, arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["rollout", "--out", str(tmp_path / "x.jsonl"), *arguments])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.jsonl").exists()


def test_an_unwritable_output_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = runner.invoke(
        app, ["rollout", "--agent", "oracle", "--families", "all_day", "--out", str(blocker / "x")]
    )
    assert result.exit_code == 2 and "cannot write" in result.output
