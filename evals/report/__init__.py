"""Reports of an A/B run: ``report.json`` (schema in :mod:`evals.report.schema`), ``report.md``,
a self-contained ``report.html``, and the terminal summary."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from evals.report.build import build_report
from evals.report.schema import Report
from evals.store import ResultStore

if TYPE_CHECKING:
    from evals.report.episodes import EpisodeView


class ReportError(ValueError):
    """No results to report on (the message says where it looked)."""


def report_from_store(out_dir: str | Path, run_id: str | None = None) -> Report:
    """Build the report of ``run_id`` (default: the latest run) stored in ``out_dir``."""
    directory = Path(out_dir)
    from evals.store import DB_NAME

    if not (directory / DB_NAME).is_file():
        raise ReportError(
            f"no results in {directory}: {DB_NAME} not found (run `guards ab --out {directory}`)"
        )
    with ResultStore.in_dir(directory) as store:
        run = store.get_run(run_id) if run_id else store.latest_run()
        if run is None:
            raise ReportError(f"no run {run_id or ''} stored in {directory / DB_NAME}".replace("  ", " "))
        records = store.episodes(run.run_id)
    config = run.config
    report = build_report(
        records,
        run_id=run.run_id,
        created_at=run.created_at,
        agent=str(config.get("agent", "")),
        suite=str(config.get("suite", "")),
        trials=int(config.get("trials", 1)),
        seed=int(config.get("seed", 0)),
        expected_episodes=int(config.get("expected_episodes", len(records))),
    )
    from evals.report.real import real_section, run_settings

    report.run_settings = run_settings(config)
    report.real = real_section()
    return report


def write_reports(report: Report, out_dir: str | Path, episodes: Sequence[EpisodeView] = ()) -> list[Path]:
    """Write report.json, report.md and report.html into ``out_dir``; return their paths.

    ``episodes``: the episode views report.html shows (:func:`evals.report.episodes.load_episode_views`).
    """
    from evals.report.html import render_html
    from evals.report.markdown import render_markdown

    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "report.json", directory / "report.md", directory / "report.html"]
    paths[0].write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    paths[1].write_text(render_markdown(report), encoding="utf-8")
    paths[2].write_text(render_html(report, episodes), encoding="utf-8")
    return paths


__all__ = ["Report", "ReportError", "build_report", "report_from_store", "write_reports"]
