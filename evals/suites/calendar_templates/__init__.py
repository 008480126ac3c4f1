"""Templates of the bundled ``calendar`` suite: one function per task family, one :class:`Pair` per task.

The clock is Monday 2026-03-09 09:00 in New York; the acting user is Ana Lopez (ana@acme.com, New
York) unless a template says otherwise. IDs come from build-time lookups (``world().cal("Team")``).
"""

from evals.suites.calendar_templates.chains import delete_by_description, move_between_calendars, multi_step
from evals.suites.calendar_templates.edits import (
    create_on_calendar,
    invite_people,
    reschedule,
    share_calendar,
)
from evals.suites.calendar_templates.refusals import ambiguous, permission_denied
from evals.suites.calendar_templates.scheduling import all_day, find_free_slot, recurring, timezone_heavy

ALL_FAMILIES = [
    create_on_calendar,
    reschedule,
    invite_people,
    share_calendar,
    find_free_slot,
    recurring,
    all_day,
    timezone_heavy,
    permission_denied,
    ambiguous,
    delete_by_description,
    move_between_calendars,
    multi_step,
]
