"""What keeps the server safe with hostile articles and a browser on the same machine.

- **Headers on every response**: a Content-Security-Policy that allows scripts, styles,
  images and connections from this server only (no inline script or style, no
  ``eval``, no frames, no plugins), and the usual companions (nosniff, no referrer, no
  framing). Article text is escaped by the templates; the policy is the second wall.
- **Host check**: a server on a loopback address answers only to loopback host names
  (and those configured), so a web page cannot reach it through DNS rebinding.
- **Body limit**: a request body over the limit is refused with 413 as soon as its
  declared or streamed length passes it, before anything reads it whole.
- **Writes**: with a token set, a write needs ``Authorization: Bearer TOKEN`` or the
  session cookie that logging in with the token sets. A browser request from another
  site (its ``Origin`` or ``Sec-Fetch-Site`` says so) never writes, and a form post
  needs the CSRF token its page carried (double submit: a cookie and a form field that
  must match; a page of another site can read neither).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
# The HTML report is a standalone file with its styles inline and no script at all.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; " \
             "form-action 'none'; frame-ancestors 'none'"
# same-origin, not no-referrer: with no-referrer a browser sends ``Origin: null`` on the
# app's own form posts, and the origin check could not tell them from a foreign page's.
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
           (b"x-frame-options", b"DENY"),
           (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
           (b"cross-origin-opener-policy", b"same-origin")]
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
CSRF_COOKIE = "unspin_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_COOKIE = "unspin_session"
MIN_TOKEN = 16


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address to bind or a Host header's name) is loopback."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The name in a Host header, without its port: ``[::1]:8000`` → ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    """ASGI middleware: host check, body limit, security headers (see the module)."""

    def __init__(self, app: ASGIApp, *, body_limit: int, hosts: tuple[str, ...] | None) -> None:
        self.app = app
        self.body_limit = body_limit
        self.hosts = hosts  # None: any host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if self.hosts is not None and not self._host_ok(headers.get("host", "")):
            await _refuse(send, 421, "BadHost", "this server does not answer to that host "
                          "name; see --allowed-host (docs/web.md)")
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.body_limit:
            await _refuse(send, 413, "InputTooLarge", f"the request body is over the limit "
                          f"of {self.body_limit:,} bytes", 2)
            return
        await self.app(scope, self._limited(receive), _with_headers(send, scope["path"]))

    def _host_ok(self, header: str) -> bool:
        name = host_name(header)
        return is_loopback(name) or name in (self.hosts or ())

    def _limited(self, receive: Receive) -> Receive:
        seen = 0
        limit = self.body_limit

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        return counted


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the request body is over the limit of {limit:,} bytes")


def _with_headers(send: Send, path: str) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            if b"content-security-policy" not in names:
                headers.append((b"content-security-policy", CSP.encode()))
            headers += [h for h in HEADERS if h[0] not in names]
            if path.startswith("/api/") and b"cache-control" not in names:
                headers.append((b"cache-control", b"no-store"))
            message["headers"] = headers
        await send(message)

    return sending


async def _refuse(send: Send, status: int, code: str, message: str,
                  exit_code: int | None = None) -> None:
    """An error answered before the app sees the request, in the API's one shape."""
    body = json.dumps({"error": {"code": code, "status": status, "message": message,
                                 "exit_code": exit_code}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"),
                            (b"content-security-policy", CSP.encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})


# --- writes ----------------------------------------------------------------------------

def session_value(token: str) -> str:
    """The session cookie's value: derived from the token, so it changes when the token
    does and reveals nothing of it."""
    return hmac.new(token.encode(), b"unspin-session-v1", hashlib.sha256).hexdigest()


def new_csrf() -> str:
    return secrets.token_urlsafe(32)


def bearer_ok(request: Request, token: str) -> bool:
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(),
                                                              token.encode())


def session_ok(request: Request, token: str) -> bool:
    cookie = request.cookies.get(SESSION_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), session_value(token).encode())


def cross_site(request: Request) -> bool:
    """Whether a browser says the request comes from a page of another site (or an opaque
    origin, such as a sandboxed frame). Requests that no browser sent (curl, scripts)
    carry neither header and are not cross-site."""
    fetch_site = request.headers.get("sec-fetch-site", "")
    if fetch_site in ("cross-site", "same-site"):
        return True
    if fetch_site in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return False
    if origin == "null":
        return True
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    forwarded = request.headers.get("x-forwarded-host")
    allowed = {own.lower()}
    if forwarded:
        scheme = request.headers.get("x-forwarded-proto", request.url.scheme)
        allowed.add(f"{scheme}://{forwarded}".lower())
    return origin.lower() not in allowed


def csrf_ok(request: Request, given: str | None) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    given = given or request.headers.get(CSRF_HEADER, "")
    return bool(cookie) and bool(given) and hmac.compare_digest(cookie.encode(), given.encode())
