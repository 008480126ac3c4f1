"""Charts for the HTML report, rendered by matplotlib to inline SVG strings (no files, no network)."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from evals.report.schema import Report

ARM_COLORS = {"raw": "#9e9e9e", "guarded": "#1f77b4"}
_PALETTE = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
]
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)


def figure_to_svg(figure: Figure) -> str:
    """The figure as an ``<svg>`` element (XML prologue, DOCTYPE and metadata stripped)."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "lookup-guards"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1))


def _new(width: float, height: float) -> tuple[Figure, Axes]:
    # Figure without pyplot: no global backend state, safe to use from any thread.
    figure = Figure(figsize=(width, height))
    return figure, figure.subplots()


def success_chart(report: Report) -> str:
    """Grouped bars: success per variant and arm, with 95% CI whiskers."""
    variants = ["explicit", "natural", "all"]
    figure, axes = _new(6.4, 3.4)
    width = 0.38
    for offset, arm in ((-width / 2, "raw"), (width / 2, "guarded")):
        rates = [report.rate(arm, v) for v in variants]
        values = [100 * r.rate if r else 0.0 for r in rates]
        # max(0, .): the interval's ends can sit a rounding error inside the rate at 0% and 100%
        low = [max(0.0, 100 * (r.rate - r.ci_low)) if r else 0.0 for r in rates]
        high = [max(0.0, 100 * (r.ci_high - r.rate)) if r else 0.0 for r in rates]
        positions = [i + offset for i in range(len(variants))]
        bars = axes.bar(
            positions, values, width, yerr=[low, high], capsize=4, label=arm, color=ARM_COLORS[arm]
        )
        axes.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=2, fontsize=8)
    axes.set_xticks(range(len(variants)), variants)
    axes.set_ylim(0, 110)
    axes.set_ylabel("success (%)")
    axes.set_title("Success by arm and variant (95% CI)")
    axes.legend(loc="lower right")
    axes.spines[["top", "right"]].set_visible(False)
    return figure_to_svg(figure)


def stacked_counts_chart(counts: dict[str, dict[str, int]], title: str, ylabel: str) -> str:
    """One stacked bar per arm, one segment per kind."""
    arms = ["raw", "guarded"]
    kinds = sorted({k for arm in arms for k in counts.get(arm, {})})
    figure, axes = _new(6.4, 3.4)
    bottoms = [0.0, 0.0]
    for index, kind in enumerate(kinds):
        values = [float(counts.get(arm, {}).get(kind, 0)) for arm in arms]
        axes.bar(arms, values, 0.5, bottom=bottoms, label=kind, color=_PALETTE[index % len(_PALETTE)])
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    axes.set_ylabel(ylabel)
    axes.set_title(title)
    if kinds:
        axes.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
    else:
        axes.text(0.5, 0.5, "none", ha="center", transform=axes.transAxes)
    axes.spines[["top", "right"]].set_visible(False)
    return figure_to_svg(figure)


def family_chart(report: Report, links: Mapping[str, str] | None = None) -> str:
    """Horizontal paired bars: raw and guarded success per task family (both variants).

    ``links`` maps a family to a URL (an anchor in the same page) its bars link to.
    """
    rows = [f for f in report.families if f.variant == "all"]
    height = max(2.5, 0.42 * len(rows) + 1.0)
    figure, axes = _new(6.4, height)
    bar = 0.38
    for offset, arm in ((bar / 2, "raw"), (-bar / 2, "guarded")):
        values = [100 * (f.raw if arm == "raw" else f.guarded).rate for f in rows]
        positions = [i + offset for i in range(len(rows))]
        bars = axes.barh(positions, values, bar, label=arm, color=ARM_COLORS[arm])
        for patch, family in zip(bars, rows, strict=True):
            if links and family.family in links:
                patch.set_url(links[family.family])
    axes.set_yticks(range(len(rows)), [f.family for f in rows], fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("success (%)")
    axes.set_title("Per-family success, raw vs guarded")
    axes.legend(loc="lower right", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return figure_to_svg(figure)


def flips_chart(report: Report) -> str:
    """Per family: (task, trial) pairs fixed by the guards vs broken by them."""
    families = sorted({f.family for f in report.families})
    fixed = [sum(1 for f in report.flips if f.family == fam and f.direction == "fixed") for fam in families]
    broken = [sum(1 for f in report.flips if f.family == fam and f.direction == "broken") for fam in families]
    height = max(2.5, 0.35 * len(families) + 1.0)
    figure, axes = _new(6.4, height)
    axes.barh(families, fixed, color="#59a14f", label="fixed by guards")
    axes.barh(families, [-b for b in broken], color="#e15759", label="broken by guards")
    axes.axvline(0, color="black", linewidth=0.8)
    axes.invert_yaxis()
    axes.tick_params(axis="y", labelsize=8)
    axes.set_xlabel("episodes (broken <- | -> fixed)")
    axes.set_title("Episodes that flipped between arms")
    axes.legend(loc="lower right", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return figure_to_svg(figure)
