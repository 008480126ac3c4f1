"""The bundled calendar environment: a Google-Calendar-v3-like world behind strict, structured tools.

``from env import CalendarEnv, MCPAction`` gives the gym API; see :mod:`env.gym`.
"""

from env.errors import ErrorType, make_error
from env.faults import FaultConfig
from env.generator import WorldShape, generate_world
from env.gym import CalendarEnv, MCPAction, Observation, StepResult
from env.loader import LoadedWorld, WorldError, load_generated_world, load_world
from env.snapshot import RecordChange, WorldDiff, WorldSnapshot
from env.tools import REGISTRY, ToolSpec
from env.world import bundled_world_names

__all__ = [
    "REGISTRY",
    "CalendarEnv",
    "ErrorType",
    "FaultConfig",
    "LoadedWorld",
    "MCPAction",
    "Observation",
    "RecordChange",
    "StepResult",
    "ToolSpec",
    "WorldDiff",
    "WorldError",
    "WorldShape",
    "WorldSnapshot",
    "bundled_world_names",
    "generate_world",
    "load_generated_world",
    "load_world",
    "make_error",
]
