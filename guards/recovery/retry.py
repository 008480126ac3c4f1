"""Re-execute transient failures with backoff, without ever duplicating a write.

:func:`execute_with_retry` runs a call, classifies the result (:mod:`guards.recovery.classify`) and, while the
failure is transient and the budget allows, waits (exponential backoff with full jitter, at least the
server's ``retry_after``, capped) and runs it again, using ``tenacity``.

A write is re-executed only when that cannot duplicate it (:func:`may_retry`):

* the call carries an idempotency key (the pack's ``idempotency`` argument, e.g. a client-chosen event
  ``id``): a repeat of an applied write is then rejected with 409 instead of applied twice; or
* the failure is known not to have applied (a 429 rate-limit refusal; ``details.applied == false``).

A 503 "deadline exceeded" may have applied; without a key such a write goes back to the agent with
advice to check first. When a keyed retry gets 409 (the first attempt did apply), the outcome is a
success: the existing resource is fetched with ``fetch_existing`` when given, else a note stands in.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tenacity import RetryCallState, Retrying, retry_if_result, stop_after_attempt

from guards.errors import ErrorType, make_error
from guards.pack import DomainPack
from guards.paths import get_path
from guards.recovery.classify import Classification, classify

Execute = Callable[[str, dict[str, Any]], Any]


@dataclass
class RetryBudget:
    """Limits on re-execution: per call (attempts, total wait) and per episode (re-executions).

    One budget object is shared by all calls of an episode so ``episode_retries`` adds up; ``sleep``
    is injectable so tests (and simulations) do not wait for real.
    """

    max_attempts: int = 4
    max_episode_retries: int = 20
    initial_wait: float = 0.5
    max_wait: float = 8.0
    max_total_wait: float = 30.0
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=lambda: random.Random(0))
    episode_retries: int = 0

    @property
    def episode_left(self) -> int:
        return max(0, self.max_episode_retries - self.episode_retries)

    def backoff(self, retry_number: int, retry_after: float | None) -> float:
        """Full-jitter exponential backoff: uniform in ``[0, min(max_wait, initial_wait * 2**(n-1))]``.

        A server's ``retry_after`` is a floor, even above ``max_wait``: retrying earlier than the server
        asked only earns another rate-limit error. ``max_total_wait`` still bounds the whole call, so a
        ``retry_after`` longer than what is left of it ends the retries instead.
        """
        ceiling = min(self.max_wait, self.initial_wait * (2 ** (retry_number - 1)))
        wait = self.rng.uniform(0.0, ceiling)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return wait


@dataclass
class RetryOutcome:
    """The final result and its classification, with what it took to get there."""

    result: Any
    classification: Classification
    attempts: int
    waits: list[float] = field(default_factory=list)
    deduplicated: bool = False
    note: str | None = None

    @property
    def ok(self) -> bool:
        return self.classification.ok


AttemptHook = Callable[[int, Classification, float | None], None]
"""``on_attempt(attempt_number, classification, wait_before_next or None)``: called once per attempt,
in order, when the call has settled (for recording RETRY interventions)."""


def may_retry(
    pack: DomainPack | None, tool_name: str, args: Mapping[str, Any], classification: Classification
) -> bool:
    """Can this failed call be re-executed without risking a duplicate write?"""
    if classification.category != "transient":
        return False
    if pack is None or not pack.is_write(tool_name):
        return True
    return has_idempotency_key(pack, tool_name, args) or not classification.may_have_applied


def has_idempotency_key(pack: DomainPack, tool_name: str, args: Mapping[str, Any]) -> bool:
    key_field = pack.idempotency.get(tool_name)
    return key_field is not None and get_path(dict(args), key_field, None) not in (None, "")


def execute_with_retry(
    execute: Execute,
    tool_name: str,
    args: dict[str, Any],
    *,
    is_write: bool,
    idempotent: bool,
    budget: RetryBudget,
    on_attempt: AttemptHook | None = None,
    first: Any = None,
    fetch_existing: Callable[[], Any] | None = None,
) -> RetryOutcome:
    """Run ``execute(tool_name, args)`` until it succeeds, fails for good, or the budget ends.

    ``idempotent`` says a repeat cannot apply twice (a read, or a write carrying its idempotency key).
    ``first`` is the result of an attempt already made elsewhere (the graph's tools node); the first
    re-execution then starts from it instead of running the call again immediately.
    """
    waits: list[float] = []
    seen: list[Classification] = []
    results: list[Any] = []
    planned: list[float] = []

    def attempt() -> Classification:
        if first is not None and not results:
            verdict = first if isinstance(first, Classification) else classify(first, tool_name)
            results.append(first.error if isinstance(first, Classification) else first)
            seen.append(verdict)
            return verdict
        if results:
            budget.episode_retries += 1
        try:
            result = execute(tool_name, args)
        except Exception as exc:  # a raising transport is a result to classify, not a crash
            result = exc
        results.append(result)
        verdict = classify(result, tool_name)
        seen.append(verdict)
        return verdict

    def should_retry(verdict: Classification) -> bool:
        if verdict.category != "transient" or budget.episode_left <= 0:
            return False
        if is_write and not idempotent and verdict.may_have_applied:
            return False
        wait = budget.backoff(len(seen), verdict.retry_after)
        if sum(waits) + wait > budget.max_total_wait:
            return False
        planned.append(wait)
        return True

    def wait_for(state: RetryCallState) -> float:
        waits.append(planned[-1])
        return planned[-1]

    retrying = Retrying(
        retry=retry_if_result(should_retry),
        stop=stop_after_attempt(max(1, budget.max_attempts)),
        wait=wait_for,
        sleep=budget.sleep,
        retry_error_callback=lambda state: seen[-1],
        reraise=False,
    )
    final = retrying(attempt)
    if on_attempt is not None:
        for number, verdict in enumerate(seen, start=1):
            on_attempt(number, verdict, waits[number - 1] if number <= len(waits) else None)
    return _settle(final, results, seen, waits, tool_name, is_write, idempotent, fetch_existing)


def _settle(
    final: Classification,
    results: list[Any],
    seen: list[Classification],
    waits: list[float],
    tool_name: str,
    is_write: bool,
    idempotent: bool,
    fetch_existing: Callable[[], Any] | None,
) -> RetryOutcome:
    attempts = len(results)
    if (
        final.error_type == ErrorType.CONFLICT
        and is_write
        and idempotent
        and attempts > 1
        and any(v.category == "transient" for v in seen[:-1])
    ):
        return _deduplicated(results, seen, waits, tool_name, fetch_existing)
    if final.category == "transient":
        return RetryOutcome(
            results[-1], _gave_up(final, tool_name, is_write, idempotent, attempts), attempts, waits
        )
    return RetryOutcome(results[-1], final, attempts, waits)


def _deduplicated(
    results: list[Any],
    seen: list[Classification],
    waits: list[float],
    tool_name: str,
    fetch_existing: Callable[[], Any] | None,
) -> RetryOutcome:
    """A keyed retry hit 409: an earlier attempt applied. Report success with the existing resource."""
    note = (
        "an earlier attempt was applied although it reported a failure; the retry was rejected as a duplicate"
    )
    existing: Any = None
    if fetch_existing is not None:
        try:
            existing = fetch_existing()
        except Exception:  # the write is known to exist; failing to fetch it is not a failure
            existing = None
    if existing is None or not classify(existing, tool_name).ok:
        existing = {"status": "applied", "note": note}
    return RetryOutcome(existing, Classification("ok"), len(results), waits, deduplicated=True, note=note)


def _gave_up(
    final: Classification, tool_name: str, is_write: bool, idempotent: bool, attempts: int
) -> Classification:
    """A transient failure that is not retried further: unsafe to repeat, or out of budget."""
    error = dict(final.error or make_error(ErrorType.TRANSIENT, tool_name, "transient failure"))
    if is_write and not idempotent and final.may_have_applied:
        error["remediation"] = [
            "This write may have been applied. Check first (list or get the resource) and repeat it only "
            "if it is missing."
        ]
        return Classification("repairable", final.error_type, final.retry_after, error, True)
    error["remediation"] = [
        f"Retry budget exhausted after {attempts} attempt(s): stop retrying this call and tell the user "
        "the service is unavailable right now."
    ]
    return Classification("permanent", final.error_type, final.retry_after, error, final.may_have_applied)


def existing_resource_fetcher(
    pack: DomainPack, execute: Execute, tool_name: str, args: Mapping[str, Any]
) -> Callable[[], Any] | None:
    """For a keyed write, a function that finds the resource its key names via the pack's lookups.

    It tries the reference lookups whose id field is the idempotency argument and whose pass-through
    arguments the call has, most specific first (for ``events_insert``: ``events_list(calendarId)``).
    """
    key_field = pack.idempotency.get(tool_name)
    key = get_path(dict(args), key_field, None) if key_field else None
    if key_field is None or not isinstance(key, str):
        return None
    listings: list[tuple[str, dict[str, Any], str]] = []
    specs = sorted(pack.references.values(), key=lambda spec: -len(spec.lookup.pass_args))
    for spec in specs:
        lookup = spec.lookup
        if lookup.id != key_field or lookup.query is not None:
            continue
        if not all(isinstance(args.get(name), str) for name in lookup.pass_args):
            continue
        listing = (
            lookup.tool,
            {**lookup.args, **{name: args[name] for name in lookup.pass_args}},
            lookup.items,
        )
        if listing not in listings:
            listings.append(listing)
    return _Fetcher(execute, listings, key_field, key) if listings else None


@dataclass(frozen=True)
class _Fetcher:
    """Finds the item whose ``key_field`` is ``key`` in listings made with ``execute``."""

    execute: Execute
    listings: list[tuple[str, dict[str, Any], str]]
    key_field: str
    key: str

    def __call__(self) -> Any:
        for tool, args, items in self.listings:
            listing = self.execute(tool, dict(args))
            page = get_path(listing, items, []) if isinstance(listing, dict) else []
            for item in page if isinstance(page, list) else []:
                if isinstance(item, dict) and get_path(item, self.key_field, None) == self.key:
                    return item
        return None
