"""Grounding stages: values checked against what the user said and what the tools returned.

* :func:`ground_values` — IDs must have been seen (:mod:`.references`), times and durations must agree
  with the request (:mod:`.request_times`, :mod:`.spelled`), a new item's title keeps the phrase the
  user quoted (:mod:`.titles`);
* :func:`fill_required_zones` — a recurring event gets the user's zone when nothing else changes
  (:mod:`.zone_fill`).
"""

from guards.grounding.stage import ground_values
from guards.grounding.zone_fill import fill_required_zones
from guards.placeholders import is_placeholder

__all__ = ["fill_required_zones", "ground_values", "is_placeholder"]
