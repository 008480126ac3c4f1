"""The types every stage shares: the call on its way through, the catalog it is checked against, and
the stage contract.

This module is a leaf: it imports nothing that runs stages, so every stage can import it and
:mod:`guards.core` can import every stage without a cycle.

The stage contract
------------------

A *stage* is a plain function::

    def stage(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None: ...

:class:`guards.Guard` runs its stages in order on one :class:`PendingCall` (a private JSON copy of
the agent's arguments), and the result is a :class:`~guards.verdict.Verdict`.

A stage **may**:

* change ``call.args`` (and, for the tool-name stage only, ``call.tool_name``) in place — but only by a
  *semantics-preserving* repair: the repaired call must mean what the agent's call meant, read in the
  light of what the user said (``ctx.user_messages``) and what the tools returned
  (``ctx.tool_results``). A change that would be a guess is a block, never a repair;
* read through the tools' own read operations with ``ctx.cached_lookup(tool, args)`` (only when
  ``ctx.lookup`` is set; without it a stage that needs a lookup either skips or blocks saying so);
* add a field path to ``call.resolved_fields`` to tell later stages that a value was just confirmed
  against a lookup (so an ordering check does not ask for it again).

A stage **must**:

* record every change with :meth:`PendingCall.record` (kind, field, before, after, reason), so that the
  verdict lists every intervention and a caller can count and audit them;
* leave a call that is already correct untouched and unrecorded ("do no harm": a gold call passes
  every stage unchanged);
* stop the call by raising :class:`Blocked` with a wire-format error payload
  (:func:`guards.errors.make_error`): the error names the fields to fix and, where the stage knows them,
  the candidates or an example, so the agent can recover. Raising ends the pipeline; the interventions
  recorded so far stay in the verdict.

A stage **must not** execute a write, keep state between calls other than through ``ctx.session``
(the episode's lookup cache), or raise anything but :class:`Blocked` for a bad call.

Stages are plain functions rather than subclasses of a "repair" or "check" base: each stage's
applicability test is a line or two, and a base class would add a layer without making one shorter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from guards.context import GuardContext
from guards.pack import DomainPack
from guards.verdict import Intervention


class Blocked(Exception):
    """Raised by a stage to block the call with a wire-format error."""

    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(error.get("message", "blocked"))
        self.error = error


@dataclass
class PendingCall:
    """A call on its way through the stages."""

    tool_name: str
    args: dict[str, Any]
    original_tool_name: str
    interventions: list[Intervention] = field(default_factory=list)
    resolved_fields: set[str] = field(default_factory=set)
    # People already on a resource this call changes (an event's attendees, lower-cased): an entry
    # that keeps one of them is not a new choice the user's words must name.
    people_on_target: set[str] = field(default_factory=set)
    # The timed item (an event) this call changes, as the resolver read it: what it is now.
    target_item: dict[str, Any] | None = None

    def record(self, kind: str, field_path: str | None, before: Any, after: Any, reason: str) -> None:
        """Record one change or decision (see :class:`~guards.verdict.InterventionKind` for kinds)."""
        self.interventions.append(Intervention(kind, self.tool_name, field_path, before, after, reason))


@dataclass(frozen=True)
class ToolCatalog:
    """The pack plus the JSON Schemas of the tools being guarded."""

    pack: DomainPack
    schemas: Mapping[str, Mapping[str, Any]]

    def schema(self, tool_name: str) -> Mapping[str, Any] | None:
        return self.schemas.get(tool_name)

    @property
    def tool_names(self) -> list[str]:
        return list(self.schemas)


Stage = Callable[[PendingCall, GuardContext, ToolCatalog], None]
"""``stage(call, ctx, catalog) -> None``: see the stage contract above."""
