"""The independent operators: names, categories, scopes and groups, from a published failure taxonomy.

Scopes: ``field`` (one opportunity per reference field of a call), ``step`` (one per call),
``reaction`` (one per error the agent reads back). Operators in a group are exclusive ways to get one
thing wrong and are drawn as one categorical choice. The list order is the order in which
perturbations are applied to a call: values first, then encodings, then key names, and the whole
arguments object last (it is serialised from everything else).

Categories follow :class:`agents.operators.Category`: ``malformed`` (the call is wrong in form),
``ordering`` (the process goes wrong: the agent stops early or repeats itself), ``semantic`` (a
well-formed call that does the wrong thing, which only the user's words can reveal).
"""

from __future__ import annotations

from agents.operators import Category, Operator

MALFORMED, ORDERING, SEMANTIC = Category.MALFORMED, Category.ORDERING, Category.SEMANTIC

REFERENCE_OPERATORS = (
    # "the eng calendar" for "Engineering Team"
    Operator("paraphrased_name", MALFORMED, "field", group="reference"),
    # "Enginering Team"
    Operator("misspelt_name", MALFORMED, "field", group="reference"),
    # "Engineering", "dana.kim"
    Operator("partial_name", MALFORMED, "field", group="reference"),
    # "Dana" or "Dan" where dana.kim@acme.com belongs (person fields only)
    Operator("first_name_for_email", MALFORMED, "field", group="reference"),
    # the ID of the item next to the right one in the listing: valid, and wrong
    Operator("neighbour_id", SEMANTIC, "field", group="reference"),
    # an ID-shaped string that names nothing: cal_8f3a..., evt_123, dana.kim@acme.io
    Operator("hallucinated_id", MALFORMED, "field", group="reference"),
)
DATETIME_OPERATORS = (
    # 15:00-05:00 on a summer date in New York (the winter offset), and vice versa
    Operator("stale_dst_offset", MALFORMED, "step", group="datetime"),
    # the local wall time with "Z" appended
    Operator("z_on_local_time", MALFORMED, "step", group="datetime"),
    # the local wall time with no offset at all
    Operator("missing_offset", MALFORMED, "step", group="datetime"),
    # "Tue 3pm", "14.03.2026 15:00", "March 14, 2026 at 3:00 PM"
    Operator("human_datetime", MALFORMED, "step", group="datetime"),
    # no seconds, or ".000" / ".000000" fractions (the instant is unchanged)
    Operator("precision_variant", MALFORMED, "step", group="datetime"),
    # "2026-03-14" where a dateTime belongs
    Operator("date_only", MALFORMED, "step", group="datetime"),
)
STRUCTURE_OPERATORS = (
    # "maxResults": "10"
    Operator("number_as_string", MALFORMED, "step"),
    # "attendees": "dana.kim@acme.com, lee@acme.com"
    Operator("list_as_csv", MALFORMED, "step"),
    # "start": {"datetime": ...}, {"date_time": ...}
    Operator("wrong_nested_key", MALFORMED, "step"),
    # "start": "{\"dateTime\": ...}"
    Operator("nested_as_json_string", MALFORMED, "step"),
    # calendar_id, calendar-id, CalendarId, calendarID
    Operator("key_style", MALFORMED, "step", group="key_name"),
    # a name an LLM might invent for the field: subject, participants, from/to, limit, ...
    Operator("key_synonym", MALFORMED, "step", group="key_name"),
    # the whole arguments object as one JSON string (raw, or under one invented key)
    Operator("arguments_as_json_string", MALFORMED, "step"),
)
RECOVERY_OPERATORS = (
    # after an error the agent changes the named field, to another wrong value
    Operator("misfix", MALFORMED, "reaction"),
    # after an error the agent stops with a vague answer although it could have tried again
    Operator("give_up_early", ORDERING, "reaction"),
    # after an error the agent sends the same call again (recorded whenever it does; its
    # probability is 1 - the profile's fix rate for how specific the error was)
    Operator("repeat_unchanged", ORDERING, "reaction"),
)

INDEPENDENT_OPERATOR_LIST = (
    *REFERENCE_OPERATORS,
    *DATETIME_OPERATORS,
    *STRUCTURE_OPERATORS,
    *RECOVERY_OPERATORS,
)
INDEPENDENT_OPERATORS: dict[str, Operator] = {op.name: op for op in INDEPENDENT_OPERATOR_LIST}

RELAPSES: dict[str, tuple[str, ...]] = {
    "nested_as_json_string": ("wrong_nested_key",),
    "arguments_as_json_string": ("nested_as_json_string", "key_style"),
    "wrong_nested_key": ("wrong_nested_key",),
    "list_as_csv": (),
    "number_as_string": (),
}
"""What a botched fix writes, for operators outside a group (group members relapse to each other)."""


def group_members(group: str) -> list[str]:
    return [op.name for op in INDEPENDENT_OPERATOR_LIST if op.group == group]


def relapse_candidates(op: str) -> list[str]:
    """The operators a botched fix of ``op`` may land on (other members of its group first)."""
    operator = INDEPENDENT_OPERATORS[op]
    if operator.group is not None:
        others = [m for m in group_members(operator.group) if m != op]
        return [*others, op] if operator.group == "key_name" else others
    return list(RELAPSES.get(op, ()))
