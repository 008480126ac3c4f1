"""State-based grading: compare the world before and after an episode against a task's expectations.

The grader reads only the world diff (``env.diff(before, after)``), the final world (for ``exists``
expectations) and the agent's final answer. An episode passes when every expectation holds, nothing
forbidden happened, the answer check holds, and no other record changed (collateral damage), with
bookkeeping fields such as ``updated``, ``etag`` and ``sequence`` ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from evals.answers import accepts, judged_outcomes
from evals.matchers import first_mismatch, record_matches
from evals.tasks import AnswerCheck, RecordExpectation, Task

IGNORED_FIELDS = frozenset({"updated", "etag", "sequence", "created", "iCalUID", "htmlLink"})
"""Fields that change as a side effect of any write and never count as a change on their own."""

ChangeKind = Literal["added", "removed", "changed"]
RecordSource = Callable[[str], Iterable[Mapping[str, Any]]]
"""``records(resource) -> records`` of the final world, for ``exists`` expectations."""


@dataclass(frozen=True)
class Change:
    """One record that differs between two snapshots (bookkeeping fields stripped)."""

    resource: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def kind(self) -> ChangeKind:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"

    @property
    def is_deletion(self) -> bool:
        """Removed, or (Google Calendar style) marked cancelled."""
        if self.after is None:
            return True
        return self.after.get("status") == "cancelled" and (self.before or {}).get("status") != "cancelled"

    def calendars(self) -> set[str]:
        """The calendars this change touches (its own id for a calendar record)."""
        found: set[str] = set()
        for record in (self.before, self.after):
            if not record:
                continue
            if self.resource == "calendar" and isinstance(record.get("id"), str):
                found.add(record["id"])
            if isinstance(record.get("calendarId"), str):
                found.add(record["calendarId"])
        return found

    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))

    def describe(self) -> str:
        if self.kind == "changed":
            return f"{self.key} changed ({', '.join(self.changed_fields())})"
        return f"{self.key} {self.kind}"


def _strip(record: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {k: v for k, v in record.items() if k not in IGNORED_FIELDS}


def normalize_changes(raw: Iterable[Any]) -> list[Change]:
    """Turn env ``RecordChange`` objects (or equivalent dicts) into :class:`Change` objects.

    Changes that only touch ignored bookkeeping fields are dropped.
    """
    changes: list[Change] = []
    for item in raw:
        get = item.get if isinstance(item, Mapping) else lambda name, _i=item: getattr(_i, name)
        change = Change(str(get("resource")), str(get("key")), _strip(get("before")), _strip(get("after")))
        if change.kind == "changed" and change.before == change.after:
            continue
        changes.append(change)
    return changes


FailureKind = Literal["missing_write", "wrong_value", "forbidden_write", "collateral_change", "answer"]


@dataclass(frozen=True)
class Failure:
    """One thing that did not hold: a coarse kind (for the error taxonomy) and a readable message."""

    kind: FailureKind
    message: str


@dataclass
class GradeResult:
    """The verdict on one episode."""

    passed: bool
    failure_list: list[Failure] = field(default_factory=list)
    wrong_entity_writes: int = 0
    collateral: list[str] = field(default_factory=list)
    writes: int = 0

    @property
    def failures(self) -> list[str]:
        return [f.message for f in self.failure_list]

    @property
    def failed_expectation(self) -> str | None:
        """The first thing that failed (``None`` when passed)."""
        return self.failure_list[0].message if self.failure_list else None

    @property
    def failure_kind(self) -> FailureKind | None:
        return self.failure_list[0].kind if self.failure_list else None


def _candidates(expectation: RecordExpectation, changes: Sequence[Change]) -> list[Change]:
    same = [c for c in changes if c.resource == expectation.resource]
    if expectation.kind == "created":
        return [c for c in same if c.kind == "added" and record_matches(expectation.match, c.after)]
    if expectation.kind == "deleted":
        return [c for c in same if c.is_deletion and record_matches(expectation.match, c.before)]
    return [
        c
        for c in same
        if c.kind == "changed" and not c.is_deletion and record_matches(expectation.match, c.before)
    ]


def _check_record_expectation(
    expectation: RecordExpectation, changes: Sequence[Change], claimed: set[str], touched: set[str]
) -> Failure | None:
    """Check one expectation; claim the changes that satisfy it.

    Changes to the right record with wrong values are added to ``touched``: they fail the
    expectation but are neither collateral damage nor wrong-entity writes.
    """
    candidates = [c for c in _candidates(expectation, changes) if c.key not in claimed]
    satisfied = [c for c in candidates if record_matches(expectation.fields, c.after)]
    if len(satisfied) >= expectation.count:
        claimed.update(c.key for c in satisfied[: expectation.count])
        return None
    touched.update(c.key for c in candidates)
    if len(satisfied) < len(candidates):
        wrong = next(c for c in candidates if c not in satisfied)
        reason = first_mismatch(expectation.fields, wrong.after)
        return Failure("wrong_value", f"{expectation.describe()}: {wrong.key} {reason}")
    found = f"found {len(satisfied)} of {expectation.count}" if expectation.count > 1 else "not found"
    return Failure("missing_write", f"{expectation.describe()}: {found}")


def _check_exists(expectation: RecordExpectation, records: RecordSource | None) -> Failure | None:
    if records is None:
        return Failure("missing_write", f"{expectation.describe()}: the final world is not available")
    matching = [r for r in records(expectation.resource) if record_matches(expectation.match, r)]
    if not matching:
        return Failure("missing_write", f"{expectation.describe()}: no such record in the final world")
    if not any(record_matches(expectation.fields, r) for r in matching):
        reason = first_mismatch(expectation.fields, matching[0])
        return Failure("wrong_value", f"{expectation.describe()}: {reason}")
    return None


def check_answer(check: AnswerCheck, answer: str, final_status: str | None = None) -> str | None:
    """The reason ``answer`` fails ``check``, or ``None``.

    ``final_status`` is the agent's structured final status, when it gave one (it decides
    ``outcomes``; see :mod:`evals.answers`).
    """
    if check.outcomes and not accepts(check.outcomes, answer, final_status):
        judged = sorted(judged_outcomes(answer, final_status)) or ["nothing recognisable"]
        return f"answer should be one of {list(check.outcomes)!r}; judged: {', '.join(judged)}"
    text = answer.casefold()
    if check.include_any and not any(p.casefold() in text for p in check.include_any):
        return f"answer should mention one of {check.include_any!r}"
    missing = [p for p in check.include_all if p.casefold() not in text]
    if missing:
        return f"answer should mention {missing!r}"
    present = [p for p in check.exclude if p.casefold() in text]
    if present:
        return f"answer should not say {present!r}"
    return None


def grade(
    task: Task,
    changes: Iterable[Any],
    final_answer: str,
    records: RecordSource | None = None,
    final_status: str | None = None,
) -> GradeResult:
    """Grade one episode of ``task`` from its world diff, final world and final answer.

    ``final_status``: the agent's structured final status, if it gave one (for answer outcomes).
    """
    diff = normalize_changes(changes)
    failures: list[Failure] = []
    claimed: set[str] = set()
    touched: set[str] = set()
    for expectation in task.expect:
        if expectation.kind == "exists":
            problem = _check_exists(expectation, records)
        else:
            problem = _check_record_expectation(expectation, diff, claimed, touched)
        if problem:
            failures.append(problem)

    if task.forbid.any_write and diff:
        failures.append(Failure("forbidden_write", f"forbidden write: {diff[0].describe()}"))
    forbidden = set(task.forbid.writes_to_calendars)
    for change in diff:
        hit = change.calendars() & forbidden
        if hit:
            message = f"forbidden write to calendar {sorted(hit)[0]}: {change.describe()}"
            failures.append(Failure("forbidden_write", message))

    unclaimed = [c for c in diff if c.key not in claimed and c.key not in touched]
    collateral = [] if task.allow_collateral else [c.describe() for c in unclaimed]
    failures.extend(Failure("collateral_change", f"collateral change: {text}") for text in collateral)

    if task.answer is not None:
        answer_problem = check_answer(task.answer, final_answer, final_status)
        if answer_problem:
            failures.append(Failure("answer", answer_problem))

    targeted = {e.resource for e in task.expect if e.kind != "exists"}
    wrong = [c for c in unclaimed if not targeted or c.resource in targeted or c.calendars() & forbidden]
    return GradeResult(
        passed=not failures,
        failure_list=failures,
        wrong_entity_writes=len(wrong),
        collateral=collateral,
        writes=len(diff),
    )
