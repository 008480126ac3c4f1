"""Simulated agents: the gold plan, perturbed by the mistakes real LLM agents make.

*These are simulations.* Results on them measure how much of a modelled failure distribution the
guards cover, not how a real model behaves. What they model:

* before the episode, which errors happen where (:func:`agents.operators.draw_decisions`, seeded by
  ``(seed, task_id)``, rates from a :class:`~agents.profiles.Profile` for the task's variant);
* while it runs, how the agent reacts to what comes back: it fixes the field an error names with a
  probability that depends on how specific the error is, performs a lookup it skipped when the fix needs
  its result, uses the item an error says the user named (``contradicts_user_words``), asks the user on
  ``ambiguous_reference``, says access is missing on ``permission_error``, makes the writes an
  answer check says its answer claimed (:mod:`agents.answer_feedback`), and gives up (saying so)
  when its re-ask budget is spent.

The same seed gives the same episode; fix decisions come from their own random stream so that the
errors drawn do not depend on what the tools answered. The mistakes come from the profile's operator
set (:mod:`agents.operator_sets`); a set with recovery operators (the independent one) also draws, from
a third stream, whether a fix lands on another wrong value, and whether the agent gives up early.
"""

from __future__ import annotations

import copy
import hashlib
import random
from collections import deque
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from pydantic import PrivateAttr

from agents.advice import ORDERING_OPS, take_advice
from agents.answer_feedback import redo_claimed_writes
from agents.attempt import Attempt
from agents.base import EpisodeSpec, PlanStepSpec, is_error_payload, tool_result_payload
from agents.emitted import EmittedArgs, call_message
from agents.operator_sets import operator_set
from agents.operators import OPERATORS, Decision, is_write_tool
from agents.perturb import CallContext, Perturbation, TraceEvent
from agents.plan import Ref, RefError, iter_refs, resolve_ref
from agents.profiles import Profile, load_profile
from agents.reactions import advised_value, ask_which, error_fields, no_access, specificity, wrong_tool_call
from agents.recovery import RecoveryMistakes
from agents.scripted import ScriptedChatModel
from agents.world import WorldView
from guards.graph.episode import is_guard_feedback
from guards.paths import get_path, set_path

CARELESS_ANSWER = "Done: I made the change you asked for."


