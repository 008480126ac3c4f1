"""Task-pair templates as YAML rows: one family file, many rows, one pair of tasks per row.

A family file (see ``evals/suites/calendar_templates/``) has a ``family`` name and a list of
``templates``. Each template is the *shape* of a pair (``pair``: both instructions, both gold plans,
expectations, ...), named values computed per row (``let``), and the ``rows`` that fill it in::

    family: reschedule
    templates:
    - let:
        event: event(calendar, summary, day)          # a lookup in the world, per row
        new_start: at(new_day, new_time)
      pair:
        explicit: On calendar {{ cal(calendar) }}, change event {{ event.id }} to start at {{ new_start }}.
        ...
      rows:
      - {slug: sprint-demo-later, calendar: Team, summary: Sprint Demo, day: FRI, new_day: FRI, ...}

The rules are few, so that a family file reads as the tasks it makes:

* ``{{ expr }}`` in a string is a Jinja expression over the row's values, the ``let`` values and the
  suite's vocabulary (world lookups, times; see the builder). A string that is exactly one
  ``{{ expr }}`` takes the expression's value (a list stays a list); any other string is rendered
  as text, so ``{% if %}`` works inside instructions. Dates become ISO strings.
* ``let`` entries are expressions evaluated in order, each seeing the ones before. A row that sets
  the same name wins (that is how one row differs from its siblings); a row may also have its own
  ``let``, evaluated after the template's. Row values themselves are plain data, never evaluated.
* A row's keys that name pair fields (``natural``, ``final_answer``, ``alternative_plan``, ...)
  replace the template's; the rest are the row's values. ``actor`` picks the acting user.
* In a list, an item mapping with ``$for: "name in expr"`` (or ``"i, name in expr"``) repeats for
  each element, and one with ``$if: expr`` is kept only when the expression is true.
* A mapping entry whose value is null is left out (``attendees: '{{ refs or none }}'``).

Why Jinja: the expressions are what any Ansible or Helm file uses, evaluated by a sandboxed,
well-kept engine instead of a home-made one, and the YAML is parsed before any templating runs, so
an expression can never break the file's structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import StrictUndefined, TemplateError, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, ValidationError

PAIR_FIELDS = (
    "explicit",
    "natural",
    "explicit_plan",
    "natural_plan",
    "expect",
    "forbid",
    "answer",
    "final_answer",
    "alternative_plan",
    "tags",
)
REQUIRED_PAIR_FIELDS = ("explicit", "natural", "explicit_plan", "natural_plan")

_ENGINE = ImmutableSandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=True)
_ENGINE.globals["enumerate"] = enumerate  # for `$for: "i, name in enumerate(names)"`
_WHOLE = re.compile(r"^\{\{(?P<expr>(?:(?!\}\}).)*)\}\}$", re.DOTALL)
_FOR = re.compile(r"^\s*(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+in\s+(?P<expr>.+)$", re.DOTALL)


class TemplateFileError(ValueError):
    """A family file that cannot be expanded; the message names the file, the row and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PairShape(_Strict):
    """The pair fields a template (or a row) may give; values may hold ``{{ }}`` expressions."""

    explicit: Any = None
    natural: Any = None
    explicit_plan: Any = None
    natural_plan: Any = None
    expect: Any = None
    forbid: Any = None
    answer: Any = None
    final_answer: Any = None
    alternative_plan: Any = None
    tags: Any = None


class TemplateBlock(_Strict):
    let: dict[str, str] = Field(default_factory=dict)
    pair: PairShape = Field(default_factory=PairShape)
    rows: list[dict[str, Any]] = Field(min_length=1)


class FamilyFile(_Strict):
    family: str = Field(min_length=1)
    templates: list[TemplateBlock] = Field(min_length=1)


