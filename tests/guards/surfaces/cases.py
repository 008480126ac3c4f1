"""Malformed-but-clear calls on a surface, judged by the state (and answer) they leave behind.

A :class:`Case` is what a user asked, the call an agent made, and the call the user meant (``gold``;
``None`` when no call does what the user meant: an ambiguous or unknown name, where the right answer
is to stop and ask). Each case runs three times on fresh copies of the surface: the gold call (the
meant outcome), the agent's call raw, and the agent's call through the guard. An outcome is the
surface's state after the call, plus the answer for reads; a call that fails leaves the state as it
was and has no answer.

The guarded arm is one of:

* ``repaired`` — the guard changed the call and the outcome is the meant one;
* ``unchanged_right`` — passed untouched and the outcome is the meant one;
* ``blocked_correctly`` — nothing does what the user meant, and the guard stopped the call;
* ``blocked_clear`` — the meaning was clear, yet the guard stopped the call (a miss, never harm);
* ``passed_wrong`` — the guard let through a call whose outcome is not the meant one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from guards import Guard, GuardContext
from guards.recovery.classify import classify

GUARDED_OUTCOMES = ("repaired", "unchanged_right", "blocked_correctly", "blocked_clear", "passed_wrong")


class Surface(Protocol):
    def __call__(self, tool: str, args: dict[str, Any]) -> Any: ...

    def state(self) -> Any: ...


@dataclass(frozen=True)
class Case:
    klass: str
    request: str
    tool: str
    args: dict[str, Any]
    gold: tuple[str, dict[str, Any]] | None
    reads: bool = False

    @property
    def name(self) -> str:
        return f"{self.klass}:{self.tool}"


@dataclass(frozen=True)
class Judged:
    case: Case
    raw_right: bool
    guarded: str
    error: dict[str, Any] | None


def outcome(surface: Surface, tool: str, args: dict[str, Any], *, reads: bool, errors: Any = None) -> Any:
    """The surface's state after the call, and for reads its answer (``None`` if the call failed)."""
    result = surface(tool, args)
    answer = result if reads and classify(result, tool, errors).ok else None
    return surface.state(), answer


def judge(
    case: Case,
    make_surface: Callable[[], Surface],
    guard: Guard,
    context: Callable[[Surface, Case], GuardContext],
) -> Judged:
    errors = guard.pack.errors
    meant_surface = make_surface()
    if case.gold is None:
        meant = (meant_surface.state(), None)
    else:
        meant = outcome(meant_surface, *case.gold, reads=case.reads, errors=errors)
    raw = outcome(make_surface(), case.tool, case.args, reads=case.reads, errors=errors)
    raw_right = raw == meant
    surface = make_surface()
    verdict = guard.check(case.tool, case.args, context(surface, case))
    if verdict.blocked:
        kind = "blocked_correctly" if case.gold is None else "blocked_clear"
        return Judged(case, raw_right, kind, verdict.error)
    after = outcome(surface, verdict.tool_name, verdict.args, reads=case.reads, errors=errors)
    if case.gold is None or after != meant:
        return Judged(case, raw_right, "passed_wrong", None)
    changed = verdict.tool_name != case.tool or verdict.args != case.args
    return Judged(case, raw_right, "repaired" if changed else "unchanged_right", None)


def tally(judged: Sequence[Judged]) -> dict[str, Any]:
    """Counts per guarded outcome, and how many calls left the meant outcome raw."""
    counts = Counter(j.guarded for j in judged)
    return {
        "calls": len(judged),
        "raw_right": sum(j.raw_right for j in judged),
        **{kind: counts.get(kind, 0) for kind in GUARDED_OUTCOMES},
    }
