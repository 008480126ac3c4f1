"""The results store (atomic, idempotent episodes) and the three report files."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from evals.records import EpisodeRecord
from evals.report import build_report, report_from_store, write_reports
from evals.report.schema import Report
from evals.store import ResultStore


def record(task: str, variant: str, arm: str, trial: int, passed: bool, family: str = "fam") -> EpisodeRecord:
    return EpisodeRecord.model_validate(
        {
            "task_id": f"{task}-{variant}",
            "pair_id": task,
            "family": family,
            "variant": variant,
            "requires_write": True,
            "arm": arm,
            "trial": trial,
            "seed": 7,
            "passed": passed,
            "failed_expectation": None if passed else "collateral change: event:e1 removed",
            "failure_kind": None if passed else "collateral_change",
            "errors_by_type": {} if passed else {"validation_error": 1},
        }
    )


def test_store_is_idempotent_per_key_and_survives_reopening(tmp_path: Path) -> None:
    with ResultStore.in_dir(tmp_path) as store:
        run = store.create_run({"agent": "oracle", "trials": 1})
        assert store.save_episode(run.run_id, record("a", "explicit", "raw", 0, True))
        assert not store.save_episode(run.run_id, record("a", "explicit", "raw", 0, False))
        store.save_episode(run.run_id, record("a", "explicit", "guarded", 0, False))
    with ResultStore.in_dir(tmp_path) as store:
        latest = store.latest_run()
        assert latest is not None and latest.run_id == run.run_id and latest.config["agent"] == "oracle"
        assert store.done_keys(run.run_id) == {("a-explicit", "raw", 0), ("a-explicit", "guarded", 0)}
        episodes = store.episodes(run.run_id)
        assert [(e.arm, e.passed) for e in episodes] == [("guarded", False), ("raw", True)]
        second = store.create_run({"agent": "x"})
        assert store.latest_run() == second and store.count(second.run_id) == 0


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in {"meta", "br", "img", "input", "link"} and not tag.startswith(("path", "use")):
            self.stack.append(tag)
        for name, value in attrs:
            if (
                name in {"src", "href", "xlink:href"}
                and value
                and value.startswith(("http://", "https://", "//"))
            ):
                self.external.append(value)
        self.scripts += tag == "script"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if (
                name in {"src", "href", "xlink:href"}
                and value
                and value.startswith(("http://", "https://", "//"))
            ):
                self.external.append(value)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()


def _records() -> list[EpisodeRecord]:
    rows = []
    for pair, family in (("p1", "create"), ("p2", "share")):
        for variant in ("explicit", "natural"):
            for trial in range(2):
                rows.append(record(pair, variant, "raw", trial, variant == "explicit"))
                rows.append(
                    record(pair, variant, "guarded", trial, not (pair == "p2" and trial == 1), family)
                )
    for row in rows:
        row.family = "create" if row.pair_id == "p1" else "share"
    return rows


def test_reports_are_written_rebuilt_and_self_contained(tmp_path: Path) -> None:
    with ResultStore.in_dir(tmp_path) as store:
        run = store.create_run(
            {"agent": "oracle", "suite": "mini", "trials": 2, "seed": 0, "expected_episodes": 16}
        )
        for row in _records():
            store.save_episode(run.run_id, row)
    report = report_from_store(tmp_path)
    assert report.meta.run_id == run.run_id and report.meta.complete
    paths = write_reports(report, tmp_path)
    assert [p.name for p in paths] == ["report.json", "report.md", "report.html"]

    reloaded = Report.model_validate(json.loads(paths[0].read_text()))
    assert reloaded == report
    assert reloaded.rate("raw", "natural").rate == 0.0  # type: ignore[union-attr]

    markdown = paths[1].read_text()
    assert "| raw | all |" in markdown and "## Episodes that flipped (4)" in markdown

    html = paths[2].read_text()
    parser = _Collector()
    parser.feed(html)
    parser.close()
    assert html.startswith("<!DOCTYPE html>")
    assert parser.tags.count("svg") == 5
    assert parser.external == [] and parser.scripts == 0
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    )
    assert parser.stack == [], f"unclosed elements: {parser.stack}"
    assert "p2-natural" in html and "broken" in html


def test_report_of_empty_directory_is_a_clear_error(tmp_path: Path) -> None:
    from evals.report import ReportError

    try:
        report_from_store(tmp_path)
    except ReportError as exc:
        assert "results.sqlite not found" in str(exc)
    else:
        raise AssertionError("expected ReportError")


def test_build_report_handles_an_incomplete_run() -> None:
    rows = _records()[:3]
    report = build_report(
        rows, run_id="r", created_at="t", agent="a", suite="s", trials=2, seed=0, expected_episodes=16
    )
    assert not report.meta.complete and report.meta.episodes == 3
