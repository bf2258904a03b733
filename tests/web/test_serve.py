"""``unspin serve``'s refusals, plotly served from the installed package, and docs that
name every API route."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from unspin.web import vendor
from unspin.web.security import host_name, is_loopback

from ..clirun import run_cli

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("args,words", [
    (["--host", "0.0.0.0"], "not a loopback address"),
    (["--host", "192.168.1.5", "--token", "short"], "at least 16 characters"),
    (["--port", "70000"], "--port must be 1 to 65535"),
    (["--ingest-root", "/no/such/folder"], "not a folder"),
    (["--threads", "0"], "--threads must be 1 to 256"),
])
def test_serve_refuses_unsafe_or_bad_settings_in_one_line(
        args: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run_cli(["serve", "--db", str(tmp_path / "x.duckdb"), *args], capsys,
                           monkeypatch)
    assert code == 6, err
    assert words in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and not (tmp_path / "x.duckdb").exists()


@pytest.mark.parametrize("host,loopback", [("127.0.0.1", True), ("127.8.0.1", True),
                                           ("::1", True), ("[::1]", True),
                                           ("localhost", True), ("0.0.0.0", False),
                                           ("10.0.0.2", False), ("example.org", False)])
def test_serve_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_host_header_names() -> None:
    assert [host_name(h) for h in ("a.example:80", "[::1]:8000", "::1", "b.example")] == [
        "a.example", "::1", "::1", "b.example"]


def test_serve_plotly_comes_from_the_installed_package(client: TestClient) -> None:
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert b"plotly" in js.content[:2000].lower() and len(js.content) > 1_000_000
    css = client.get("/vendor/plotly.css").text
    assert ".js-plotly-plot .plotly .main-svg{position:absolute" in css
    assert vendor.css_from_bundle("no rules here") is None


def test_serve_docs_name_every_api_route(client: TestClient) -> None:
    text = (DOCS / "web.md").read_text()
    paths = client.get("/openapi.json").json()["paths"]
    for path, methods in paths.items():
        for method in methods:
            assert f"`{method.upper()} {path}`" in text, f"{method.upper()} {path} undocumented"
