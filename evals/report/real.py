"""The ``real`` section of a report: episodes a real model played, recorded and shipped as fixtures.

Simulated agents make the mistakes their authors thought of; the recordings under ``evals/recordings/``
are a small real model's own episodes, both arms, on the bundled and the held-out suite (how they were
made: ``docs/real-models.md``). This section summarises them from the outcomes stored with each episode;
the test suite replays every one of them through the current graphs and checks that those outcomes
still hold, so the numbers here are not stale. The sample is small: read the intervals.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from evals.stats import wilson_interval

RECORDINGS_DIR = Path(__file__).resolve().parent.parent / "recordings"
ARMS = ("raw", "guarded")


class RealArm(BaseModel):
    """One arm on one suite: success with its Wilson 95% interval, cost, how episodes ended."""

    suite: str
    arm: str
    episodes: int
    passed: int
    rate: float
    ci_low: float
    ci_high: float
    prompt_tokens_mean: float = Field(description="input tokens per episode, all model calls together")
    model_calls_mean: float
    latency_mean_s: float
    stop_reasons: dict[str, int]
    errors_by_type: dict[str, int] = Field(description="tool errors and blocked calls, by error type")
    interventions_by_kind: dict[str, int]


class RealPairs(BaseModel):
    """Tasks played in both arms: who passed."""

    suite: str
    tasks: int
    both: int
    guarded_only: int
    raw_only: int
    neither: int


class RealFamily(BaseModel):
    suite: str
    family: str
    raw: str
    guarded: str


class RealSection(BaseModel):
    """Everything the report shows about the shipped real-model recordings."""

    model: str
    made: str = ""
    settings: dict[str, Any] = Field(default_factory=dict)
    files: list[str]
    arms: list[RealArm]
    pairs: list[RealPairs]
    families: list[RealFamily]


def _episodes(path: Path) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line for line in lines if line.get("arm") in ARMS and isinstance(line.get("outcome"), dict)]


def _arm(suite: str, arm: str, episodes: list[dict[str, Any]]) -> RealArm:
    n = len(episodes)
    passed = sum(1 for e in episodes if e["outcome"].get("passed"))
    low, high = wilson_interval(passed, n)
    usage = [e.get("usage") or {} for e in episodes]
    errors: Counter[str] = Counter()
    interventions: Counter[str] = Counter()
    for e in episodes:
        errors.update(e["outcome"].get("errors_by_type") or {})
        interventions.update(e["outcome"].get("interventions_by_kind") or {})
    return RealArm(
        suite=suite,
        arm=arm,
        episodes=n,
        passed=passed,
        rate=passed / n if n else 0.0,
        ci_low=low,
        ci_high=high,
        prompt_tokens_mean=sum(e["outcome"].get("input_tokens", 0) for e in episodes) / max(n, 1),
        model_calls_mean=sum(u.get("model_calls", 0) for u in usage) / max(n, 1),
        latency_mean_s=sum(float(e["outcome"].get("latency_s", 0.0)) for e in episodes) / max(n, 1),
        stop_reasons=dict(Counter(str(e["outcome"].get("stop_reason")) for e in episodes)),
        errors_by_type=dict(errors),
        interventions_by_kind=dict(interventions),
    )


def _pairs(suite: str, episodes: list[dict[str, Any]]) -> RealPairs:
    outcome = {(e["task_id"], e["arm"]): bool(e["outcome"].get("passed")) for e in episodes}
    tasks = sorted({t for t, _ in outcome if (t, "raw") in outcome and (t, "guarded") in outcome})
    cells = Counter((outcome[(t, "raw")], outcome[(t, "guarded")]) for t in tasks)
    return RealPairs(
        suite=suite,
        tasks=len(tasks),
        both=cells[(True, True)],
        guarded_only=cells[(False, True)],
        raw_only=cells[(True, False)],
        neither=cells[(False, False)],
    )


def _families(suite: str, episodes: list[dict[str, Any]]) -> list[RealFamily]:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for e in episodes:
        cell = counts[(str(e.get("family")), e["arm"])]
        cell[0] += int(bool(e["outcome"].get("passed")))
        cell[1] += 1
    families = sorted({family for family, _ in counts})

    def share(family: str, arm: str) -> str:
        passed, n = counts.get((family, arm), [0, 0])
        return f"{passed}/{n}"

    return [
        RealFamily(suite=suite, family=family, raw=share(family, "raw"), guarded=share(family, "guarded"))
        for family in families
    ]


def real_section(directory: Path = RECORDINGS_DIR) -> RealSection | None:
    """The section for the recordings in ``directory`` (one ``<suite>.jsonl`` per suite and a
    ``meta.json``); ``None`` when there are none."""
    files = sorted(directory.glob("*/*.jsonl")) + sorted(directory.glob("*.jsonl"))
    if not files:
        return None
    candidates = (files[0].parent / "meta.json", directory / "meta.json")
    meta_path = next((p for p in candidates if p.is_file()), None)
    meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path else {}
    arms: list[RealArm] = []
    pairs: list[RealPairs] = []
    families: list[RealFamily] = []
    for path in files:
        suite = path.stem
        episodes = _episodes(path)
        arms += [_arm(suite, arm, [e for e in episodes if e["arm"] == arm]) for arm in ARMS]
        pairs.append(_pairs(suite, episodes))
        families += _families(suite, episodes)
    return RealSection(
        model=str(meta.get("model", "unknown model")),
        made=str(meta.get("made", "")),
        settings=dict(meta.get("settings", {})),
        files=[str(p.relative_to(directory)) for p in files],
        arms=arms,
        pairs=pairs,
        families=families,
    )


ARM_HEADER = [
    "suite",
    "arm",
    "passed",
    "success (95% CI)",
    "prompt tokens / episode",
    "model calls",
    "latency (mean)",
    "ended by",
]
PAIR_HEADER = ["suite", "tasks in both arms", "both passed", "guarded only", "raw only", "neither"]
FAMILY_HEADER = ["suite", "family", "raw", "guarded"]


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))) or "-"


def arm_rows(section: RealSection) -> list[list[str]]:
    return [
        [
            a.suite,
            a.arm,
            f"{a.passed}/{a.episodes}",
            f"{100 * a.rate:.0f}% ({100 * a.ci_low:.0f}-{100 * a.ci_high:.0f})",
            f"{a.prompt_tokens_mean:,.0f}",
            f"{a.model_calls_mean:.1f}",
            f"{a.latency_mean_s:.0f} s",
            _counts(a.stop_reasons),
        ]
        for a in section.arms
    ]


def pair_rows(section: RealSection) -> list[list[object]]:
    return [[p.suite, p.tasks, p.both, p.guarded_only, p.raw_only, p.neither] for p in section.pairs]


def family_rows(section: RealSection) -> list[list[str]]:
    return [[f.suite, f.family, f.raw, f.guarded] for f in section.families]


def caveat(section: RealSection) -> str:
    episodes = sum(a.episodes for a in section.arms)
    return (
        f"{episodes} episodes of {section.model}, one trial per task and arm: a small sample of one small "
        "model. Differences within the intervals are not evidence; see docs/real-models.md."
    )


def _md_table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def real_markdown(section: RealSection) -> str:
    """The section as Markdown (a level-2 heading and three tables)."""
    parts = ["## Real model (recorded episodes)", "", caveat(section), ""]
    if section.made:
        parts += [section.made, ""]
    parts += [_md_table(ARM_HEADER, arm_rows(section)), "", _md_table(PAIR_HEADER, pair_rows(section)), ""]
    parts += [_md_table(FAMILY_HEADER, family_rows(section)), ""]
    errors = [f"{a.suite}/{a.arm}: {_counts(a.errors_by_type)}" for a in section.arms]
    parts += ["Tool errors and blocked calls by type: " + "; ".join(errors), ""]
    return "\n".join(parts)


def _html_table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def real_html(section: RealSection) -> str:
    """The section as an HTML fragment."""
    parts = ["<h2>Real model (recorded episodes)</h2>", f"<p>{escape(caveat(section))}</p>"]
    if section.made:
        parts.append(f"<p>{escape(section.made)}</p>")
    parts += [
        _html_table(ARM_HEADER, arm_rows(section)),
        _html_table(PAIR_HEADER, pair_rows(section)),
        _html_table(FAMILY_HEADER, family_rows(section)),
    ]
    return "\n".join(parts)


_SETTING_KEYS = ("sample", "limit", "max_steps", "max_reasks", "max_wall_time")


def run_settings(config: dict[str, Any]) -> dict[str, Any]:
    """The run's sampling of pairs, budgets and model settings (with which ones the model honoured)."""
    settings = {key: config[key] for key in _SETTING_KEYS if config.get(key) is not None}
    llm = config.get("llm")
    if isinstance(llm, dict):
        settings["llm"] = {k: v for k, v in llm.items() if k != "family_tools"}
    return settings


def settings_line(settings: dict[str, Any]) -> str:
    """``settings: sample stratified, max_steps 8, ...; model: temperature 0.0 (honoured), ...``."""
    plain = [f"{k} {v}" for k, v in settings.items() if k != "llm"]
    llm = settings.get("llm") or {}
    honoured = llm.get("honoured") or {}
    model = []
    for key in ("temperature", "seed", "max_tokens"):
        if key in honoured:
            value = "episode seed" if key == "seed" else llm.get(key)
            model.append(f"{key} {value} ({'honoured' if honoured[key] else 'not supported, not sent'})")
    if llm:
        model.append(f"tools {llm.get('tools', 'all')}, {llm.get('tool_descriptions', 'full')} descriptions")
    line = "settings: " + (", ".join(plain) or "defaults (budgets: 25 steps, 10 re-asks, 300 s)")
    return line + ("; model: " + ", ".join(model) if model else "")
