"""What a route needs from the request: the server's state, and leave to write.

Errors the web layer adds to unspin's own (``unspin.errors``, each with its HTTP status)
are ``WebError``s: a missing or wrong token, a cross-site or CSRF-less write, a full
queue. Both kinds reach the client as the same JSON (``app.py``).
"""

from __future__ import annotations

from fastapi import Request

from .security import bearer_ok, cross_site, csrf_ok, session_ok
from .state import State


class WebError(Exception):
    """An error of the web layer: ``code`` names it in the JSON, ``status`` is HTTP's."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = headers or {}


def get_state(request: Request) -> State:
    state: State = request.app.state.unspin
    return state


def api_writer(request: Request) -> None:
    """Let an API write through, or raise: see ``security``'s module docstring."""
    if cross_site(request):
        raise WebError(403, "CrossSite", "a write from a page of another site is refused")
    token = get_state(request).settings.token
    if token is None or bearer_ok(request, token):
        return
    if session_ok(request, token) and csrf_ok(request, None):
        return
    raise WebError(401, "Unauthorized", "this server needs its token to write: send "
                   "'Authorization: Bearer TOKEN'", {"WWW-Authenticate": "Bearer"})


def form_writer(request: Request, csrf: str | None) -> None:
    """Let a form post of the app's own pages through, or raise."""
    if cross_site(request):
        raise WebError(403, "CrossSite", "a form posted from a page of another site is refused")
    if not csrf_ok(request, csrf):
        raise WebError(403, "BadCSRF", "the form's security token is missing or stale; "
                       "reload the page and try again")
    token = get_state(request).settings.token
    if token is not None and not (session_ok(request, token) or bearer_ok(request, token)):
        raise WebError(401, "Unauthorized", "log in with the server's token to change anything")


def may_write(request: Request) -> bool:
    """Whether the pages should offer their forms (a token server needs a login)."""
    token = get_state(request).settings.token
    return token is None or session_ok(request, token)
