"""Assemble held-out suites: worlds from organisations, tasks from recipes, all from one seed.

Every world is built from its own seeded random stream, and so is every task (its stream is named
by seed, world, family and recipe), so adding a recipe or an organisation does not reshuffle the
others. Each world gets every family: one recipe of the small families and two of those with four
or more, rotating through the recipes from world to world.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from evals.holdout.families import FAMILIES, RECIPES, Context, GeneratorError, Probe
from evals.holdout.fixtures import plant_events
from evals.holdout.pairs import Pair
from evals.holdout.phrasing import Phraser
from evals.holdout.vocab import Vocabulary, load_vocabulary
from evals.holdout.worlds import FULL, GeneratedWorld, WorldSize, build_world
from evals.tasks import Task

HOLDOUT_SEED = 20261201
"""The seed of the shipped ``holdout`` suite."""

WorldRef = Callable[[GeneratedWorld], "str | dict[str, Any]"]


def inline_world(world: GeneratedWorld) -> dict[str, Any]:
    """Tasks carry their world's data (self-contained; what the library API returns by default)."""
    return world.data


def generate_world(
    seed: int, index: int = 0, *, size: WorldSize = FULL, vocab: Vocabulary | None = None
) -> GeneratedWorld:
    """The ``index``-th world of the suite for ``seed`` (organisations rotate in a seeded order)."""
    vocab = vocab or load_vocabulary()
    orgs = list(vocab.organisations)
    random.Random(f"holdout-orgs:{seed}").shuffle(orgs)
    world = build_world(vocab, orgs[index % len(orgs)], seed, index, size)
    plant_events(world, vocab.phrasing, world.size)
    return world


def recipes_for(index: int) -> list[tuple[str, list[str]]]:
    """(family, recipe names in the order to try them) for the ``index``-th world."""
    plan = []
    for family in FAMILIES:
        names = list(RECIPES[family])
        wanted = 2 if len(names) >= 4 else 1
        start = (index * wanted) % len(names)
        plan.append((family, names[start:] + names[:start]))
    return plan


def world_pairs(world: GeneratedWorld, vocab: Vocabulary, probe: Probe | None = None) -> list[Pair]:
    """Every task pair of ``world``: for each family its rotation's recipes, skipping unposable ones."""
    probe = probe or Probe(world)
    pairs: list[Pair] = []
    for family, names in recipes_for(world.index):
        wanted = 2 if len(names) >= 4 else 1
        made = 0
        for name in names:
            if made == wanted:
                break
            rng = random.Random(f"holdout-task:{world.seed}:{world.key}:{family}:{name}")
            context = Context(world, vocab, rng, Phraser(vocab.phrasing, rng, world.today), probe)
            try:
                pairs.append(RECIPES[family][name](context))
            except GeneratorError:
                continue
            made += 1
        if made == 0:
            raise GeneratorError(f"{world.key}: no recipe of {family} could be posed")
    return pairs


def generate_suite(
    seed: int = HOLDOUT_SEED,
    *,
    worlds: int = 9,
    size: WorldSize = FULL,
    world_ref: WorldRef = inline_world,
) -> tuple[list[GeneratedWorld], list[Task]]:
    """``worlds`` generated worlds and their paired tasks (validated :class:`~evals.tasks.Task` objects).

    The same seed and size always give the same worlds and tasks. ``world_ref`` decides what a
    task's ``world`` field holds: the world data inline (default) or, for files, a path.
    """
    vocab = load_vocabulary()
    made: list[GeneratedWorld] = []
    tasks: list[Task] = []
    for index in range(worlds):
        world = generate_world(seed, index, size=size, vocab=vocab)
        made.append(world)
        for pair in world_pairs(world, vocab):
            tasks.extend(Task.model_validate(data) for data in pair.task_dicts(world, world_ref))
    return made, tasks
