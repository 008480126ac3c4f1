"""Schema stages: repair the tool name and the argument structure, then validate against the JSON Schema.

* :func:`repair_tool_name` — a misspelled tool name becomes the one tool it can only mean;
* :func:`repair_structure` — field-name variants, JSON strings, scalars that belong inside an object,
  single items that belong in a list, unknown fields the schema forbids (:mod:`.structure`);
* :func:`validate_schema` — ``jsonschema`` validation with lossless coercions (:mod:`.validate`); what is
  still wrong becomes a ``validation_error`` with a fix hint and a valid example (:mod:`.examples`).
"""

from guards.schema.stages import (
    is_valid,
    repair_structure,
    repair_tool_name,
    validate_schema,
    validation_error,
)

__all__ = ["is_valid", "repair_structure", "repair_tool_name", "validate_schema", "validation_error"]
