"""An independent mistake model for simulated agents, written from a published failure taxonomy.

The calibrated operators (:mod:`agents.operators`) were written together with the guards, so their
aliases and names are the ones the guards know. These were written from the taxonomy of LLM tool-call
failures alone, reading only what an agent sees (the tool schemas): references (paraphrased,
misspelt and partial names, first names for emails, a neighbour's ID, invented IDs), datetimes (stale
DST offsets, ``Z`` on a local time, no offset, human formats, precision variants, date-only),
structure (JSON-string arguments and nested objects, wrong nested keys, lists as text, numbers as
strings, keys in other styles or invented) and recovery (a fix that misses, giving up early,
repeating the call). Select it with ``operators: independent`` in a profile
(``agents/profiles/independent.yaml``).
"""

from agents.independent.catalogue import INDEPENDENT_OPERATORS
from agents.independent.operator_set import IndependentOperators, IndependentPerturbation

__all__ = ["INDEPENDENT_OPERATORS", "IndependentOperators", "IndependentPerturbation"]
