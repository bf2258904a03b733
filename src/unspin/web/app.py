"""The ASGI app: the API and the pages behind one guard, errors in one shape.

An ``UnspinError`` becomes its own HTTP status (``errors.py``) with its exit code; a web
error (no token, a cross-site write, a full queue) its own; anything else a 500 whose
details go to the server's log only: no response carries a stack trace. API paths answer
errors in JSON, pages with an error page.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import InternalError, UnspinError
from . import api, pages, vendor
from .analyser import Busy
from .deps import WebError
from .security import BodyTooLarge, Guard
from .state import ServeSettings, State

log = logging.getLogger("unspin.web")
STATIC = Path(__file__).parent / "static"
DESCRIPTION = ("What news articles claim, whom they cite and how they try to persuade, "
               "with the evidence: every finding is a span of the article's text. "
               "Lists come in pages (`limit`, `offset`); errors as "
               "`{\"error\": {\"code\", \"status\", \"message\", \"exit_code\"}}`.")


def create_app(settings: ServeSettings) -> FastAPI:
    """The app for ``settings``; the corpus opens and the models load when it starts."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = State(settings)
        app.state.unspin = state
        if settings.warm:
            await run_in_threadpool(state.analyser.warm)
        try:
            yield
        finally:
            state.close()

    app = FastAPI(title="unspin", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan, docs_url="/api/docs", redoc_url=None,
                  openapi_url="/openapi.json", swagger_ui_parameters=None)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_api_route("/vendor/plotly.min.js", _plotly_js, include_in_schema=False)
    app.add_api_route("/vendor/plotly.css", _plotly_css, include_in_schema=False)
    app.add_api_route("/favicon.ico", _no_icon, include_in_schema=False)
    _handlers(app)
    app.add_middleware(Guard, body_limit=settings.body_limit, hosts=settings.allowed_hosts)
    return app


_CACHED = {"Cache-Control": "public, max-age=86400"}


def _plotly_js() -> Response:
    return Response(vendor.plotly_js(), media_type="text/javascript", headers=_CACHED)


def _plotly_css() -> Response:
    return Response(vendor.plotly_css(), media_type="text/css", headers=_CACHED)


def _no_icon() -> Response:
    return Response(status_code=204, headers=_CACHED)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, code: str, message: str,
           exit_code: int | None = None, headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return api.error_response(status, code, message, exit_code, headers)
    try:
        response = pages.render(request, "error.html", {
            "status": status, "code": code, "message": message}, status=status)
    except Exception:  # the error page must not fail in turn
        log.exception("the error page failed")
        return api.error_response(status, code, message, exit_code, headers)
    response.headers.update(headers or {})
    return response


def _handlers(app: FastAPI) -> None:
    async def unspin_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, UnspinError)
        if isinstance(error, InternalError):
            log.error("%s", error)
        return _error(request, error.http_status, type(error).__name__, str(error),
                      error.exit_code)

    async def web_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, WebError)
        return _error(request, error.status, error.code, str(error), None, error.headers)

    async def busy(request: Request, error: Exception) -> Response:
        return _error(request, 503, "Busy", str(error), None, {"Retry-After": "5"})

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        return _error(request, 422, "ValidationError", _validation_words(error))

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if isinstance(error.__cause__, BodyTooLarge):
            return _error(request, 413, "InputTooLarge", str(error.__cause__), 2)
        return _error(request, error.status_code, _HTTP_CODES.get(error.status_code, "HTTP"),
                      str(error.detail), None, dict(error.headers or {}))

    async def too_large(request: Request, error: Exception) -> Response:
        return _error(request, 413, "InputTooLarge", str(error), 2)

    async def unexpected(request: Request, error: Exception) -> Response:
        log.error("unexpected error on %s %s", request.method, request.url.path,
                  exc_info=error)
        return _error(request, 500, "InternalError", "internal error (details are in the "
                      "server's log; please report it)", 70)

    app.add_exception_handler(UnspinError, unspin_error)
    app.add_exception_handler(WebError, web_error)
    app.add_exception_handler(Busy, busy)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(BodyTooLarge, too_large)
    app.add_exception_handler(Exception, unexpected)


_HTTP_CODES = {404: "NotFound", 405: "MethodNotAllowed", 400: "BadRequest",
               401: "Unauthorized", 403: "Forbidden", 413: "InputTooLarge"}


def _validation_words(error: RequestValidationError) -> str:
    """FastAPI's validation errors as one line: 'body.layer: Input should be ...; ...'."""
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(x) for x in item.get("loc", ()))
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"
