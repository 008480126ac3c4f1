"""Which tasks a limited run takes, and which tools each task family is shown.

``--limit N`` used to take the first N pairs in file order, which in a suite sorted by family means one
family. :func:`choose_pairs` samples across families instead: each family's pairs are shuffled with the
run's seed and families take turns, so N pairs cover min(N, families) families and the same seed picks
the same pairs. ``first`` keeps the old behaviour.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from typing import Literal

from evals.tasks import Task

PairSample = Literal["stratified", "first"]


def choose_pairs(
    tasks: Sequence[Task], limit: int | None, *, sample: PairSample = "stratified", seed: int = 0
) -> list[Task]:
    """The tasks of ``limit`` pairs (both variants of each), kept in file order."""
    if limit is None:
        return list(tasks)
    pairs: dict[str, str] = {}  # pair id -> family, in file order
    for task in tasks:
        pairs.setdefault(task.pair_id, task.family)
    if sample == "first":
        keep = set(list(pairs)[:limit])
    elif sample == "stratified":
        keep = _stratified(pairs, limit, seed)
    else:
        raise ValueError(f"unknown pair sample {sample!r} (use stratified or first)")
    return [task for task in tasks if task.pair_id in keep]


def _stratified(pairs: dict[str, str], limit: int, seed: int) -> set[str]:
    rng = random.Random(seed)
    by_family: dict[str, list[str]] = {}
    for pair, family in pairs.items():
        by_family.setdefault(family, []).append(pair)
    queues = []
    for family in sorted(by_family):
        members = list(by_family[family])
        rng.shuffle(members)
        queues.append(members)
    rng.shuffle(queues)  # which families come first when N is smaller than their number
    chosen: list[str] = []
    while len(chosen) < limit and any(queues):
        for queue in queues:
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0))
    return set(chosen)


def only_families(tasks: Sequence[Task], families: Iterable[str] | None) -> list[Task]:
    """The tasks of the named families (all tasks when ``families`` is empty or ``None``)."""
    wanted = {f.strip() for f in families or () if f.strip()}
    return [t for t in tasks if not wanted or t.family in wanted]


def family_tool_map(tasks: Iterable[Task]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``((family, tools), ...)``: the tools each family's gold *and* careless plans call, plus lookups.

    The careless plan matters: where the right answer is not to write (no permission, an ambiguous
    name) the gold plan only reads, and a subset without the write tool would tell the model so.
    Call it on the *development* suite: the map then carries no information about a held-out suite
    beyond its family names.
    """
    from agents.toolprompt import tools_by_family

    found = tools_by_family(
        (task.family, [step.tool for step in (*task.plan, *task.alternative_plan)]) for task in tasks
    )
    return tuple(found.items())
