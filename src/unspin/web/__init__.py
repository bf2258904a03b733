"""``unspin serve``: a REST API and a web app over the library.

``create_app(ServeSettings(db=...))`` is the ASGI app: the API under ``/api/v1`` (its
OpenAPI schema at ``/openapi.json``), the pages at ``/``, the static files it ships and
the plotly.js its charts use, all from this server. docs/web.md describes it.
"""

from __future__ import annotations

from .app import create_app
from .state import ServeSettings

__all__ = ["ServeSettings", "create_app"]
