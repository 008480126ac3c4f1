"""Make guard decisions visible to LangChain/LangSmith callback handlers without user work.

Each intervention is dispatched as a custom callback event named ``guard_intervention`` on the run of
the node (or tool) that made it, so ``BaseCallbackHandler.on_custom_event`` and LangSmith traces show it
next to the node's name and metadata.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from langchain_core.callbacks import dispatch_custom_event
from langchain_core.runnables import RunnableConfig

INTERVENTION_EVENT = "guard_intervention"

GUARD_TAG = "lookup_guards"
"""Tag on every guard node run (plus ``guard:<node>``)."""

NODE_METADATA_KEY = "guard_stage"
"""Metadata key every guard node carries (``agent``, ``resolve``, ``validate``, ``tools``, ``retry``)."""


def emit_interventions(interventions: Iterable[dict[str, Any]], config: RunnableConfig | None) -> None:
    """Dispatch one ``guard_intervention`` event per intervention (no-op outside a traced run)."""
    if config is None:
        return
    for intervention in interventions:
        try:
            dispatch_custom_event(INTERVENTION_EVENT, intervention, config=config)
        except RuntimeError:
            # No parent run (the guard was called outside any runnable): nobody is listening.
            return
