"""The run-wide settings of an ``llm:`` agent, as one hashable, picklable value.

The A/B runner ships these to every episode (threads, processes, Ray workers) and stores them with the
run, so a report can say how the model was asked to sample and what it was shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast

from agents.sampling import Sampling
from agents.toolprompt import ToolPolicy

ToolDescriptions = Literal["full", "compact"]


@dataclass(frozen=True)
class LLMOptions:
    """``temperature``/``max_tokens``: ``None`` keeps the provider default; ``seed``: send the episode seed.

    ``tool_descriptions``: ``full`` or ``compact``; ``tools``: a :class:`~agents.toolprompt.ToolPolicy`
    spec (``all``, ``family``, ``select:K`` or a comma-separated list); ``family_tools``: for ``family``.
    """

    temperature: float | None = None
    seed: bool = False
    max_tokens: int | None = None
    tool_descriptions: ToolDescriptions = "full"
    tools: str = "all"
    family_tools: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        if self.tool_descriptions not in ("full", "compact"):
            raise ValueError(f"tool descriptions {self.tool_descriptions!r}: use full or compact")
        self.policy()  # a bad tool policy fails here, before any episode

    @property
    def sampling(self) -> Sampling:
        return Sampling(temperature=self.temperature, seed=self.seed, max_tokens=self.max_tokens)

    def policy(self) -> ToolPolicy:
        return ToolPolicy(self.tools, dict(self.family_tools))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (``family_tools`` as a mapping of lists)."""
        return {
            "temperature": self.temperature,
            "seed": self.seed,
            "max_tokens": self.max_tokens,
            "tool_descriptions": self.tool_descriptions,
            "tools": self.tools,
            "family_tools": {family: list(names) for family, names in self.family_tools},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LLMOptions:
        families = data.get("family_tools") or {}
        return cls(
            temperature=data.get("temperature"),
            seed=bool(data.get("seed", False)),
            max_tokens=data.get("max_tokens"),
            tool_descriptions=cast(ToolDescriptions, data.get("tool_descriptions", "full")),
            tools=str(data.get("tools", "all")),
            family_tools=tuple((family, tuple(names)) for family, names in sorted(families.items())),
        )
