"""The task families of the held-out suite, as recipes registered by family (see :mod:`.base`)."""

from evals.holdout.families import (
    ambiguous,
    creating,
    deleting,
    denied,
    free_slots,
    inviting,
    moving,
    multi_step,
    recurring,
    rescheduling,
    sharing,
    zones,
)
from evals.holdout.families.base import RECIPES, Context, GeneratorError, Probe

FAMILIES = (
    "create_on_calendar",
    "invite_people",
    "reschedule",
    "delete_by_description",
    "find_free_slot",
    "move_between_calendars",
    "share_calendar",
    "permission_denied",
    "ambiguous",
    "recurring",
    "all_day",
    "timezone",
    "multi_step",
)
"""The same families as the bundled ``calendar`` suite, in its order."""

__all__ = [
    "FAMILIES",
    "RECIPES",
    "Context",
    "GeneratorError",
    "Probe",
    "ambiguous",
    "creating",
    "deleting",
    "denied",
    "free_slots",
    "inviting",
    "moving",
    "multi_step",
    "recurring",
    "rescheduling",
    "sharing",
    "zones",
]
