"""Agents to guard: any LangChain chat model, calibrated simulated agents, the oracle, and replay.

>>> from agents import build_agent_factory
>>> factory = build_agent_factory("simulated:calibrated")
>>> model = factory(spec, seed=0, env=env)   # a LangChain chat model for one episode

Spec strings: ``simulated:<profile>`` (a bundled profile name or a YAML path), ``oracle``,
``replay:<file.jsonl>`` (``replay:<file.jsonl>#raw``: the raw arm's recordings in both arms),
``llm:<provider:model>`` (``base_url`` for OpenAI-compatible servers), and
``llm-json:<provider:model>`` for models without native tool calls (tools described in the prompt,
calls parsed from the reply's JSON).
"""

from __future__ import annotations

from pathlib import Path

from agents.base import AgentFactory, AgentSpecError, EpisodeSpec, EpisodeUsage, PlanStepSpec
from agents.llm_options import LLMOptions

AGENT_KINDS = ("simulated", "oracle", "replay", "llm", "llm-json")


def build_agent_factory(
    spec_string: str,
    *,
    base_url: str | None = None,
    profile_dir: str | Path | None = None,
    llm_options: LLMOptions | None = None,
) -> AgentFactory:
    """The factory an agent spec string names (raises :class:`AgentSpecError` with the valid forms).

    ``llm_options`` (sampling, tool descriptions and subset) apply to ``llm:`` and ``llm-json:`` agents.
    """
    kind, _, rest = spec_string.strip().partition(":")
    if kind == "oracle" and not rest:
        from agents.oracle import OracleFactory

        return OracleFactory()
    if kind == "simulated" and rest:
        from agents.simulated import SimulatedAgentFactory

        return SimulatedAgentFactory(rest, profile_dir=str(profile_dir) if profile_dir else None)
    if kind == "replay" and rest:
        from agents.replay import RecordingError, ReplayFactory

        path, _, arm = rest.rpartition("#")
        if arm not in ("raw", "guarded"):
            path, arm = rest, ""
        try:
            return ReplayFactory(path, arm=arm or None)
        except (OSError, RecordingError) as error:
            raise AgentSpecError(f"cannot load replay file {rest!r}: {error}") from error
    if kind in ("llm", "llm-json") and rest:
        from agents.llm import LLMAgentFactory

        options = llm_options or LLMOptions()
        return LLMAgentFactory(
            rest,
            base_url=base_url,
            json_mode="always" if kind == "llm-json" else "auto",
            sampling=options.sampling,
            tool_descriptions=options.tool_descriptions,
            tool_policy=options.policy(),
        )
    raise AgentSpecError(
        f"unknown agent spec {spec_string!r}; use simulated:<profile>, oracle, replay:<file.jsonl>, "
        "llm:<provider:model> or llm-json:<provider:model>"
    )


__all__ = [
    "AGENT_KINDS",
    "AgentFactory",
    "AgentSpecError",
    "EpisodeSpec",
    "EpisodeUsage",
    "LLMOptions",
    "PlanStepSpec",
    "build_agent_factory",
]
