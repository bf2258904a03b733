"""The web app's pages: paste or upload an article, read it with its findings in place,
correct them, and browse the corpus (search, articles, ledger, copies, profiles, jobs).

Pages are rendered here (Jinja2, every value escaped) from the same library calls the API
makes; the only script is the app's own static file, which explains highlights, moves
between them and draws the charts. Forms post back here with a CSRF token and redirect
(post/redirect/get), so a reload never posts twice.
"""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from ..corpus.corrections import LAYERS, QUOTE_KINDS, REMOVED_KINDS
from ..corpus.ledger import describe
from ..document import SOURCE_KINDS, Source
from ..errors import ConfigError, InputTooLarge, NotInCorpus
from ..glossary import TECHNIQUES
from ..ingest import article_from_bytes
from ..report import wording
from . import findings as found_in
from .api import AnalyzeRequest, article_of, checked_about, request_options
from .deps import WebError, form_writer, get_state, may_write
from .highlight import pieces
from .listing import SOURCING, Filters, articles, sites
from .security import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    cross_site,
    new_csrf,
    session_value,
)
from .state import State, analysis_of

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
PAGE = 25


def render(request: Request, name: str, context: dict[str, Any], status: int = 200
           ) -> Response:
    """A page, with the CSRF cookie its forms need set when the browser has none."""
    csrf = request.cookies.get(CSRF_COOKIE) or new_csrf()
    state = get_state(request)
    response = templates.TemplateResponse(request, name, {
        "csrf": csrf, "may_write": may_write(request),
        "token_required": state.settings.token is not None, **context}, status_code=status)
    if request.cookies.get(CSRF_COOKIE) != csrf:
        response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict",
                            secure=state.settings.secure_cookies)
    return response


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# --- analysing --------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    state = get_state(request)
    with state.corpus() as corpus:
        recent, total = articles(corpus, Filters(), limit=8, offset=0)
    return render(request, "home.html", {"recent": recent, "total": total})


@router.post("/analyze")
async def analyze_form(
    request: Request,
    csrf_token: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    title: Annotated[str, Form(max_length=500)] = "",
    url: Annotated[str, Form(max_length=4000)] = "",
    file: UploadFile | None = None,
    techniques: Annotated[Literal["precision", "recall"] | None, Form()] = None,
) -> Response:
    form_writer(request, csrf_token)
    state = get_state(request)
    options = request_options(state.settings.options, None, None, None, techniques)
    if file is not None and file.filename:
        data = await file.read(options.max_input_bytes + 1)
        if len(data) > options.max_input_bytes:
            raise InputTooLarge(f"{file.filename}: input too large (over the limit of "
                                f"{options.max_input_bytes:,} bytes)")
        article = await run_in_threadpool(
            article_from_bytes, data, Source(path=file.filename), options,
            html=file.filename.lower().endswith((".html", ".htm", ".xhtml")))
    elif url.strip() or text.strip():
        body = AnalyzeRequest(url=url.strip()) if url.strip() else \
            AnalyzeRequest(text=text, title=title.strip() or None)
        article = await run_in_threadpool(article_of, body, options)
    else:
        raise ConfigError("paste a text, give a URL or choose a file to analyse")
    analysis = await state.analyser.analyse(
        article, None if options == state.settings.options else options, store=True)
    article_id = await run_in_threadpool(_store, state, analysis)
    return _see(f"/articles/{article_id}")


def _store(state: State, analysis: Any) -> str:
    with state.corpus() as corpus:
        result: str = corpus.add_analysis(analysis)
    return result


# --- one article --------------------------------------------------------------------------

@router.get("/articles/{ref}", response_class=HTMLResponse)
def article_page(request: Request, ref: str) -> Response:
    state = get_state(request)
    row, data = state.article(ref)
    analysis = analysis_of(data)
    if analysis is None:
        raise ConfigError("this article was stored by a newer unspin; upgrade to read it here")
    with state.corpus() as corpus:
        corrections, _ = corpus.corrections(row["id"], limit=1000)
        copies = corpus.copies(row["id"])
    shown = found_in.page(analysis, data, [c.to_dict() for c in corrections])
    numbers = found_in.numbers(analysis)
    tabbable = {f.id for layer in shown.findings.values() for f in layer if f.tabbable}
    tabbable |= {f.id for f in shown.missed}
    return render(request, "article.html", {
        "row": row, "analysis": analysis, "data": data, "shown": shown,
        "explained": [*shown.by_id().values(), *numbers],
        "pieces": pieces(analysis.text, shown.marks, tabbable),
        "techniques": _technique_legend(shown.findings["techniques"]),
        "sourcing": wording.sourcing_of(analysis), "wording": wording,
        "entities": _entities(shown.findings["entities"]),
        "corrections": corrections, "copies": copies,
        "layers": LAYERS, "labels": _labels(), "technique_class": found_in.technique_class,
    })