class SimulatedPolicy:
    """The decision logic of one simulated episode, independent of LangChain."""

    def __init__(
        self,
        spec: EpisodeSpec,
        profile: Profile,
        seed: int,
        world: WorldView,
        schemas: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.spec = spec
        self.profile = profile
        self.world = world
        self.schemas = schemas or {}
        self.trace: list[TraceEvent] = []
        self.operator_set = operator_set(profile.operators)
        key = f"{seed}:{spec.task_id}"
        decide, self._fix_rng = random.Random(key), random.Random(f"{key}:fix")
        self._value_rng = random.Random(f"{key}:values")
        rates = profile.rates(spec.variant)
        self._recovery = RecoveryMistakes(self.operator_set, rates, key)
        self.plan, self.final_answer, self.decisions = spec.plan, spec.final_answer, []
        # Careless = writing when the right answer is not to (refuse, or ask): only no-write gold plans.
        if "careless_write" in self.operator_set.operators and not any(
            is_write_tool(s.tool) for s in spec.plan
        ):
            careless = decide.random() < rates.get("careless_write", 0.0)
            self.decisions.append(Decision("careless_write", None, None, careless))
            if careless:
                self.plan, self.final_answer = spec.alternative_plan, CARELESS_ANSWER
                self.trace_event("careless_write", None, ())
        self.decisions += self.operator_set.draw(
            self.plan, rates, decide, schemas=self.schemas, timezone=spec.timezone
        )
        self._queue: deque[int] = deque(self._emission_order())
        self._results: dict[str, Any] = {}
        self._done: set[int] = set()
        self._attempt: Attempt | None = None
        self._carried: dict[int, list[Perturbation]] = {}
        self._reasks = 0
        self._corrected: set[int] = set()
        self.final: str | None = None

    # -- setup ---------------------------------------------------------------------------------------

    def trace_event(self, op: str, step: int | None, fields: tuple[str, ...]) -> TraceEvent:
        operator = self.operator_set.operators.get(op) or OPERATORS.get(op)
        event = TraceEvent(op, operator.category.value if operator else "ordering", step, fields)
        self.trace.append(event)
        return event

    def _applied(self, step: int, op: str) -> bool:
        return any(d.applied and d.step == step and d.op == op for d in self.decisions)

    def _emission_order(self) -> list[int]:
        order = list(range(len(self.plan)))
        saved_at = {s.save_as: i for i, s in enumerate(self.plan) if s.save_as}
        for index, step in enumerate(self.plan):
            for op in ("skip_lookup", "skip_step"):
                if self._applied(index, op):
                    order.remove(index)
                    self.trace_event(op, index, ())
            if self._applied(index, "premature_write") and index in order:
                deps = [saved_at[r.step] for _, r in iter_refs(step.args) if r.step in saved_at]
                first_dep = min(d for d in deps if not is_write_tool(self.plan[d].tool))
                order.insert(order.index(first_dep) if first_dep in order else 0, index)
                self.trace_event("premature_write", index, ())
        return order

    # -- acting --------------------------------------------------------------------------------------

    @property
    def mistakes(self) -> list[str]:
        """The operator names of the mistakes made so far, in the order they were made."""
        return [event.op for event in self.trace]

    @property
    def decision_digest(self) -> str:
        """A short hash of the decisions drawn before the episode: equal in both arms of a seed."""
        drawn = repr([(d.op, d.step, d.field, d.applied) for d in self.decisions])
        return hashlib.sha256(drawn.encode()).hexdigest()[:16]

    def act(self) -> tuple[str, EmittedArgs] | str:
        """The next tool call ``(name, args)``, or the final answer text."""
        if self.final is not None:
            return self.final
        if self._attempt is None:
            while self._queue and self._queue[0] in self._done:
                self._queue.popleft()
            if not self._queue:
                self.final = self.final_answer
                return self.final
            self._attempt = self._start(self._queue.popleft())
        return self._attempt.emitted()

    def _start(self, index: int) -> Attempt:
        """A first attempt at a plan step, or a fresh one after the lookup it needed."""
        step = self.plan[index]
        carried = self._carried.pop(index, None)
        tool, args = step.tool, self._resolve(step)
        if self._applied(index, "wrong_tool") and index not in self._corrected:
            tool, args = wrong_tool_call(tool, args)
            if carried is None:
                self.trace_event("wrong_tool", index, ())
        attempt = Attempt(index, tool, args, [], apply=self.operator_set.apply)
        attempt.perturbations.extend(self._unresolved_references(index, step, attempt))
        if carried is not None:
            attempt.perturbations.extend(carried)
            return attempt
        ctx = CallContext(self.world, self.spec.now, self.spec.timezone, self._value_rng, self.schemas)
        for decision in self.decisions:
            operator = self.operator_set.operators.get(decision.op)
            if decision.step != index or not decision.applied or operator is None:
                continue
            if operator.scope in ("episode", "reaction"):
                continue
            if decision.op in ("skip_lookup", "skip_step", "premature_write", "wrong_tool"):
                continue
            perturbation = self.operator_set.materialize(decision, attempt.tool, attempt.args, ctx)
            if perturbation is not None:
                attempt.perturbations.append(perturbation)
                perturbation.event = self.trace_event(decision.op, index, perturbation.fields)
        return attempt

    def _resolve(self, step: PlanStepSpec) -> dict[str, Any]:
        """The step's arguments with every reference whose result is known filled in."""
        args: dict[str, Any] = copy.deepcopy(step.args)
        for path, ref in iter_refs(step.args):
            try:
                set_path(args, path, resolve_ref(ref, self._results))
            except RefError:
                continue  # left as the "$ref" text; _unresolved_references turns it into a name
        return args

    def _unresolved_references(self, index: int, step: PlanStepSpec, attempt: Attempt) -> list[Perturbation]:
        """Arguments whose lookup has not happened: the agent writes the name it was given instead."""
        saved_at = {s.save_as: i for i, s in enumerate(self.plan) if s.save_as}
        found: list[Perturbation] = []
        for path, ref in iter_refs(step.args):
            if not _still_ref(attempt.args, path):
                continue
            dep = saved_at.get(ref.step)
            if dep is not None and dep not in self._done:
                attempt.deferred.add(dep)
            premature = self._applied(index, "premature_write")
            reason = "premature_write" if premature else "skip_lookup"
            event = self._event(reason, index if premature else dep)
            found.append(Perturbation(reason, (path,), {path: self._name_hint(ref, dep)}, event))
        return found

    def _event(self, op: str, step: int | None) -> TraceEvent | None:
        return next((e for e in self.trace if e.op == op and e.step == step), None)

    def _name_hint(self, ref: Ref, dep: int | None) -> str:
        """What the user called the thing: the ``[summary=Team]`` filter value, or the lookup's query."""
        for token in ref.filters:
            return token.value
        if dep is not None:
            lookup_args = self.plan[dep].args
            for key in ("q", "query", "summary"):
                if isinstance(lookup_args.get(key), str):
                    return str(lookup_args[key])
        return f"<{ref.leaf or 'id'}>"

    # -- observing -----------------------------------------------------------------------------------

    def observe(self, payload: Any) -> None:
        """Take in what the last call returned."""
        attempt = self._attempt
        if attempt is None or self.final is not None:
            return
        if not is_error_payload(payload):
            self._succeed(attempt, payload)
            return
        kind = str(payload.get("error_type"))
        if kind == "ambiguous_reference":
            self.final = ask_which(payload)
        elif kind == "permission_error" and advised_value(payload) is None:
            self.final = no_access(payload)  # unless the error redirects to what the user asked for
        elif (
            attempt.reasks >= self.profile.budget.reasks_per_call
            or self._reasks >= self.profile.budget.reasks_total
        ):
            self.final = f"Sorry, I could not complete the request: {payload.get('message', kind)}"
            self._mark_blocking(attempt, payload)
        elif kind not in ("rate_limit_error", "transient_error") and self._recovery.strikes("give_up_early"):
            self.final = self._recovery.vague_answer()
            self.trace_event("give_up_early", attempt.step, ()).blocking = True
            self._mark_blocking(attempt, payload)
        else:
            attempt.reasks += 1
            self._reasks += 1
            if kind not in ("rate_limit_error", "transient_error"):
                self._try_fix(attempt, payload)

    def _mark_blocking(self, attempt: Attempt, error: dict[str, Any]) -> None:
        """Charge giving up to the mistakes the last error was about (all remaining ones if unclear)."""
        fields = error_fields(error)
        named = [p for p in attempt.perturbations if any(p.names(f) for f in fields)]
        if error.get("error_type") == "unknown_tool":
            named = [p for p in attempt.perturbations if p.op == "tool_name_variant"]
        for perturbation in named or attempt.perturbations:
            if perturbation.event is not None:
                perturbation.event.blocking = True

    def _succeed(self, attempt: Attempt, payload: Any) -> None:
        if attempt.step is not None:
            step = self.plan[attempt.step]
            self._done.add(attempt.step)
            if step.save_as:
                self._results[step.save_as] = payload
        self._attempt = None

    def _try_fix(self, attempt: Attempt, error: dict[str, Any]) -> None:
        if take_advice(self, attempt, error):
            return
        fields = error_fields(error)
        fixable = [p for p in attempt.perturbations if p.fixable]
        if error.get("error_type") == "unknown_tool":
            targets = [p for p in fixable if p.op == "tool_name_variant"]
        else:
            targets = [p for p in fixable if any(p.names(f) for f in fields)]
        level = specificity(error)
        if not targets and fixable:
            targets, level = fixable[:1], "generic"
        if not attempt.deferred:  # a reference whose lookup failed cannot be restored
            targets = [p for p in targets if p.op not in ORDERING_OPS]
        if not targets or self._fix_rng.random() >= self.profile.fix.of(level):
            if self._recovery.modelled("repeat_unchanged"):
                self.trace_event("repeat_unchanged", attempt.step, ())
            return  # re-sends the same call
        for perturbation in targets:
            attempt.perturbations.remove(perturbation)
            ctx = CallContext(self.world, self.spec.now, self.spec.timezone, self._value_rng, self.schemas)
            relapsed = self._recovery.relapse(perturbation, attempt.tool, attempt.args, ctx)
            if relapsed is not None:  # a fix that lands on another wrong value
                relapsed.event = self.trace_event("misfix", attempt.step, relapsed.fields)
                attempt.perturbations.append(relapsed)
                continue
            if perturbation.event is not None and not any(
                p.event is perturbation.event for p in attempt.perturbations
            ):
                perturbation.event.fixed = True
        if any(p.op in ORDERING_OPS for p in targets) and attempt.deferred:
            # The fix needs the lookup's result: do the lookup, then this step again, keeping the
            # mistakes the agent has not fixed yet.
            if attempt.step is not None:
                self._queue.appendleft(attempt.step)
                self._carried[attempt.step] = [p for p in attempt.perturbations if p.op not in ORDERING_OPS]
            for dep in sorted(attempt.deferred, reverse=True):
                self._queue.appendleft(dep)
            self._attempt = None


def _still_ref(args: dict[str, Any], path: str) -> bool:
    value = get_path(args, path, None)
    return isinstance(value, str) and value.startswith("$")


class SimulatedChatModel(ScriptedChatModel):
    """A LangChain chat model driven by a :class:`SimulatedPolicy`."""

    spec: EpisodeSpec
    error_profile: Profile
    seed: int = 0
    env: Any = None
    _policy: SimulatedPolicy | None = PrivateAttr(default=None)
    _last_call_id: str | None = PrivateAttr(default=None)
    _calls: int = PrivateAttr(default=0)

    @property
    def _llm_type(self) -> str:
        return f"simulated:{self.error_profile.name}"

    @property
    def policy(self) -> SimulatedPolicy:
        if self._policy is None:
            self._policy = SimulatedPolicy(
                self.spec, self.error_profile, self.seed, WorldView(self.env), self.tool_schemas
            )
        return self._policy

    @property
    def trace(self) -> list[TraceEvent]:
        """The errors this agent made so far in the episode."""
        return self.policy.trace

    @property
    def mistakes(self) -> list[str]:
        """The operator names of the mistakes this agent made so far (what episode records store)."""
        return self.policy.mistakes

    @property
    def decision_digest(self) -> str:
        """See :attr:`SimulatedPolicy.decision_digest`."""
        return self.policy.decision_digest

    def next_message(self, messages: list[BaseMessage]) -> AIMessage:
        policy = self.policy
        if self._last_call_id is not None:
            answer = next(
                (
                    m
                    for m in reversed(messages)
                    if isinstance(m, ToolMessage) and m.tool_call_id == self._last_call_id
                ),
                None,
            )
            policy.observe(
                tool_result_payload(answer)
                if answer is not None
                else {"ok": False, "error_type": "transient_error", "message": "no tool result came back"}
            )
            self._last_call_id = None
        elif messages and is_guard_feedback(messages[-1]):
            redo_claimed_writes(policy, tool_result_payload(messages[-1]))
        action = policy.act()
        if isinstance(action, str):
            return AIMessage(content=action)
        self._calls += 1
        self._last_call_id = f"sim-{self._calls}"
        return call_message(action[0], action[1], self._last_call_id)


class SimulatedAgentFactory:
    """``simulated:<profile>``: a fresh :class:`SimulatedChatModel` per episode."""

    def __init__(self, profile: Profile | str, *, profile_dir: str | None = None) -> None:
        self.profile = profile if isinstance(profile, Profile) else load_profile(profile, profile_dir)

    def __call__(self, spec: EpisodeSpec, *, seed: int, env: Any | None = None) -> BaseChatModel:
        return SimulatedChatModel(spec=spec, error_profile=self.profile, seed=seed, env=env)


__all__ = [
    "SimulatedAgentFactory",
    "SimulatedChatModel",
    "SimulatedPolicy",
    "TraceEvent",
]
