"""The per-mistake table: counted on scripted records, stored, and shown in report.json/md/html."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals.loader import load_suite
from evals.records import EpisodeRecord
from evals.report import build_report, report_from_store, write_reports
from evals.report.mistakes import NO_MISTAKE, mistake_table
from evals.runner import RunConfig, open_run, run_ab
from evals.store import ResultStore


def record(
    task: str, arm: str, trial: int, passed: bool, mistakes: list[str], digest: str = "d"
) -> EpisodeRecord:
    return EpisodeRecord.model_validate(
        {
            "task_id": task,
            "pair_id": task.rsplit("-", 1)[0],
            "family": "fam",
            "variant": "natural",
            "requires_write": True,
            "arm": arm,
            "trial": trial,
            "seed": 1,
            "passed": passed,
            "mistakes": mistakes,
            "decision_digest": f"{task}:{trial}:{digest}",
        }
    )


# (task, trial): raw (passed, mistakes), guarded (passed, mistakes)
SCRIPT: list[tuple[str, int, tuple[bool, list[str]], tuple[bool, list[str]]]] = [
    ("a-natural", 0, (False, ["partial_name", "repeat_unchanged"]), (True, ["partial_name"])),  # fixed
    ("a-natural", 1, (False, ["partial_name"]), (False, ["partial_name"])),  # both failed
    ("b-natural", 0, (True, ["key_style"]), (False, ["key_style"])),  # harmed
    ("b-natural", 1, (True, []), (True, [])),  # clean, both passed
    (
        "c-natural",
        0,
        (False, ["partial_name", "partial_name", "stale_dst_offset"]),
        (True, ["stale_dst_offset"]),
    ),
]


def scripted_records() -> list[EpisodeRecord]:
    records = []
    for task, trial, (raw_ok, raw_m), (guarded_ok, guarded_m) in SCRIPT:
        records.append(record(task, "raw", trial, raw_ok, raw_m))
        records.append(record(task, "guarded", trial, guarded_ok, guarded_m))
    return records


def _rows(table: Any) -> dict[str, tuple[int, ...]]:
    return {
        r.mistake: (r.raw_episodes, r.guarded_episodes, r.pairs, r.fixed, r.harmed, r.both_failed)
        for r in table.rows
    }


def test_table_counts_episodes_per_arm_and_pairs_by_the_raw_arm() -> None:
    table = mistake_table(scripted_records())
    assert _rows(table) == {
        # raw eps, guarded eps, pairs (raw), fixed, harmed, both failed
        "partial_name": (3, 2, 3, 2, 0, 1),  # counted once per episode though made twice in c
        "repeat_unchanged": (1, 0, 1, 1, 0, 0),  # raw-only mistake: its pair still counts as fixed
        "key_style": (1, 1, 1, 0, 1, 0),
        "stale_dst_offset": (1, 1, 1, 1, 0, 0),
        NO_MISTAKE: (1, 1, 1, 0, 0, 0),
    }
    assert [r.mistake for r in table.rows][-1] == NO_MISTAKE
    assert (table.pairs, table.differing_pairs, table.different_draws) == (5, 2, 0)


def test_pairs_with_different_draws_are_counted_and_reported() -> None:
    records = scripted_records()
    records[1] = record("a-natural", "guarded", 0, True, ["partial_name"], digest="other")
    table = mistake_table(records)
    assert table.different_draws == 1
    report = build_report(
        records,
        run_id="r",
        created_at="t",
        agent="simulated:x",
        suite="s",
        trials=2,
        seed=0,
        expected_episodes=10,
    )
    assert "Warning: in 1 of 5 pairs the two arms drew different mistake decisions" in _markdown(report)


def _markdown(report: Any) -> str:
    from evals.report.markdown import render_markdown

    return str(render_markdown(report))


def test_agents_without_mistakes_get_an_empty_table_and_a_note(tmp_path: Path) -> None:
    records = [record("a-natural", arm, 0, True, []) for arm in ("raw", "guarded")]
    report = build_report(
        records, run_id="r", created_at="t", agent="oracle", suite="s", trials=1, seed=0, expected_episodes=2
    )
    assert report.mistakes.rows == []
    write_reports(report, tmp_path)
    assert "No mistakes recorded: only simulated agents record" in (tmp_path / "report.md").read_text()
    assert "mistake</th>" not in (tmp_path / "report.html").read_text()


def test_table_is_stored_and_appears_in_all_three_reports(tmp_path: Path) -> None:
    with ResultStore.in_dir(tmp_path) as store:
        run = store.create_run({"agent": "simulated:test", "suite": "s", "trials": 2, "seed": 0})
        for r in scripted_records():
            store.save_episode(run.run_id, r)
        stored = store.episodes(run.run_id)
    assert {(r.task_id, r.arm, r.trial): r.mistakes for r in stored} == {
        (r.task_id, r.arm, r.trial): r.mistakes for r in scripted_records()
    }
    write_reports(report_from_store(tmp_path), tmp_path)
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["mistakes"]["pairs"] == 5 and data["mistakes"]["counted_by"] == "raw"
    assert {row["mistake"]: row["fixed"] for row in data["mistakes"]["rows"]}["partial_name"] == 2
    markdown = (tmp_path / "report.md").read_text()
    assert "| mistake | raw episodes | guarded episodes | fixed | harmed | both failed |" in markdown
    assert "| partial_name | 3 | 2 | 2 | 0 | 1 |" in markdown
    assert "In 2 of 5 pairs the agent still made a different set of mistakes" in markdown
    html = (tmp_path / "report.html").read_text()
    assert "<td>key_style</td><td>1</td><td>1</td><td>0</td><td>1</td><td>0</td>" in html
    assert "counted under the raw arm" in html


def test_independent_agent_runs_through_the_real_runner(tmp_path: Path) -> None:
    tasks = [t for t in load_suite("calendar") if t.variant == "natural"][:6]
    config = RunConfig(agent="simulated:independent", suite="calendar", trials=2, seed=3)
    with ResultStore.in_dir(tmp_path) as store:
        run = open_run(store, config, resume=False)
        assert run_ab(store, run, tasks, config) == 6 * 2 * 2
        records = store.episodes(run.run_id)
    assert not [r.crashed for r in records if r.crashed]
    assert any(r.mistakes for r in records)
    by_pair: dict[tuple[str, int], dict[str, EpisodeRecord]] = {}
    for r in records:
        by_pair.setdefault((r.task_id, r.trial), {})[r.arm] = r
    digests = [(arms["raw"].decision_digest, arms["guarded"].decision_digest) for arms in by_pair.values()]
    assert all(raw == guarded != "" for raw, guarded in digests)  # same decisions drawn in both arms
    report = report_from_store(tmp_path)
    assert report.mistakes.pairs == 12 and report.mistakes.different_draws == 0
    raw_counts = {row.mistake: row.raw_episodes for row in report.mistakes.rows}
    expected: dict[str, int] = {}
    for r in records:
        if r.arm == "raw":
            for kind in set(r.mistakes) or {NO_MISTAKE}:
                expected[kind] = expected.get(kind, 0) + 1
    assert raw_counts == expected