def _technique_legend(items: list[found_in.Finding]) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for f in items:
        counts[f.label or "?"] = counts.get(f.label or "?", 0) + 1
    return [{"name": name, "css": found_in.technique_class(name), "count": counts.get(name, 0),
             "line": TECHNIQUES.get(name, "")} for name in [*TECHNIQUES, *sorted(
                 set(counts) - set(TECHNIQUES))]]


def _entities(items: list[found_in.Finding]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Entities by label, each name once with how often it occurs."""
    by_label: dict[str, dict[str, int]] = {}
    for f in items:
        names = by_label.setdefault(f.label or "?", {})
        key = wording.flat(f.text)
        names[key] = names.get(key, 0) + 1
    return sorted((label, sorted(names.items(), key=lambda x: (-x[1], x[0])))
                  for label, names in by_label.items())


def _labels() -> dict[str, list[str]]:
    """The labels a missed finding may carry, per layer (the form offers these)."""
    return {"techniques": list(TECHNIQUES), "sources": list(SOURCE_KINDS[:-1]),
            "quotes": list(QUOTE_KINDS), "removed": list(REMOVED_KINDS)}


@router.post("/articles/{ref}/corrections")
def correct_form(
    request: Request, ref: str,
    layer: Annotated[str, Form(max_length=20)],
    verdict: Annotated[str, Form(max_length=10)],
    author: Annotated[str, Form(max_length=100)] = "",
    csrf_token: Annotated[str, Form()] = "",
    ord: Annotated[str, Form(max_length=10)] = "",
    start: Annotated[str, Form(max_length=10)] = "",
    end: Annotated[str, Form(max_length=10)] = "",
    words: Annotated[str, Form(max_length=5000)] = "",
    label: Annotated[str, Form(max_length=100)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    form_writer(request, csrf_token)
    state = get_state(request)
    row, data = state.article(ref)
    span = _span(data.get("text", ""), _int(start), _int(end), words) \
        if verdict == "missed" else (None, None)
    with state.corpus() as corpus:
        made = corpus.correct(row["id"], layer=layer, verdict=verdict,
                              author=author or "anonymous", ord=_int(ord), start=span[0],
                              end=span[1], label=label or None, reason=reason or None)
    response = _see(f"/articles/{row['id']}#correction-{made.id}")
    if author:
        response.set_cookie("unspin_author", author[:100], samesite="strict",
                            secure=state.settings.secure_cookies)
    return response


def _int(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() else None


def _span(text: str, start: int | None, end: int | None, words: str
          ) -> tuple[int | None, int | None]:
    """Where a missed finding is: the selection's offsets when they hold ``words``, else
    the one place the words occur.

    Raises:
        ConfigError: the words are not in the text, or in it more than once.
    """
    words = words.strip()
    if start is not None and end is not None and (not words or text[start:end] == words):
        return start, end
    if not words:
        raise ConfigError("select the missed words in the text, or type them")
    at = text.find(words)
    if at < 0:
        raise ConfigError(f"“{wording.clip(words, 60)}” is not in the article's text")
    if text.find(words, at + 1) >= 0:
        raise ConfigError(f"“{wording.clip(words, 60)}” occurs more than once; select the "
                          "one you mean in the text")
    return at, at + len(words)


@router.post("/corrections/{correction_id}/withdraw")
def withdraw_form(request: Request, correction_id: int,
                  csrf_token: Annotated[str, Form()] = "") -> Response:
    form_writer(request, csrf_token)
    with get_state(request).corpus() as corpus:
        gone = corpus.withdraw(correction_id)
    return _see(f"/articles/{gone.article_id}#corrections")


@router.get("/articles/{ref}/copies", response_class=HTMLResponse)
def copies_page(request: Request, ref: str) -> Response:
    with get_state(request).corpus() as corpus:
        found = corpus.copies(ref)
    return render(request, "copies.html", {"found": found})


# --- the corpus ---------------------------------------------------------------------------

@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    site: Annotated[str, Query(max_length=500)] = "",
    since: Annotated[str, Query(max_length=40)] = "",
    until: Annotated[str, Query(max_length=40)] = "",
    technique: Annotated[str, Query(max_length=100)] = "",
    sourcing: Annotated[str, Query(max_length=20)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    if sourcing and sourcing not in SOURCING:
        raise ConfigError(f"unknown sourcing filter {sourcing!r}; filters: "
                          f"{', '.join(SOURCING)}")
    filters = Filters(q or None, site or None, since or None, until or None,
                      technique or None, sourcing or None)
    with get_state(request).corpus() as corpus:
        items, total = articles(corpus, filters, limit=PAGE, offset=(page - 1) * PAGE)
        known_sites = sites(corpus)
    pages = max(1, -(-total // PAGE))
    return render(request, "articles.html", {
        "items": items, "total": total, "page": page, "pages": pages,
        "prev_url": _page_url(request, page - 1) if page > 1 else None,
        "next_url": _page_url(request, page + 1) if page < pages else None,
        "filters": filters, "sites": known_sites, "techniques": list(TECHNIQUES),
        "sourcings": list(SOURCING)})


def _page_url(request: Request, page: int) -> str:
    params = dict(request.query_params)
    params["page"] = str(page)
    return f"/articles?{urlencode(params)}"


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request,
                q: Annotated[str, Query(max_length=500)] = "",
                like: Annotated[str, Query(max_length=2000)] = "") -> Response:
    hits: list[Any] = []
    texts: list[dict[str, Any]] = []
    total = 0
    with get_state(request).corpus() as corpus:
        if q.strip():
            texts, total = articles(corpus, Filters(q=q.strip()), limit=PAGE, offset=0)
        if like.strip():
            hits = corpus.claims_like(like.strip(), top=20)
    return render(request, "search.html", {"q": q, "like": like, "texts": texts,
                                           "total": total, "hits": hits})


@router.get("/ledger", response_class=HTMLResponse)
def ledger_page(request: Request,
                about: Annotated[str, Query(max_length=200)] = "") -> Response:
    found = None
    if about.strip():
        term = checked_about(about)
        with get_state(request).corpus() as corpus:
            found = corpus.ledger(term)
    return render(request, "ledger.html", {"about": about, "found": found,
                                           "describe": describe})


@router.get("/profiles", response_class=HTMLResponse)
def profiles_page(request: Request,
                  outlet: Annotated[str, Query(max_length=500)] = "") -> Response:
    with get_state(request).corpus() as corpus:
        found = corpus.profiles(outlet or None, by="month")
    if outlet and not found:
        raise NotInCorpus(f"{outlet}: no stored article is from this outlet")
    return render(request, "profiles.html", {"outlet": outlet, "found": found})


@router.get("/jobs", response_class=HTMLResponse)
def jobs_page(request: Request) -> Response:
    state = get_state(request)
    return render(request, "jobs.html", {"jobs": list(reversed(state.jobs.all())),
                                         "root": state.settings.ingest_root})


@router.post("/jobs")
def jobs_form(request: Request, csrf_token: Annotated[str, Form()] = "",
              inputs: Annotated[str, Form(max_length=20_000)] = "",
              feeds: Annotated[str, Form(max_length=20_000)] = "",
              fetch_links: Annotated[bool, Form()] = False) -> Response:
    form_writer(request, csrf_token)
    job = get_state(request).jobs.start(
        [line.strip() for line in inputs.splitlines() if line.strip()],
        [line.strip() for line in feeds.splitlines() if line.strip()], fetch_links=fetch_links)
    return _see(f"/jobs#job-{job.id}")


# --- logging in with the token -----------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    return render(request, "login.html", {})


@router.post("/login")
def login_form(request: Request, token: Annotated[str, Form(max_length=1000)] = "",
               csrf_token: Annotated[str, Form()] = "") -> Response:
    state = get_state(request)
    if cross_site(request):
        raise WebError(403, "CrossSite", "a form posted from a page of another site is refused")
    if state.settings.token is None:
        return _see("/")
    if not _token_ok(token, state.settings.token):
        raise WebError(401, "Unauthorized", "that is not this server's token")
    response = _see("/")
    response.set_cookie(SESSION_COOKIE, session_value(state.settings.token), httponly=True,
                        samesite="strict", secure=state.settings.secure_cookies)
    return response


def _token_ok(given: str, token: str) -> bool:
    return hmac.compare_digest(given.strip().encode(), token.encode())


@router.post("/logout")
def logout_form(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    if not cross_site(request):
        response = _see("/")
        response.delete_cookie(SESSION_COOKIE)
        return response
    raise WebError(403, "CrossSite", "a form posted from a page of another site is refused")

