"""The gym-style API: ``CalendarEnv.reset()`` / ``step(MCPAction)`` plus direct ``call_tool``.

This mirrors the OpenEnv MCP environment flow::

    env = CalendarEnv()                                   # acme world, default actor and clock
    env.reset()
    tools = env.step(MCPAction(action_type="ListToolsAction")).observation.tools_list
    obs = env.step(MCPAction(action_type="ToolCallAction", tool_name="calendars_list",
                             arguments={})).observation
    obs.tool_result["items"]

Every environment owns its own SQLite database: the world's read-only template plus an overlay of
this episode's changes, which ``reset()`` empties (see :mod:`env.store`).
"""

from __future__ import annotations

import random
import threading
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from env.faults import FaultConfig, FaultInjector
from env.loader import LoadedWorld, load_world
from env.session import Session
from env.snapshot import Resource, WorldDiff, WorldSnapshot, diff_snapshots, take_snapshot
from env.store import SessionDatabase
from env.timefmt import parse_rfc3339, zone
from env.tools import REGISTRY, ToolSpec, call_tool

if TYPE_CHECKING:
    from langchain_core.tools import BaseTool


class MCPAction(BaseModel):
    """One agent action: list the tools, or call one tool with JSON arguments."""

    model_config = ConfigDict(extra="forbid")

    action_type: Literal["ListToolsAction", "ToolCallAction"]
    tool_name: str | None = None
    arguments: dict[str, Any] = Field(default_factory=dict)


class Observation(BaseModel):
    """What the agent observes after a reset or a step."""

    success: bool = True
    error_message: str | None = None
    tools_list: list[dict[str, Any]] | None = None
    tool_result: dict[str, Any] | None = None
    done: bool = False
    reward: float | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)


class StepResult(BaseModel):
    """The return value of ``reset`` and ``step``."""

    observation: Observation
    reward: float | None = None
    done: bool = False


def _as_instant(value: datetime | str, what: str) -> datetime:
    if isinstance(value, str):
        return parse_rfc3339(value, what)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware (got naive {value.isoformat()}).")
    return value


