"""The per-mistake table: which simulated-agent mistakes the guards fixed, and which they harmed.

Episodes are paired on (task, trial): both arms run with the same seed, so a simulated agent draws
the same mistake decisions in both. The mistakes it *makes* can still differ between the arms (one
that gives up after an error never reaches its later steps; a recovery mistake needs an error to
react to), so a pair is counted under the raw arm's mistakes, and the table says how many pairs
differed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from evals.records import EpisodeRecord
from evals.report.schema import MistakeRow, MistakeTable

NO_MISTAKE = "(no mistake)"


def episode_pairs(records: Iterable[EpisodeRecord]) -> list[tuple[EpisodeRecord, EpisodeRecord]]:
    """``(raw, guarded)`` records of the same task and trial, in a stable order."""
    by_key: dict[tuple[str, int], dict[str, EpisodeRecord]] = {}
    for record in records:
        by_key.setdefault((record.task_id, record.trial), {})[record.arm] = record
    return [
        (arms["raw"], arms["guarded"])
        for _, arms in sorted(by_key.items())
        if "raw" in arms and "guarded" in arms
    ]


def mistake_table(records: Sequence[EpisodeRecord]) -> MistakeTable:
    """Per mistake kind: episodes per arm where it occurred, and the pairs the guards fixed or harmed."""
    if not any(r.mistakes for r in records):
        return MistakeTable()
    occurred = {"raw": Counter[str](), "guarded": Counter[str]()}
    for record in records:
        occurred[record.arm].update(set(record.mistakes) or {NO_MISTAKE})
    pairs = episode_pairs(records)
    counted, fixed, harmed, both_failed = Counter[str](), Counter[str](), Counter[str](), Counter[str]()
    differing = different_draws = 0
    for raw, guarded in pairs:
        kinds = set(raw.mistakes) or {NO_MISTAKE}
        differing += set(raw.mistakes) != set(guarded.mistakes)
        different_draws += raw.decision_digest != guarded.decision_digest
        counted.update(kinds)
        if not raw.passed and guarded.passed:
            fixed.update(kinds)
        elif raw.passed and not guarded.passed:
            harmed.update(kinds)
        elif not raw.passed and not guarded.passed:
            both_failed.update(kinds)
    rows = [
        MistakeRow(
            mistake=kind,
            raw_episodes=occurred["raw"][kind],
            guarded_episodes=occurred["guarded"][kind],
            pairs=counted[kind],
            fixed=fixed[kind],
            harmed=harmed[kind],
            both_failed=both_failed[kind],
        )
        for kind in set(occurred["raw"]) | set(occurred["guarded"])
    ]
    rows.sort(key=lambda row: (row.mistake == NO_MISTAKE, -row.pairs, row.mistake))
    return MistakeTable(
        rows=rows, pairs=len(pairs), differing_pairs=differing, different_draws=different_draws
    )


def mistake_note(table: MistakeTable) -> str:
    """The sentence that says how the table counts (shown above it in every report)."""
    if not table.rows:
        return "No mistakes recorded: only simulated agents record the mistakes they make."
    note = (
        "Episodes: where the simulated agent made the mistake, per arm. Fixed / harmed / both failed: "
        "pairs of the same task and trial where raw failed and guarded passed / raw passed and guarded "
        "failed / both failed, counted under the raw arm's mistakes."
    )
    if table.different_draws:
        note += (
            f" Warning: in {table.different_draws} of {table.pairs} pairs the two arms drew different "
            "mistake decisions from the same seed."
        )
    else:
        note += " Both arms of every pair drew the same mistake decisions from their shared seed."
    if table.differing_pairs:
        note += (
            f" In {table.differing_pairs} of {table.pairs} pairs the agent still made a different set of "
            "mistakes in the two arms (different errors to react to, or an earlier stop), so pairs are "
            "counted by the raw arm's mistakes."
        )
    else:
        note += f" In all {table.pairs} pairs the agent made the same mistakes in both arms."
    return note