@dataclass
class Pair:
    """One expanded row: both variants of a task, before they are validated as :class:`Task`."""

    family: str
    slug: str
    actor: str
    now: str
    explicit: str
    natural: str
    explicit_plan: list[dict[str, Any]]
    natural_plan: list[dict[str, Any]]
    expect: list[dict[str, Any]] = field(default_factory=list)
    forbid: dict[str, Any] = field(default_factory=dict)
    answer: dict[str, Any] | None = None
    final_answer: str = "Done."
    alternative_plan: list[dict[str, Any]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def tasks(self) -> Iterator[dict[str, Any]]:
        """The explicit and the natural task, as task-file data (empty optional fields left out)."""
        pair_id = f"{self.family}-{self.slug}"
        for variant, instruction, plan in (
            ("explicit", self.explicit, self.explicit_plan),
            ("natural", self.natural, self.natural_plan),
        ):
            task: dict[str, Any] = {
                "id": f"{pair_id}-{variant}",
                "family": self.family,
                "variant": variant,
                "pair_id": pair_id,
                "actor": self.actor,
                "now": self.now,
                "instruction": instruction,
                "plan": plan,
                "final_answer": self.final_answer,
            }
            optional = ("alternative_plan", "expect", "forbid", "answer", "tags")
            task |= {name: getattr(self, name) for name in optional if getattr(self, name)}
            yield task


Vocabulary = Callable[[str], dict[str, Any]]
"""Given the acting user, the names templates may use (lookups see the world as that user)."""


@lru_cache(maxsize=4096)
def _compiled_expression(source: str) -> Callable[..., Any]:
    return _ENGINE.compile_expression(source, undefined_to_none=False)


def evaluate(source: str, values: dict[str, Any]) -> Any:
    """The value of one Jinja expression (an undefined name is an error, not an empty value)."""
    result = _compiled_expression(source)(**values)
    if isinstance(result, Undefined):
        result._fail_with_undefined_error()
    return _json_value(result)


def render(value: Any, values: dict[str, Any]) -> Any:
    """``value`` with every ``{{ }}`` expression, ``$for``, ``$if`` and null entry applied."""
    if isinstance(value, str):
        if "{{" not in value and "{%" not in value:
            return value
        whole = _WHOLE.match(value)
        if whole:
            return evaluate(whole.group("expr"), values)
        return _ENGINE.from_string(value).render(**values)
    if isinstance(value, dict):
        out = {key: render(item, values) for key, item in value.items()}
        return {key: item for key, item in out.items() if item is not None}
    if isinstance(value, list):
        return [rendered for item in value for rendered in _render_item(item, values)]
    return _json_value(value)


def _render_item(item: Any, values: dict[str, Any]) -> Iterator[Any]:
    if not (isinstance(item, dict) and ("$for" in item or "$if" in item)):
        yield render(item, values)
        return
    body = {key: value for key, value in item.items() if key not in ("$for", "$if")}
    for scope in _scopes(item.get("$for"), values):
        if "$if" in item and not evaluate(str(item["$if"]), scope):
            continue
        yield render(body, scope)


def _scopes(spec: Any, values: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if spec is None:
        yield values
        return
    match = _FOR.match(str(spec))
    if not match:
        raise TemplateError(f"`$for: {spec}` must read `name in expr` or `i, name in expr`")
    names = [name.strip() for name in match.group("names").split(",")]
    for element in _compiled_expression(match.group("expr"))(**values):
        bound = [element] if len(names) == 1 else list(element)
        if len(bound) != len(names):
            raise TemplateError(f"`$for: {spec}` cannot unpack {element!r} into {len(names)} names")
        yield values | dict(zip(names, bound, strict=True))


def _json_value(value: Any) -> Any:
    """Task files hold JSON data: dates (YAML reads ``2026-04-03`` as one) become ISO strings."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    return value


def read_family(path: Path) -> FamilyFile:
    """A family file, validated (unknown keys are refused, so a typo cannot silently drop a field)."""
    try:
        return FamilyFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as error:
        raise TemplateFileError(f"{path.name}: {error}") from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise TemplateFileError(f"{path.name}: {where}: {first['msg']}") from error


def expand_family(path: Path, vocabulary: Vocabulary, actor: str, now: str) -> list[Pair]:
    """Every pair of one family file, in file order; ``actor`` and ``now`` are the suite's defaults."""
    family = read_family(path)
    pairs = []
    for block in family.templates:
        shape = block.pair.model_dump(exclude_none=True)
        for number, row in enumerate(block.rows, start=1):
            where = f"{path.name}: {family.family} row {row.get('slug', number)}"
            with _naming(where, TemplateFileError):
                pairs.append(_expand_row(family.family, shape, block.let, row, vocabulary, actor, now))
    return pairs


# What a template expression or a world lookup raises when a row is wrong (not a bug in the builder).
_ROW_ERRORS = (TemplateError, RuntimeError, LookupError, TypeError, ValueError)


@contextmanager
def _naming(label: str, kind: type[Exception] = ValueError) -> Iterator[None]:
    """Re-raise a row's error with ``label`` in front, so the message says where it happened."""
    try:
        yield
    except TemplateFileError:
        raise
    except _ROW_ERRORS as error:
        raise kind(f"{label}: {error}") from error


def _expand_row(
    family: str,
    shape: dict[str, Any],
    let: dict[str, str],
    row: dict[str, Any],
    vocabulary: Vocabulary,
    default_actor: str,
    now: str,
) -> Pair:
    if "slug" not in row:
        raise ValueError("every row needs a `slug`")
    own_let = row.get("let", {})
    if not isinstance(own_let, dict):
        raise ValueError("a row's `let` must be a mapping of name: expression")
    actor = str(row.get("actor", default_actor))
    values = vocabulary(actor) | {"actor": actor}
    values |= {key: _json_value(v) for key, v in row.items() if key not in PAIR_FIELDS and key != "let"}
    given = set(row) | set(own_let)
    lets = [(name, source) for name, source in let.items() if name not in given] + list(own_let.items())
    for name, source in lets:
        with _naming(f"let {name}"):
            values[name] = evaluate(str(source), values)
    fields: dict[str, Any] = {}
    for name, template in (shape | {key: v for key, v in row.items() if key in PAIR_FIELDS}).items():
        with _naming(name):
            fields[name] = render(template, values)
    missing = [name for name in REQUIRED_PAIR_FIELDS if name not in fields]
    if missing:
        raise ValueError(f"no {', '.join(missing)} in the template or the row")
    return Pair(family=family, slug=str(row["slug"]), actor=actor, now=now, **fields)
