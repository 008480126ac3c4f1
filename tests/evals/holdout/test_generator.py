"""The generator as a library: deterministic, any seed verifies, and every family is posed."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evals.holdout import SMALL, generate_suite, generate_world, verify_suite
from evals.holdout.families import FAMILIES, RECIPES
from evals.holdout.generate import recipes_for


def _dump(seed: int, worlds: int) -> tuple[list[dict], list[dict]]:
    made, tasks = generate_suite(seed, worlds=worlds, size=SMALL)
    return [w.data for w in made], [t.model_dump(mode="json") for t in tasks]


def test_the_same_seed_gives_the_same_worlds_and_tasks() -> None:
    assert _dump(7, 3) == _dump(7, 3)


def test_another_seed_gives_other_worlds() -> None:
    first, second = _dump(7, 2)[0], _dump(8, 2)[0]
    assert [w["users"] for w in first] != [w["users"] for w in second]
    assert [e["id"] for e in first[0]["events"]] != [e["id"] for e in second[0]["events"]]


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**31))
def test_every_generated_task_verifies_for_any_seed(seed: int) -> None:
    worlds, tasks = generate_suite(seed, worlds=3, size=SMALL)
    assert verify_suite(worlds, tasks) == []
    assert {t.family for t in tasks} == set(FAMILIES)


def test_twenty_small_worlds_pose_every_family_in_every_world() -> None:
    worlds, tasks = generate_suite(11, worlds=20, size=SMALL)
    assert len(worlds) == 20 and len({w.key for w in worlds}) == 20
    per_world = Counter((t.pair_id.split("-")[0] + "-" + t.pair_id.split("-")[2], t.family) for t in tasks)
    for world in worlds:
        tag = f"{world.org.key}-{world.index}"
        assert all(per_world[(tag, family)] >= 2 for family in FAMILIES), tag
    pairs = Counter((t.pair_id, t.variant) for t in tasks)
    assert set(pairs.values()) == {1}
    assert len({t.id for t in tasks}) == len(tasks)


def test_recipes_rotate_so_that_nine_worlds_use_every_recipe() -> None:
    used = {
        (family, name)
        for index in range(9)
        for family, names in recipes_for(index)
        for name in names[: 2 if len(names) >= 4 else 1]
    }
    assert used == {(family, name) for family in FAMILIES for name in RECIPES[family]}


def test_tasks_can_carry_their_world_inline_and_run_on_it() -> None:
    from env import CalendarEnv

    worlds, tasks = generate_suite(5, worlds=1, size=SMALL)
    task = tasks[0]
    assert task.world is worlds[0].data or task.world == worlds[0].data
    env = CalendarEnv(world=task.world, actor=task.actor, now=task.now)
    assert env.timezone == worlds[0].actor.zone


def test_a_world_is_valid_world_data_with_its_clock_in_the_actors_zone() -> None:
    from env.world import parse_world

    world = generate_world(3, 4, size=SMALL)
    spec = parse_world(world.data)
    actor = next(u for u in spec.users if u.email == spec.default_actor)
    assert world.now.utcoffset() == world.now.astimezone(world.zone).utcoffset()
    assert actor.timeZone == world.actor.zone


def test_verification_catches_a_wrong_gold_plan_and_a_careless_plan_that_passes() -> None:
    from env import CalendarEnv
    from evals.holdout.verify import verify_task

    worlds, tasks = generate_suite(4, worlds=1, size=SMALL)
    env = CalendarEnv(world=worlds[0].data, actor=worlds[0].actor.email, now=worlds[0].now)
    task = next(t for t in tasks if t.family == "create_on_calendar" and t.variant == "explicit")
    assert verify_task(task, env).problem is None
    careless_passes = task.model_copy(update={"alternative_plan": task.plan})
    assert "careless alternative plan passes" in str(verify_task(careless_passes, env).problem)
    wrong_start = task.plan[0].model_copy(deep=True)
    wrong_start.args["start"]["dateTime"] = "2030-01-01T09:00:00+00:00"
    wrong_start.args["end"]["dateTime"] = "2030-01-01T10:00:00+00:00"
    broken = task.model_copy(update={"plan": [wrong_start]})
    assert "gold plan" in str(verify_task(broken, env).problem)
    unresolved = task.plan[0].model_copy(deep=True)
    unresolved.args["calendarId"] = "$cals.items[summary=Nowhere].id"
    dangling = task.model_copy(update={"plan": [unresolved]})
    assert "gold plan fails" in str(verify_task(dangling, env).problem)
