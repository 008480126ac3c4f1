"""lookup-guards: deterministic lookup-and-validate middleware for tool-using LLM agents."""

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext, GuardSession, ToolObservation
from guards.core import Guard
from guards.errors import ErrorType, ToolError, make_error
from guards.pack import DomainPack, load_pack
from guards.verdict import Intervention, InterventionKind, Verdict

__all__ = [
    "Blocked",
    "DomainPack",
    "ErrorType",
    "Guard",
    "GuardContext",
    "GuardSession",
    "Intervention",
    "InterventionKind",
    "PendingCall",
    "ToolCatalog",
    "ToolError",
    "ToolObservation",
    "Verdict",
    "load_pack",
    "make_error",
]