class CalendarEnv:
    """A calendar world for one acting user, with a settable clock and seeded IDs and faults.

    ``world`` is a bundled world name ("acme"), a world file path or an inline dict. ``actor``
    defaults to the world's default actor and ``now`` to the world's clock. Arguments given to
    :meth:`reset` apply to that episode only; omitted ones fall back to the constructor's.
    """

    def __init__(
        self,
        world: str | dict[str, Any] | LoadedWorld = "acme",
        actor: str | None = None,
        now: datetime | str | None = None,
        seed: int | None = None,
        faults: FaultConfig | None = None,
    ) -> None:
        self._defaults: tuple[
            str | dict[str, Any] | LoadedWorld, str | None, datetime | str | None, int | None
        ] = (
            world,
            actor,
            now,
            seed,
        )
        self._fault_config = faults
        self._db = SessionDatabase()
        self._lock = threading.RLock()
        self._world_cache: tuple[object, LoadedWorld] | None = None
        self._episode_id = ""
        self._step_count = 0
        self.session: Session
        self.world: LoadedWorld
        self.reset()

    # ---- episode control ------------------------------------------------------------------

    def _world_for(self, source: str | dict[str, Any] | LoadedWorld) -> LoadedWorld:
        if self._world_cache is not None and self._world_cache[0] is source:
            return self._world_cache[1]
        loaded = load_world(source)
        self._world_cache = (source, loaded)
        return loaded

    def reset(
        self,
        seed: int | None = None,
        world: str | dict[str, Any] | LoadedWorld | None = None,
        actor: str | None = None,
        now: datetime | str | None = None,
    ) -> StepResult:
        """Start a fresh episode: back to the world's template (this env's changes are dropped)."""
        default_world, default_actor, default_now, default_seed = self._defaults
        episode_seed = seed if seed is not None else (default_seed if default_seed is not None else 0)
        with self._lock:
            self.world = self._world_for(world if world is not None else default_world)
            self._db.open(self.world.template)
            clock = now if now is not None else default_now
            self.session = Session(
                conn=self._db.conn,
                world_name=self.world.name,
                domain=self.world.domain,
                actor="",
                actor_tz="UTC",
                now=_as_instant(clock, "now") if clock is not None else self.world.now,
                rng=random.Random(episode_seed),
                seq=self.world.max_seq,
                world_key=self.world.fingerprint,
            )
            self.session.load_actor(actor or default_actor or self.world.default_actor)
            if self._fault_config is not None:
                mixed = self._fault_config.model_copy(
                    update={"seed": self._fault_config.seed * 1_000_003 + episode_seed}
                )
                self.session.faults = FaultInjector(mixed)
            self._episode_id = str(uuid.uuid4())  # one per episode: a seed fixes the world, not the id
            self._step_count = 0
        observation = Observation(metadata=self._metadata())
        return StepResult(observation=observation, reward=None, done=False)

    def _metadata(self) -> dict[str, Any]:
        return {
            "world": self.world.name,
            "actor": self.actor,
            "timezone": self.timezone,
            "now": self.now.isoformat(),
            "episode_id": self._episode_id,
            "step_count": self._step_count,
        }

    def step(self, action: MCPAction | dict[str, Any]) -> StepResult:
        """Apply one action; tool failures are observations (success=false), never exceptions."""
        if isinstance(action, dict):
            action = MCPAction.model_validate(action)
        self._step_count += 1
        if action.action_type == "ListToolsAction":
            tools = [spec.to_dict() for spec in self.tool_specs()]
            observation = Observation(tools_list=tools, metadata={"step_count": self._step_count})
            return StepResult(observation=observation)
        result = self.call_tool(action.tool_name or "", action.arguments)
        failed = result.get("ok") is False
        observation = Observation.model_construct(
            success=not failed,
            error_message=result.get("message") if failed else None,
            tools_list=None,
            tool_result=result,
            done=False,
            reward=None,
            metadata={
                "tool_name": action.tool_name,
                "error_type": result.get("error_type"),
                "step_count": self._step_count,
            },
        )
        return StepResult.model_construct(observation=observation, reward=None, done=False)

    # ---- tools ----------------------------------------------------------------------------

    def call_tool(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        """Call a tool as the acting user: the result dict, or a wire-format error dict."""
        with self._lock:
            return call_tool(self.session, name, args)

    def tool_specs(self) -> list[ToolSpec]:
        """Name, description and JSON Schema of every tool."""
        return [registered.spec for registered in REGISTRY.values()]

    def langchain_tools(self) -> list[BaseTool]:
        """One LangChain ``StructuredTool`` per env tool (raw JSON Schema; no client-side coercion)."""
        from env.langchain_tools import langchain_tools

        return langchain_tools(self)

    def act_as(self, actor: str) -> None:
        """Switch the acting user within the current episode (the world state is kept)."""
        with self._lock:
            self.session.load_actor(actor)

    # ---- state ----------------------------------------------------------------------------

    @property
    def actor(self) -> str:
        """Email of the acting user."""
        return self.session.actor

    @property
    def timezone(self) -> str:
        """The acting user's IANA time zone (their ``timezone`` setting)."""
        return self.session.actor_tz

    @property
    def now(self) -> datetime:
        """The session clock, in the acting user's time zone."""
        return self.session.now.astimezone(zone(self.session.actor_tz))

    @now.setter
    def now(self, value: datetime | str) -> None:
        self.session.now = _as_instant(value, "now")

    @property
    def fault_log(self) -> list[dict[str, Any]]:
        """Faults injected so far this episode (empty without a FaultConfig)."""
        return self.session.faults.log if self.session.faults is not None else []

    @property
    def state(self) -> dict[str, Any]:
        """Episode bookkeeping (OpenEnv-style ``state``)."""
        return self._metadata()

    def snapshot(self) -> WorldSnapshot:
        """Every record of the world right now (read from SQL)."""
        with self._lock:
            return take_snapshot(self._db.conn)

    @staticmethod
    def diff(before: WorldSnapshot, after: WorldSnapshot) -> WorldDiff:
        """Changes between two snapshots."""
        return diff_snapshots(before, after)

    @staticmethod
    def records(snapshot: WorldSnapshot, resource: Resource) -> list[dict[str, Any]]:
        """The records of one kind in a snapshot (e.g. every event), for graders."""
        return snapshot.of(resource)
