"""The REST API through FastAPI's test client, with the cheap stages (no model loads)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from unspin.config import Options
from unspin.web.security import CSP, REPORT_CSP

from .conftest import EXAMPLES, TEXT, TOKEN, make_client, state_of, store

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "src" / "unspin" / "schema"
                     / "analysis.schema.json").read_text())


def _error(response: object, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()["error"]  # type: ignore[attr-defined]
    assert body["code"] == code and body["status"] == status and body["message"]
    assert "Traceback" not in response.text  # type: ignore[attr-defined]
    return body  # type: ignore[no-any-return]


def test_api_analyze_text_gives_the_cli_json_and_stores_on_request(client: TestClient) -> None:
    response = client.post("/api/v1/analyze", json={"text": TEXT, "title": "Mine"})
    assert response.status_code == 200
    data = response.json()
    jsonschema.validate(data, SCHEMA)
    assert data["text"] == TEXT and data["metadata"]["title"] == "Mine"
    assert "location" not in response.headers
    assert client.get("/api/v1/articles").json()["total"] == 0

    stored = client.post("/api/v1/analyze", json={"text": TEXT, "store": True})
    article = stored.headers["x-unspin-article"]
    assert stored.headers["location"] == f"/api/v1/articles/{article}"
    assert client.get(stored.headers["location"]).json()["analysis"]["text"] == TEXT


def test_api_analyze_upload_reads_a_page(client: TestClient) -> None:
    page = EXAMPLES / "valley-gazette-rail-cuts.html"
    response = client.post("/api/v1/analyze/upload",
                           files={"file": (page.name, page.read_bytes(), "text/html")})
    assert response.status_code == 200, response.text
    assert response.json()["format"] == "html" and "<" not in response.json()["text"][:50]


def test_api_analyze_site_names_the_outlet_as_the_cli_site_does(client: TestClient) -> None:
    typed = client.post("/api/v1/analyze", json={"text": TEXT, "site": " Valley Gazette "})
    assert typed.json()["metadata"]["site"] == "Valley Gazette"
    page = EXAMPLES / "valley-gazette-rail-cuts.html"
    uploaded = client.post("/api/v1/analyze/upload", data={"site": "Another Outlet"},
                           files={"file": (page.name, page.read_bytes(), "text/html")})
    assert uploaded.json()["metadata"]["site"] == "Another Outlet"


@pytest.mark.parametrize("body,status,code,exit_code", [
    ({"text": "   "}, 400, "EmptyInput", 2),
    ({"text": "words", "stages": ["no.such.stage"]}, 400, "ConfigError", 6),
    ({"url": "http://127.0.0.1:9/admin"}, 400, "BadURL", 5),
    ({"url": "ftp://example.org/x"}, 400, "BadURL", 5),
])
def test_api_analyze_errors_carry_status_and_exit_code(client: TestClient, body: dict[str, object],
                                                       status: int, code: str,
                                                       exit_code: int) -> None:
    assert _error(client.post("/api/v1/analyze", json=body), status, code)["exit_code"] \
        == exit_code


@pytest.mark.parametrize("body", [{}, {"text": "a", "url": "http://example.org"}, [1]])
def test_api_analyze_needs_exactly_one_input(client: TestClient, body: object) -> None:
    _error(client.post("/api/v1/analyze", json=body), 422, "ValidationError")


def test_api_request_bodies_over_the_limit_are_refused(tmp_path: Path, cheap: Options) -> None:
    small = cheap.replace(max_input_bytes=1000)
    with make_client(tmp_path, small) as client:
        _error(client.post("/api/v1/analyze", json={"text": "x " * 1000}), 413, "InputTooLarge")
        huge = b'{"text": "' + b"x" * 400_000 + b'"}'
        _error(client.post("/api/v1/analyze", content=huge,
                           headers={"content-type": "application/json"}), 413, "InputTooLarge")
        _error(client.post("/api/v1/analyze/upload", files={"file": ("a.txt", b"y" * 2000)}),
               413, "InputTooLarge")


def test_api_lists_filter_and_page(client: TestClient, stored: str) -> None:
    other = client.post("/api/v1/analyze", json={"text": "Another story about harbours, "
                                                 "nothing else.", "store": True})
    assert other.status_code == 200
    everything = client.get("/api/v1/articles").json()
    assert everything["total"] == 2 and set(everything) == {"items", "total", "limit", "offset"}
    first = client.get("/api/v1/articles?limit=1").json()
    second = client.get("/api/v1/articles?limit=1&offset=1").json()
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    for query in ("site=valley%20post", "technique=Loaded_Language", "sourcing=named",
                  "q=BRUTAL", "since=2024-03-01&until=2024-03-04"):
        found = client.get(f"/api/v1/articles?{query}").json()
        assert [a["id"] for a in found["items"]] == [stored], query
    snippet = client.get("/api/v1/articles?q=brutal").json()["items"][0]["snippet"]
    assert snippet["match"] == "brutal" and TEXT[snippet["start"]:].startswith("brutal")
    _error(client.get("/api/v1/articles?limit=0"), 422, "ValidationError")
    _error(client.get("/api/v1/articles?sourcing=all"), 422, "ValidationError")


def test_api_reads_one_article_by_id_or_prefix(client: TestClient, stored: str) -> None:
    whole = client.get(f"/api/v1/articles/{stored}").json()
    assert whole["article"]["id"] == stored and whole["analysis"]["text"] == TEXT
    assert client.get(f"/api/v1/articles/{stored[:10]}").json()["article"]["id"] == stored
    body = _error(client.get("/api/v1/articles/0000000000"), 404, "NotInCorpus")
    assert body["exit_code"] == 10
    exported = client.get(f"/api/v1/articles/{stored}/analysis?download=true")
    assert exported.json()["text"] == TEXT and "attachment" in exported.headers[
        "content-disposition"]
    report = client.get(f"/api/v1/articles/{stored}/report")
    assert report.headers["content-security-policy"] == REPORT_CSP
    assert "<script" not in report.text and "brutal" in report.text


def test_api_corrections_round_trip(client: TestClient, stored: str) -> None:
    url = f"/api/v1/articles/{stored}/corrections"
    wrong = client.post(url, json={"layer": "techniques", "verdict": "wrong", "ord": 0,
                                   "author": "Ana", "reason": "a plain word here"})
    assert wrong.status_code == 201
    assert wrong.json() | {"id": 0, "created_at": ""} == {
        "id": 0, "article_id": stored, "layer": "techniques", "ord": 0, "verdict": "wrong",
        "start": TEXT.index("brutal"), "end": TEXT.index("brutal") + 6, "text": "brutal",
        "label": "Loaded_Language", "reason": "a plain word here", "author": "Ana",
        "created_at": ""}
    start = TEXT.index("grow")
    missed = client.post(url, json={"layer": "techniques", "verdict": "missed", "start": start,
                                    "end": start + 4, "label": "Exaggeration,Minimisation",
                                    "author": "Ana"})
    assert missed.status_code == 201 and missed.json()["text"] == "grow"
    listed = client.get(url).json()
    assert listed["total"] == 2 and [c["verdict"] for c in listed["items"]] == ["missed", "wrong"]
    assert client.get("/api/v1/corrections?limit=1").json()["total"] == 2
    gone = client.delete(f"/api/v1/corrections/{missed.json()['id']}")
    assert gone.status_code == 200 and client.get(url).json()["total"] == 1
    _error(client.delete(f"/api/v1/corrections/{missed.json()['id']}"), 404, "NotInCorpus")


@pytest.mark.parametrize("body,status,code", [
    ({"layer": "claims", "verdict": "wrong", "ord": 7, "author": "x"}, 404, "NotInCorpus"),
    ({"layer": "techniques", "verdict": "missed", "start": 0, "end": 4, "author": "x"}, 400,
     "ConfigError"),
    ({"layer": "sources", "verdict": "missed", "start": 0, "end": 4, "label": "rumour",
      "author": "x"}, 400, "ConfigError"),
    ({"layer": "claims", "verdict": "missed", "start": 5, "end": 99999, "author": "x"}, 400,
     "ConfigError"),
    ({"layer": "numbers", "verdict": "wrong", "ord": 0, "author": "x"}, 422, "ValidationError"),
    ({"layer": "claims", "verdict": "wrong", "ord": 0, "author": ""}, 422, "ValidationError"),
])
def test_api_bad_corrections_say_why(client: TestClient, stored: str, body: dict[str, object],
                                     status: int, code: str) -> None:
    _error(client.post(f"/api/v1/articles/{stored}/corrections", json=body), status, code)


def test_api_corpus_reads_come_in_pages(client: TestClient, stored: str) -> None:
    for url in ("/api/v1/ledger?about=passengers", "/api/v1/profiles?by=month",
                f"/api/v1/articles/{stored}/copies", "/api/v1/jobs", "/api/v1/corrections"):
        page = client.get(url).json()
        assert {"items", "total", "limit", "offset"} <= set(page), url
    ledger = client.get("/api/v1/ledger?about=passengers").json()
    assert ledger["total"] == 1 and ledger["items"][0]["values"][0]["text"] == "more than 21,000"
    profile = client.get("/api/v1/profiles?outlet=Valley%20Post&by=month").json()["items"][0]
    assert profile["periods"]["2024-03"]["techniques"] == 2
    _error(client.get("/api/v1/profiles?outlet=Nowhere"), 404, "NotInCorpus")
    _error(client.get("/api/v1/ledger"), 422, "ValidationError")


def test_api_every_response_carries_the_security_headers(client: TestClient, stored: str) -> None:
    for url in ("/", f"/articles/{stored}", "/api/v1/articles", "/static/app.js",
                "/nothing-here", "/api/v1/nothing"):
        response = client.get(url)
        assert response.headers["content-security-policy"] == CSP, url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP


def test_api_an_unexpected_error_shows_no_stack_trace(tmp_path: Path, cheap: Options,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ref: str) -> None:
        raise RuntimeError("secret detail from deep inside")

    with make_client(tmp_path, cheap, raise_errors=False) as client:
        stored = store(client)
        monkeypatch.setattr(state_of(client), "article", broken)
        for url in (f"/api/v1/articles/{stored}", f"/articles/{stored}"):
            response = client.get(url)
            assert response.status_code == 500
            assert "secret detail" not in response.text and "Traceback" not in response.text
            assert "RuntimeError" not in response.text


def test_api_answers_only_to_its_own_host_names(client: TestClient) -> None:
    assert client.get("/api/v1/health", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/api/v1/health", headers={"host": "[::1]:8000"}).status_code == 200
    _error(client.get("/api/v1/health", headers={"host": "attacker.example"}), 421, "BadHost")


def test_api_writes_need_the_token_when_one_is_set(token_client: TestClient) -> None:
    stored = store(token_client)
    assert token_client.get(f"/api/v1/articles/{stored}").status_code == 200  # reads are open
    body = {"layer": "claims", "verdict": "wrong", "ord": 0, "author": "x"}
    url = f"/api/v1/articles/{stored}/corrections"
    refused = token_client.post(url, json=body)
    _error(refused, 401, "Unauthorized")
    assert refused.headers["www-authenticate"] == "Bearer"
    _error(token_client.post(url, json=body, headers={"authorization": "Bearer wrong"}), 401,
           "Unauthorized")
    _error(token_client.post("/api/v1/analyze", json={"text": "x"}), 401, "Unauthorized")
    _error(token_client.post("/api/v1/jobs", json={"inputs": ["a"]}), 401, "Unauthorized")
    ok = token_client.post(url, json=body, headers={"authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201
    assert token_client.get("/api/v1/health").json()["token_required"] is True


def test_api_refuses_writes_from_another_site(client: TestClient, stored: str) -> None:
    body = {"layer": "claims", "verdict": "wrong", "ord": 0, "author": "x"}
    url = f"/api/v1/articles/{stored}/corrections"
    for headers in ({"origin": "https://attacker.example"}, {"sec-fetch-site": "cross-site"},
                    {"origin": "null"}):
        _error(client.post(url, json=body, headers=headers), 403, "CrossSite")
    same = client.post(url, json=body, headers={"origin": "http://testserver",
                                                "sec-fetch-site": "same-origin"})
    assert same.status_code == 201


def test_api_jobs_ingest_files_under_the_root(tmp_path: Path, cheap: Options) -> None:
    with make_client(tmp_path, cheap, ingest_root=EXAMPLES) as client:
        _error(client.post("/api/v1/jobs", json={"inputs": ["../../README.md"]}), 404,
               "InputNotFound")
        _error(client.post("/api/v1/jobs", json={}), 400, "ConfigError")
        for unusable in ("bad\u0000name.txt", "lone\udcff\ud800surrogate"):
            _error(client.post("/api/v1/jobs", content=json.dumps({"inputs": [unusable]}),
                               headers={"content-type": "application/json"}),
                   400, "InputError")
        started = client.post("/api/v1/jobs", json={"inputs": ["."]})
        assert started.status_code == 202
        url = started.headers["location"]
        for _ in range(600):
            job = client.get(url).json()
            if job["state"] in ("done", "failed"):
                break
            time.sleep(0.1)
        assert (job["state"], job["stored"], job["failed"]) == ("done", 9, 0), job
        events = client.get(f"{url}/events").text
        assert "event: end" in events and '"state": "done"' in events
        assert client.get("/api/v1/articles").json()["total"] == 9
        _error(client.get("/api/v1/jobs/999"), 404, "NotInCorpus")


def test_api_jobs_read_no_server_files_without_a_root(client: TestClient) -> None:
    body = _error(client.post("/api/v1/jobs", json={"inputs": ["examples"]}), 400, "ConfigError")
    assert "--ingest-root" in str(body["message"])


def test_api_analyze_takes_the_techniques_setting(client: TestClient) -> None:
    from unspin.web.api import request_options

    options = request_options(Options(), None, None, None, "recall")
    assert options.config_for("unspin.techniques.v1") == {"setting": "recall"}
    assert request_options(Options(), None, None, None).config_for("unspin.techniques.v1") == {}
    assert client.post("/api/v1/analyze", json={"text": TEXT, "techniques": "recall"}
                       ).status_code == 200
    _error(client.post("/api/v1/analyze", json={"text": TEXT, "techniques": "everything"}),
           422, "ValidationError")
