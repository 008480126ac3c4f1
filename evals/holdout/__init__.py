"""Held-out material: seeded worlds unlike ``acme`` and paired tasks over them.

The bundled ``calendar`` suite, the ``acme`` world, the guards and the simulated agents were written
together, so their numbers measure one vocabulary. This package generates independent material
(written without reading the guards' code or packs): organisations of other kinds, name collisions
of every shape, zones with 30/45-minute offsets and southern-hemisphere DST, clocks in DST-change
weeks, trap calendars, and tasks phrased in other ways.

>>> from evals.holdout import generate_suite, SMALL
>>> worlds, tasks = generate_suite(seed=3, worlds=2, size=SMALL)
>>> len(worlds), sorted({t.variant for t in tasks})
(2, ['explicit', 'natural'])

The shipped ``holdout`` suite (``evals/suites/holdout.yaml``) is :data:`HOLDOUT_SEED`'s output,
written by ``python -m evals.holdout.build``.
"""

from evals.holdout.generate import HOLDOUT_SEED, generate_suite, generate_world, inline_world
from evals.holdout.verify import verify_suite, verify_task
from evals.holdout.worlds import FULL, SMALL, GeneratedWorld, WorldSize

__all__ = [
    "FULL",
    "HOLDOUT_SEED",
    "SMALL",
    "GeneratedWorld",
    "WorldSize",
    "generate_suite",
    "generate_world",
    "inline_world",
    "verify_suite",
    "verify_task",
]
