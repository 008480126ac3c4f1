"""What a guard decides about one proposed tool call."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Intervention:
    """One change or decision a guard made, recorded as data so it can be counted and audited.

    ``kind`` is a short stable name (see ``InterventionKind``); ``field`` is a path such as
    ``start.dateTime`` or ``attendees[0].email`` (``None`` for whole-call decisions).
    """

    kind: str
    tool: str
    field: str | None
    before: Any
    after: Any
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class InterventionKind:
    """The intervention kinds the built-in stages emit (plain strings, so packs/adapters may add more)."""

    TOOL_NAME = "tool_name_repair"
    FIELD_RENAME = "field_rename"
    FIELD_DROP = "field_drop"
    JSON_STRING = "json_string_decode"
    NESTING = "nesting_repair"
    TYPE_COERCION = "type_coercion"
    ENUM = "enum_repair"
    DATETIME = "datetime_normalized"
    ZONE_FILLED = "zone_filled"
    GROUNDING = "grounding_repair"
    RESOLVED = "reference_resolved"
    IDEMPOTENCY_KEY = "idempotency_key"
    BLOCK = "block"
    RETRY = "retry"
    REASK = "reask"


@dataclass
class Verdict:
    """Either *pass* (``error is None``; ``args`` may have been repaired) or *block* (``error`` set)."""

    tool_name: str
    args: dict[str, Any]
    interventions: list[Intervention] = field(default_factory=list)
    error: dict[str, Any] | None = None

    @property
    def passed(self) -> bool:
        return self.error is None

    @property
    def blocked(self) -> bool:
        return self.error is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool_name": self.tool_name,
            "args": self.args,
            "passed": self.passed,
            "error": self.error,
            "interventions": [i.to_dict() for i in self.interventions],
        }
