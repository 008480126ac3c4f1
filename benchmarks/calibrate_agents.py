"""Calibrate a simulated-agent profile against a task suite, *raw* (no guards).

The profile's per-operator rates fix the *shape* of the modelled failure distribution; calibration fits
one scale factor per variant so that raw success matches a target (the published pattern: ~90% on
explicit tasks, ~40% on natural ones). Success falls monotonically (up to sampling noise) as a scale
grows, so a bisection on each variant's scale is enough. Every episode is seeded, so a run is
reproducible.

    python benchmarks/calibrate_agents.py --profile calibrated --trials 5            # measure
    python benchmarks/calibrate_agents.py --profile calibrated --fit --write         # fit and save

Prints JSON: scales, raw success per variant, and the failure mix (the categories of the errors left
unfixed in failed episodes, from each agent's trace). This is a dev script: it imports ``evals`` to
grade, which ``agents`` itself never does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage

from agents.profiles import PROFILES_DIR, Profile, load_profile
from agents.simulated import SimulatedChatModel, TraceEvent
from env import CalendarEnv
from evals.episode import RECURSION_LIMIT, build_graph, episode_spec, final_answer_of, records_reader
from evals.graders import grade
from evals.loader import load_suite, load_tasks
from evals.tasks import Task

TARGETS = {"explicit": 0.90, "natural": 0.40}


def _seed(task_id: str, trial: int) -> int:
    return int.from_bytes(hashlib.sha256(f"calibrate:{task_id}:{trial}".encode()).digest()[:4], "big")


def failure_cause(trace: list[TraceEvent]) -> str:
    """The category a failed episode is charged to.

    An agent that gave up is charged with the mistakes the last error was about (a skipped lookup
    before the name it left behind); one that finished with a wrong world, with its unfixed mistakes,
    semantic ones first (no guard can fix those, so this is the conservative choice).
    """
    blocking = {event.category for event in trace if event.blocking}
    for category in ("ordering", "malformed", "semantic"):
        if category in blocking:
            return category
    unfixed = {event.category for event in trace if not event.fixed}
    for category in ("semantic", "malformed", "ordering"):
        if category in unfixed:
            return category
    return "other"


def run_raw_episode(task: Task, profile: Profile, trial: int) -> tuple[bool, str | None]:
    """One raw episode: (passed, failure cause or None)."""
    seed = _seed(task.id, trial)
    env = CalendarEnv(world=task.world, actor=task.actor, now=task.now, seed=seed)
    before = env.snapshot()
    model = SimulatedChatModel(
        spec=episode_spec(task, env.timezone), error_profile=profile, seed=seed, env=env
    )
    graph = build_graph("raw", model, env.langchain_tools(), task, env.timezone)
    state = graph.invoke(
        {"messages": [HumanMessage(task.instruction)]}, config={"recursion_limit": RECURSION_LIMIT}
    )
    after = env.snapshot()
    answer = final_answer_of(state["messages"])
    result = grade(task, env.diff(before, after).changes, answer, records_reader(after))
    return result.passed, None if result.passed else failure_cause(model.trace)


def measure(tasks: list[Task], profile: Profile, trials: int, variant: str) -> dict[str, Any]:
    """Raw success and failure mix of ``profile`` on the ``variant`` tasks."""
    passed, causes = 0, Counter[str]()
    episodes = [(task, trial) for task in tasks if task.variant == variant for trial in range(trials)]
    for task, trial in episodes:
        ok, cause = run_raw_episode(task, profile, trial)
        passed += ok
        if cause:
            causes[cause] += 1
    failures = sum(causes.values())
    return {
        "episodes": len(episodes),
        "success": round(passed / len(episodes), 4) if episodes else None,
        "failures": failures,
        "failure_mix": dict(causes),
        "malformed_or_ordering_share": (
            round((causes["malformed"] + causes["ordering"]) / failures, 4) if failures else None
        ),
    }


def fit_scale(tasks: list[Task], profile: Profile, trials: int, variant: str, *, steps: int = 8) -> float:
    """Bisect the variant's scale so raw success meets its target."""
    target = TARGETS[variant]
    low, high = 0.0, 4.0
    for _ in range(steps):
        middle = (low + high) / 2
        scaled = profile.with_scales(
            middle if variant == "explicit" else profile.variants.explicit.scale,
            middle if variant == "natural" else profile.variants.natural.scale,
        )
        success = measure(tasks, scaled, trials, variant)["success"]
        low, high = (middle, high) if success is not None and success > target else (low, middle)
    return round((low + high) / 2, 3)


def write_scales(path: Path, explicit: float, natural: float) -> None:
    """Rewrite the two ``scale:`` lines of a profile YAML, keeping its comments."""
    text = path.read_text(encoding="utf-8")
    for variant, scale in (("explicit", explicit), ("natural", natural)):
        pattern = re.compile(rf"(\n  {variant}:\n    scale: )[0-9.]+")
        text = pattern.sub(rf"\g<1>{scale}", text, count=1)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="calibrated")
    parser.add_argument("--suite", default="calendar")
    parser.add_argument("--tasks", help="a task file instead of a bundled suite")
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--fit", action="store_true", help="fit the per-variant scales to the targets")
    parser.add_argument("--write", action="store_true", help="save fitted scales into the profile file")
    args = parser.parse_args()

    tasks = load_tasks(args.tasks) if args.tasks else load_suite(args.suite)
    profile = load_profile(args.profile)
    if args.fit:
        explicit = fit_scale(tasks, profile, args.trials, "explicit")
        natural = fit_scale(tasks, profile, args.trials, "natural")
        profile = profile.with_scales(explicit, natural)
        if args.write:
            write_scales(PROFILES_DIR / f"{args.profile}.yaml", explicit, natural)
    report = {
        "profile": profile.name,
        "suite": args.tasks or args.suite,
        "trials": args.trials,
        "scales": {"explicit": profile.variants.explicit.scale, "natural": profile.variants.natural.scale},
        "targets": TARGETS,
        "raw": {
            variant: measure(tasks, profile, args.trials, variant) for variant in ("explicit", "natural")
        },
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
