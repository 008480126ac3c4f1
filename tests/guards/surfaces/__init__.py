"""Tool surfaces this project did not shape its guards on, each guarded by a pack file alone.

* :mod:`.graph_calendar` — a calendar shaped like Microsoft Graph (``list_calendars``, local times
  with a zone name, OData error bodies), guarded by ``tests/guards/packs/graph_calendar.yaml``;
* :mod:`.rooms_mcp` — a rooms-and-tickets MCP server (not a calendar), guarded by
  ``tests/guards/packs/rooms.yaml``;
* :mod:`.cases` — the malformed-call classes run on both, judged by the state they leave.
"""
