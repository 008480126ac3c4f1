"""The bundled calendar suite: size, shape, and that it is solvable and up to date with its templates."""

from __future__ import annotations

import re
from collections import defaultdict

from evals.loader import load_suite
from evals.suites.build_calendar_suite import OUT, build_tasks, render_suite

READS = {
    "calendars_list",
    "calendars_get",
    "users_search",
    "events_list",
    "events_get",
    "acl_list",
    "freebusy_query",
}
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?")


def test_suite_has_enough_pairs_and_families() -> None:
    tasks = load_suite("calendar")
    pairs: dict[str, set[str]] = defaultdict(set)
    for task in tasks:
        pairs[task.pair_id].add(task.variant)
    assert len(pairs) >= 60
    assert all(variants == {"explicit", "natural"} for variants in pairs.values())
    families = {t.family for t in tasks}
    assert len(families) >= 10
    no_write = [t for t in tasks if not t.requires_write]
    assert {t.family for t in no_write} == {"permission_denied", "ambiguous"}
    assert all(t.answer is not None and t.forbid.any_write for t in no_write)


def test_natural_variants_look_up_what_explicit_variants_name() -> None:
    tasks = load_suite("calendar")
    explicit = {t.pair_id: t for t in tasks if t.variant == "explicit"}
    for task in tasks:
        if task.variant == "explicit":
            if task.family not in {"ambiguous", "multi_step"}:
                assert "@" in task.instruction or RFC3339.search(task.instruction), task.id
            continue
        assert "@" not in task.instruction, f"{task.id} names an ID"
        shared_calendar = "@group.calendar." in explicit[task.pair_id].instruction
        if shared_calendar:
            assert any(step.tool in READS for step in task.plan), f"{task.id} writes without a lookup"


def test_every_gold_plan_passes_and_the_shipped_file_is_exactly_what_the_templates_build() -> None:
    built = build_tasks()  # executes every gold plan on a fresh world and grades it; raises on failure
    assert render_suite(built) == OUT.read_text(encoding="utf-8"), (
        "evals/suites/calendar.yaml is stale: run python -m evals.suites.build_calendar_suite"
    )
    shipped = load_suite("calendar")
    assert [t.model_dump() for t in built] == [t.model_dump() for t in shipped]
