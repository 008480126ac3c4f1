from __future__ import annotations

import json
from pathlib import Path

import pytest

from agents import AgentSpecError, build_agent_factory
from agents.replay import RecordingError, RecordingFactory, ReplayFactory, load_recordings
from agents.simulated import SimulatedAgentFactory
from env import CalendarEnv
from tests.agents.conftest import NOW, final_text, make_spec, profile_with, run_graph, tool_calls_of

NOISY = profile_with(
    {"skip_lookup": 1.0, "naive_datetime": 1.0, "extra_field": 0.5}, fix=(1.0, 1.0, 1.0), budget=(3, 6)
)


def _episode_changes(env: CalendarEnv, run) -> tuple[list, list]:
    before = env.snapshot()
    state = run()
    changes = [(c.resource, c.key, c.kind, c.after) for c in env.diff(before, env.snapshot()).changes]
    return state, changes


@pytest.mark.parametrize("arm", ["raw", "guarded"])
def test_replay_reproduces_a_recorded_episode_exactly(tmp_path: Path, arm: str) -> None:
    path = tmp_path / "episodes.jsonl"
    env = CalendarEnv(world="acme", actor="ana@acme.com", now=NOW, seed=7)
    spec = make_spec(env)
    recorder = RecordingFactory(SimulatedAgentFactory(NOISY), path)
    recorded_state, recorded_changes = _episode_changes(
        env, lambda: run_graph(recorder(spec, seed=3, env=env), env, spec, arm)
    )
    # the agent made mistakes (a name where the ID belongs) that the episode had to absorb
    assert any(args.get("calendarId") == "Team" for _, args in tool_calls_of(recorded_state))
    assert recorded_changes  # and it changed the world

    replay_env = CalendarEnv(world="acme", actor="ana@acme.com", now=NOW, seed=7)
    replay_model = build_agent_factory(f"replay:{path}")(spec, seed=3, env=replay_env)
    replayed_state, replayed_changes = _episode_changes(
        replay_env, lambda: run_graph(replay_model, replay_env, spec, arm)
    )
    assert tool_calls_of(replayed_state) == tool_calls_of(recorded_state)
    assert final_text(replayed_state) == final_text(recorded_state)
    assert replayed_changes == recorded_changes


def test_short_form_recordings_and_lookup_by_task(tmp_path: Path, env: CalendarEnv) -> None:
    path = tmp_path / "short.jsonl"
    line = {
        "task_id": "create-team-sync",
        "messages": [
            {"content": "", "tool_calls": [{"name": "calendars_list", "arguments": {}}]},
            {"content": "All done."},
        ],
    }
    path.write_text(json.dumps(line) + "\n\n")
    spec = make_spec(env)
    state = run_graph(ReplayFactory(path)(spec, seed=99, env=env), env, spec)
    assert tool_calls_of(state) == [("calendars_list", {})]
    assert final_text(state) == "All done."
    with pytest.raises(RecordingError, match="no recorded episode"):
        ReplayFactory(path)(make_spec(env, task_id="other"), seed=0)


def test_bad_recording_files_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"task_id": "a", "messages": []}\n{"messages": "nope"}\n')
    with pytest.raises(RecordingError, match=r"bad\.jsonl:2"):
        load_recordings(path)
    with pytest.raises(AgentSpecError, match="cannot load replay file"):
        build_agent_factory(f"replay:{tmp_path / 'missing.jsonl'}")
