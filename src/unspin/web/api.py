"""The REST API, ``/api/v1``: thin routes over the library (``unspin.analyze``'s pipeline,
``Corpus``'s reads and writes). docs/web.md lists every route; the OpenAPI schema is at
``/openapi.json``.

Every list comes in one envelope (``items``, ``total``, ``limit``, ``offset``); every
error as ``{"error": {"code", "status", "message", "exit_code"}}`` (``app.py``).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse
from pydantic import BaseModel, Field, model_validator
from starlette.concurrency import run_in_threadpool

from ..config import Options, make_options
from ..corpus.corrections import LAYERS, VERDICTS
from ..corpus.ledger import term_patterns
from ..document import Analysis, Article, Source
from ..errors import ConfigError, CorpusError, InputTooLarge, NotInCorpus
from ..ingest import article_from_bytes, article_from_html, fetch
from ..ingest.records import with_site
from ..ingest.text import article_from_text
from ..report import render_html
from .deps import api_writer, get_state
from .listing import SOURCING, Filters, articles
from .security import REPORT_CSP
from .state import DEFAULT_LIMIT, MAX_LIMIT, State, page_of

router = APIRouter(prefix="/api/v1")
StateDep = Annotated[State, Depends(get_state)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items skipped.")]
Writer = Depends(api_writer)
PASTED = "pasted text"


# --- analysing --------------------------------------------------------------------------

class AnalyzeRequest(BaseModel):
    """One article to analyse: exactly one of ``text``, ``html`` or ``url``."""

    text: str | None = Field(default=None, description="Plain text, analysed as it is.")
    html: str | None = Field(default=None, description="A page; its main text is extracted.")
    url: str | None = Field(default=None, description="An http(s) URL to fetch (public hosts only).")
    title: str | None = Field(default=None, max_length=500, description="A title for plain text.")
    site: str | None = Field(default=None, max_length=500, description="The outlet that "
                             "published it, when you know it (the CLI's --site): wins over "
                             "the site a page names.")
    stages: list[str] | None = Field(default=None, max_length=50,
                                     description="Stage names to run [default: all].")
    max_bytes: int | None = Field(default=None, ge=1, description="Refuse larger inputs "
                                  "(at most the server's cap).")
    timeout: float | None = Field(default=None, gt=0, le=120, description="Seconds per fetch phase.")
    store: bool = Field(default=False, description="Also store the analysis in the corpus.")
    techniques: Literal["precision", "recall"] | None = Field(
        default=None, description="Technique spans shown (the CLI's --techniques): "
        "precision, only those the model is sure enough of [default], or recall, all.")

    @model_validator(mode="after")
    def _one_input(self) -> AnalyzeRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


def request_options(server: Options, stages: list[str] | None, max_bytes: int | None,
                    timeout: float | None, techniques: str | None = None) -> Options:
    """The server's options with what a request may narrow: its stages, a lower size cap,
    a shorter fetch timeout, and which technique spans to show."""
    return make_options(
        server, stages=tuple(stages) if stages else None,
        max_input_bytes=min(max_bytes, server.max_input_bytes) if max_bytes else None,
        fetch_timeout=min(timeout, server.fetch_timeout) if timeout else None,
        stage_config={"unspin.techniques.v1": {"setting": techniques}} if techniques
        else None)


def article_of(body: AnalyzeRequest, options: Options) -> Article:
    """The article the request gives, read as ``unspin analyze`` reads its inputs.

    Raises:
        UnspinError: empty, too large, no article in the page, a refused or failed fetch.
    """
    if body.url is not None:
        return with_site(fetch(body.url, options), body.site)
    raw = body.text if body.text is not None else body.html or ""
    if len(raw.encode("utf-8", "surrogatepass")) > options.max_input_bytes:
        raise InputTooLarge(f"{PASTED}: input too large (over the limit of "
                            f"{options.max_input_bytes:,} bytes)")
    if body.html is not None:
        return with_site(article_from_html(body.html, Source(path="pasted page"), options),
                         body.site)
    article = article_from_text(raw, Source(path=PASTED))
    if body.title:
        article.metadata.title = body.title
    return with_site(article, body.site)


async def analysed(state: State, article: Article, options: Options, store: bool,
                   response: Response) -> Analysis:
    """Analyse on the warm pipeline; with ``store``, keep it and say where (Location)."""
    analysis = await state.analyser.analyse(
        article, None if options == state.settings.options else options, store=store)
    if store:
        article_id = await run_in_threadpool(_store, state, analysis)
        response.headers["Location"] = f"/api/v1/articles/{article_id}"
        response.headers["X-Unspin-Article"] = article_id
    return analysis


def _store(state: State, analysis: Analysis) -> str:
    with state.corpus() as corpus:
        return corpus.add_analysis(analysis)


@router.post("/analyze", dependencies=[Writer], tags=["analyse"],
             summary="Analyse text, a page or a URL",
             response_description="The analysis, exactly as `unspin analyze --format json`.")
async def analyze(body: AnalyzeRequest, state: StateDep, response: Response
                  ) -> dict[str, Any]:
    options = request_options(state.settings.options, body.stages, body.max_bytes,
                              body.timeout, body.techniques)
    article = await run_in_threadpool(article_of, body, options)
    return (await analysed(state, article, options, body.store, response)).to_dict()


@router.post("/analyze/upload", dependencies=[Writer], tags=["analyse"],
             summary="Analyse an uploaded file (HTML or text)")
async def analyze_upload(
    state: StateDep, response: Response,
    file: Annotated[UploadFile, File(description="An HTML page or a text file.")],
    stages: Annotated[str | None, Form(description="Comma-separated stage names.")] = None,
    store: Annotated[bool, Form(description="Also store it in the corpus.")] = False,
    site: Annotated[str | None, Form(max_length=500, description="The outlet that "
                                     "published it (the CLI's --site).")] = None,
    techniques: Annotated[Literal["precision", "recall"] | None, Form(
        description="Technique spans shown: precision [default] or recall.")] = None,
) -> dict[str, Any]:
    options = request_options(state.settings.options, _stage_list(stages), None, None,
                              techniques)
    data = await file.read(options.max_input_bytes + 1)
    name = file.filename or "upload"
    if len(data) > options.max_input_bytes:
        raise InputTooLarge(f"{name}: input too large (over the limit of "
                            f"{options.max_input_bytes:,} bytes)")
    is_html = name.lower().endswith((".html", ".htm", ".xhtml"))
    article = with_site(await run_in_threadpool(article_from_bytes, data, Source(path=name),
                                                options, html=is_html), site)
    return (await analysed(state, article, options, store, response)).to_dict()


def _stage_list(stages: str | None) -> list[str] | None:
    found = [s.strip() for s in (stages or "").split(",") if s.strip()]
    return found or None


# --- stored articles --------------------------------------------------------------------

Sourcing = Literal["named", "vague", "unsourced", "mostly-named"]
assert set(SOURCING) == {"named", "vague", "unsourced", "mostly-named"}


@router.get("/articles", tags=["corpus"], summary="Stored articles, filtered")
def list_articles(
    state: StateDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
    q: Annotated[str | None, Query(max_length=500, description="Words in the text or title.")]
    = None,
    site: Annotated[str | None, Query(max_length=500, description="Site or outlet.")] = None,
    since: Annotated[str | None, Query(max_length=40, description="Dated on or after "
                                                                  "(ISO).")] = None,
    until: Annotated[str | None, Query(max_length=40, description="Dated on or before "
                                                                  "(ISO).")] = None,
    technique: Annotated[str | None, Query(max_length=100, description="Uses this "
                                                                       "technique.")] = None,
    sourcing: Annotated[Sourcing | None, Query(description="Which sources its claims "
                                                           "have.")] = None,
) -> dict[str, Any]:
    filters = Filters(q or None, site or None, since or None, until or None,
                      technique or None, sourcing)
    with state.corpus() as corpus:
        items, total = articles(corpus, filters, limit=limit, offset=offset)
    return page_of(items, total, limit, offset)


@router.get("/articles/{ref}", tags=["corpus"],
            summary="One stored article: its row, analysis and corrections")
def get_article(ref: str, state: StateDep) -> dict[str, Any]:
    row, data = state.article(ref)
    with state.corpus() as corpus:
        found, _ = corpus.corrections(row["id"], limit=1000)
    return {"article": row, "analysis": data, "corrections": [c.to_dict() for c in found]}


@router.get("/articles/{ref}/analysis", tags=["corpus"],
            summary="The stored analysis, as `unspin analyze --format json` writes it")
def get_analysis(ref: str, state: StateDep,
                 download: Annotated[bool, Query(description="As a file to save.")] = False
                 ) -> Response:
    row, data = state.article(ref)
    headers = {"Content-Disposition": f'attachment; filename="{row["id"][:12]}.json"'} \
        if download else {}
    return Response(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                    media_type="application/json", headers=headers)


@router.get("/articles/{ref}/report", tags=["corpus"], response_class=HTMLResponse,
            summary="The standalone HTML report of a stored article")
def get_report(ref: str, state: StateDep) -> HTMLResponse:
    row, data = state.article(ref)
    analysis = Analysis.from_dict(data)
    return HTMLResponse(render_html([analysis]), headers={
        "Content-Disposition": f'attachment; filename="{row["id"][:12]}.html"',
        "Content-Security-Policy": REPORT_CSP})


@router.get("/articles/{ref}/copies", tags=["corpus"],
            summary="Copies of a story and its likely origin")
def get_copies(ref: str, state: StateDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
               ) -> dict[str, Any]:
    with state.corpus() as corpus:
        found = corpus.copies(ref)
    members = [{"id": c.id, "similarity": round(c.similarity, 4), "site": c.site,
                "date": c.date, "title": c.title, "source": c.source, "origin": c.is_origin,
                "language": c.language}
               for c in found.members]
    return {"article": found.article, "group_id": found.group_id,
            "origin": {"name": found.origin_name, "reason": found.origin_reason},
            **page_of(members[offset:offset + limit], len(members), limit, offset)}


@router.get("/articles/{ref}/matches", tags=["corpus"],
            summary="The same claims in other stored articles")
def get_matches(ref: str, state: StateDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
                min_similarity: Annotated[float, Query(ge=-1, le=1)] = 0.0) -> dict[str, Any]:
    with state.corpus() as corpus:
        article, found = corpus.claim_matches(ref, min_similarity=min_similarity)
    items = [{"claim": c.ord, "text": c.text, "matches": [h.to_dict() for h in c.matches]}
             for c in found]
    return {"article": article, **page_of(items[offset:offset + limit], len(items), limit,
                                          offset)}


# --- corrections --------------------------------------------------------------------------

class CorrectionRequest(BaseModel):
    """A finding marked wrong (``layer`` and ``ord``), or one that was missed
    (``layer``, ``start``, ``end`` and, for techniques and sources, ``label``)."""

    layer: Literal["claims", "quotes", "sources", "techniques", "entities", "removed"]
    verdict: Literal["wrong", "missed"]
    author: str = Field(min_length=1, max_length=100, description="Who corrects.")
    ord: int | None = Field(default=None, ge=0, description="The finding's place in its layer.")
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    label: str | None = Field(default=None, max_length=100)
    reason: str | None = Field(default=None, max_length=2000)


assert set(LAYERS) == {"claims", "quotes", "sources", "techniques", "entities", "removed"}
assert set(VERDICTS) == {"wrong", "missed"}


@router.get("/articles/{ref}/corrections", tags=["corrections"],
            summary="Readers' corrections of one article")
def get_corrections(ref: str, state: StateDep, limit: Limit = DEFAULT_LIMIT,
                    offset: Offset = 0) -> dict[str, Any]:
    row, _ = state.article(ref)
    with state.corpus() as corpus:
        found, total = corpus.corrections(row["id"], limit=limit, offset=offset)
    return page_of([c.to_dict() for c in found], total, limit, offset)


@router.post("/articles/{ref}/corrections", dependencies=[Writer], status_code=201,
             tags=["corrections"], summary="Mark a finding wrong, or add a missed one")
def post_correction(ref: str, body: CorrectionRequest, state: StateDep) -> dict[str, Any]:
    row, _ = state.article(ref)
    with state.corpus() as corpus:
        made = corpus.correct(row["id"], **body.model_dump())
    return made.to_dict()


@router.get("/corrections", tags=["corrections"], summary="Every correction, newest first")
def list_corrections(state: StateDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
                     ) -> dict[str, Any]:
    with state.corpus() as corpus:
        found, total = corpus.corrections(limit=limit, offset=offset)
    return page_of([c.to_dict() for c in found], total, limit, offset)


@router.delete("/corrections/{correction_id}", dependencies=[Writer], tags=["corrections"],
               summary="Withdraw a correction")
def delete_correction(correction_id: int, state: StateDep) -> dict[str, Any]:
    with state.corpus() as corpus:
        return corpus.withdraw(correction_id).to_dict()


# --- corpus-wide reads ------------------------------------------------------------------

@router.get("/claims", tags=["corpus"], summary="Stored claims most like a text")
def claims_like(
    state: StateDep,
    like: Annotated[str, Query(min_length=1, max_length=2000, description="The claim's words.")],
    limit: Limit = 10, offset: Offset = 0,
    min_similarity: Annotated[float, Query(ge=-1, le=1)] = 0.0,
    exact: Annotated[bool, Query(description="Compare with every claim, not the nearest "
                                             "cells.")] = False,
) -> dict[str, Any]:
    top = min(offset + limit, 1000)
    like = checked_like(like)
    with state.corpus() as corpus:
        hits = corpus.claims_like(like, top=top, min_similarity=min_similarity, exact=exact)
    items = [h.to_dict() for h in hits[offset:offset + limit]]
    return {"like": like, **page_of(items, len(hits), limit, offset)}


@router.get("/ledger", tags=["corpus"], summary="Every value reported for one thing")
def ledger(state: StateDep,
           about: Annotated[str, Query(min_length=1, max_length=200,
                                       description="What is counted: desertions ...")],
           limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    about = checked_about(about)
    with state.corpus() as corpus:
        found = corpus.ledger(about).to_dict()
    groups = found.pop("groups")
    return {**found, **page_of(groups[offset:offset + limit], len(groups), limit, offset)}


def checked_about(about: str) -> str:
    """``about`` if the ledger can count it.

    Raises:
        ConfigError: no word in it says what is counted (the ledger's own check, which
            as a corpus command's error would read as a broken corpus).
    """
    try:
        term_patterns(about)
    except CorpusError:
        raise ConfigError(f"about={about!r}: give a word for what is counted, e.g. "
                          "desertions") from None
    return about.strip()


def checked_like(like: str) -> str:
    if not like.strip():
        raise ConfigError("like= needs some text to compare the stored claims with")
    return like.strip()


@router.get("/profiles", tags=["corpus"], summary="Outlet profiles, overall and over time")
def profiles(state: StateDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
             outlet: Annotated[str | None, Query(max_length=500)] = None,
             by: Annotated[Literal["month", "year"] | None, Query()] = None
             ) -> dict[str, Any]:
    with state.corpus() as corpus:
        found = [p.to_dict() for p in corpus.profiles(outlet or None, by=by)]
    if outlet and not found:
        raise NotInCorpus(f"{outlet}: no stored article is from this outlet")
    return page_of(found[offset:offset + limit], len(found), limit, offset)


@router.get("/stats", tags=["corpus"], summary="Rows per table and the file's size")
def stats(state: StateDep) -> dict[str, Any]:
    with state.corpus() as corpus:
        found = corpus.stats()
    found.pop("path", None)  # the server's file system is its own business
    return found


@router.get("/health", tags=["server"], summary="Whether the server is up, and its queue")
def health(state: StateDep) -> dict[str, Any]:
    return {"status": "ok", "analyses_waiting": state.analyser.waiting,
            "token_required": state.settings.token is not None}


# --- ingest jobs --------------------------------------------------------------------------

class JobRequest(BaseModel):
    """Files or folders under the server's ingest root (JSON Lines, feeds and WARC files
    included), and feed URLs to fetch."""

    inputs: list[str] = Field(default_factory=list, max_length=100)
    feeds: list[str] = Field(default_factory=list, max_length=100)
    fetch_links: bool = Field(default=False, description="Fetch feed entries' links.")


@router.post("/jobs", dependencies=[Writer], status_code=202, tags=["jobs"],
             summary="Start a corpus ingest in the background")
def start_job(body: JobRequest, state: StateDep, response: Response) -> dict[str, Any]:
    job = state.jobs.start(body.inputs, body.feeds, fetch_links=body.fetch_links)
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return job.to_dict()


@router.get("/jobs", tags=["jobs"], summary="Ingest jobs, newest first")
def list_jobs(state: StateDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
              ) -> dict[str, Any]:
    jobs = [j.to_dict() for j in reversed(state.jobs.all())]
    return page_of(jobs[offset:offset + limit], len(jobs), limit, offset)


@router.get("/jobs/{job_id}", tags=["jobs"], summary="One job's progress")
def get_job(job_id: int, state: StateDep) -> dict[str, Any]:
    job = state.jobs.get(job_id)
    if job is None:
        raise NotInCorpus(f"no job has the id {job_id} (finished jobs are forgotten "
                          "when the server restarts)")
    return job.to_dict()


@router.get("/jobs/{job_id}/events", tags=["jobs"], response_class=StreamingResponse,
            summary="One job's progress as server-sent events, until it ends")
async def job_events(job_id: int, state: StateDep, request: Request) -> StreamingResponse:
    job = state.jobs.get(job_id)
    if job is None:
        raise NotInCorpus(f"no job has the id {job_id}")

    async def events() -> AsyncIterator[str]:
        last = None
        while not await request.is_disconnected():
            now = json.dumps(job.to_dict())
            if now != last:
                yield f"event: progress\ndata: {now}\n\n"
                last = now
            if job.finished:
                yield f"event: end\ndata: {now}\n\n"
                return
            await asyncio.sleep(0.5)

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store"})


def error_response(status: int, code: str, message: str, exit_code: int | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The one shape of every error the API sends."""
    return JSONResponse({"error": {"code": code, "status": status, "message": message,
                                   "exit_code": exit_code}}, status_code=status,
                        headers=headers)

