"""--limit samples pairs across families (seeded); --families filters; `first` keeps file order."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from evals.cli import app
from evals.loader import load_suite
from evals.selection import choose_pairs, only_families
from evals.store import ResultStore


def families_of(tasks) -> list[str]:
    return sorted({t.family for t in tasks})


def test_stratified_limit_covers_families_and_is_seeded() -> None:
    suite = load_suite("calendar")
    families = families_of(suite)
    chosen = choose_pairs(suite, len(families), seed=0)
    assert families_of(chosen) == families  # one pair of each family
    assert len({t.pair_id for t in chosen}) == len(families) and len(chosen) == 2 * len(families)
    assert [t.id for t in chosen] == [t.id for t in suite if t in chosen]  # file order kept
    assert choose_pairs(suite, 5, seed=0) == choose_pairs(suite, 5, seed=0)
    pairs = [{t.pair_id for t in choose_pairs(suite, 5, seed=seed)} for seed in (0, 1)]
    assert pairs[0] != pairs[1]
    assert len(families_of(choose_pairs(suite, 5, seed=3))) == 5
    # more pairs than families: families take turns, no family gets two before each has one
    twenty = choose_pairs(suite, 20, seed=0)
    counts = [sum(1 for t in twenty if t.family == f and t.variant == "explicit") for f in families]
    assert max(counts) - min(counts) <= 1 and sum(counts) == 20


def test_first_keeps_the_old_behaviour_and_families_filter() -> None:
    suite = load_suite("calendar")
    first = choose_pairs(suite, 3, sample="first")
    assert families_of(first) == [suite[0].family]
    assert families_of(only_families(suite, ["ambiguous", " recurring "])) == ["ambiguous", "recurring"]
    assert only_families(suite, None) == suite


def test_cli_records_how_pairs_were_sampled(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["ab", "--agent", "oracle", "--limit", "3", "--trials", "1", "--out", str(out)]
    result = CliRunner().invoke(app, [*args, "--families", "ambiguous,recurring,timezone,all_day"])
    assert result.exit_code == 0, result.output
    with ResultStore.in_dir(out) as store:
        run = store.latest_run()
        assert run is not None
        records = store.episodes(run.run_id)
    assert run.config["sample"] == "stratified" and run.config["limit"] == 3
    assert len({r.family for r in records}) == 3 and len(records) == 3 * 2 * 2
    assert {r.family for r in records} <= {"ambiguous", "recurring", "timezone", "all_day"}
    bad = CliRunner().invoke(app, [*args, "--sample", "random"])
    assert bad.exit_code == 2 and "unknown --sample 'random'" in bad.output
