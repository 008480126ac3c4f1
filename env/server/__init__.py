"""Servers for the bundled calendar environment.

* :mod:`env.server.mcp_server` — a real MCP server (official SDK) over stdio and streamable HTTP.
* :mod:`env.server.openenv_server` — the OpenEnv HTTP + WebSocket protocol.

Run either with ``guards env serve --transport stdio|http|openenv`` or ``python -m env.server``.
"""
