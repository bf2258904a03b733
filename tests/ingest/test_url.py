"""URL fetching: every hop checked, sizes capped, failures one line. Never touches the network:
requests go to an ``httpx.MockTransport`` and the resolver is replaced."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from unspin.config import Options
from unspin.document import Source
from unspin.errors import BadURL, InputTooLarge, NetworkError
from unspin.ingest import read_input
from unspin.ingest import url as url_module
from unspin.ingest.url import fetch, fetch_feed

Handler = Callable[[httpx.Request], httpx.Response]
PUBLIC = "93.184.215.14"
PRIVATE_HOSTS = {"intranet.example": "10.0.0.1"}
TEXT = "Headline\n\nMore than 4,000 containers are stranded, the union said. " * 5


@pytest.fixture(autouse=True)
def resolver(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every host is public except those in PRIVATE_HOSTS; records the hosts looked up."""
    looked_up: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return [PRIVATE_HOSTS.get(host, PUBLIC)]

    monkeypatch.setattr(url_module, "resolve", resolve)
    return looked_up


@pytest.fixture(scope="module")
def page(examples_dir: Path) -> bytes:
    return (examples_dir / "news-port-strike.html").read_bytes()


def client(handler: Handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def html_response(body: bytes, **kwargs: object) -> httpx.Response:
    headers = {"content-type": "text/html; charset=utf-8"}
    return httpx.Response(200, headers=headers, content=body, **kwargs)  # type: ignore[arg-type]


def redirects(hops: int, final: httpx.Response) -> Handler:
    """/0 redirects to /1 ... up to /hops, which answers ``final``."""
    def handler(request: httpx.Request) -> httpx.Response:
        step = int(request.url.path.strip("/") or 0)
        if step < hops:
            return httpx.Response(301 if step % 2 else 302, headers={"location": f"/{step + 1}"})
        return final
    return handler


def test_url_html_fetched(page: bytes) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html_response(page)

    article = fetch("https://news.example/story", Options(), client(handler))
    assert article.format == "html"
    assert article.source == Source(url="https://news.example/story")
    assert article.metadata.url == "https://news.example/story"
    assert article.metadata.author == "Eleanor Vance"
    assert "More than 4,000 shipping containers" in article.text
    assert seen[0].headers["user-agent"] == Options().user_agent


def test_url_text_plain_is_text_article() -> None:
    handler = lambda request: httpx.Response(
        200, headers={"content-type": "text/plain; charset=utf-8"}, content=TEXT.encode())
    article = read_input("http://news.example/a.txt", Options(), client=client(handler))
    assert article.format == "text"
    assert article.text == TEXT
    assert article.source == Source(url="http://news.example/a.txt")
    assert article.metadata.url == "http://news.example/a.txt"


def test_url_missing_content_type_sniffed(page: bytes) -> None:
    article = fetch("https://news.example/", Options(),
                    client(lambda request: httpx.Response(200, content=page)))
    assert article.format == "html"


def test_url_charset_header_used() -> None:
    text = "Le caf\u00e9 \u00e9tait ferm\u00e9, selon les na\u00effs.\n"
    handler = lambda request: httpx.Response(
        200, headers={"content-type": "text/plain; charset=iso-8859-15"},
        content=text.encode("iso-8859-15"))
    assert fetch("https://news.example/", Options(), client(handler)).text == text


@pytest.mark.parametrize("hops", [1, 3, 5])
def test_url_redirects_followed(page: bytes, hops: int, resolver: list[str]) -> None:
    article = fetch("https://news.example/0", Options(max_redirects=5),
                    client(redirects(hops, html_response(page))))
    assert article.metadata.url == f"https://news.example/{hops}"
    assert article.source == Source(url="https://news.example/0")
    assert len(resolver) == hops + 1  # every hop's host checked


@pytest.mark.parametrize("limit", [0, 2])
def test_url_redirects_capped(page: bytes, limit: int) -> None:
    with pytest.raises(NetworkError, match=f"more than {limit} redirects"):
        fetch("https://news.example/0", Options(max_redirects=limit),
              client(redirects(limit + 1, html_response(page))))


@pytest.mark.parametrize("location, error", [
    ("http://intranet.example/admin", "resolves to a private address 10.0.0.1"),
    ("file:///etc/passwd", "only http and https"),
    ("ftp://news.example/file.txt", "only http and https"),
])
def test_url_redirect_target_checked(location: str, error: str) -> None:
    handler = lambda request: httpx.Response(302, headers={"location": location})
    with pytest.raises(BadURL, match=error) as info:
        fetch("https://news.example/", Options(), client(handler))
    assert str(info.value).startswith("https://news.example/ (redirected to ")


@pytest.mark.parametrize("address, kind", [
    ("10.0.0.1", "private"), ("192.168.1.20", "private"), ("172.16.5.4", "private"),
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("169.254.169.254", "link-local"),
    ("fe80::1%eth0", "link-local"), ("224.0.0.251", "multicast"), ("0.0.0.0", "unspecified"),
    ("240.0.0.1", "reserved"), ("100.64.0.1", "private"), ("fd00::1", "private"),
    ("::ffff:10.0.0.1", "private"),
])
def test_url_private_address_refused(monkeypatch: pytest.MonkeyPatch, address: str,
                                     kind: str) -> None:
    monkeypatch.setattr(url_module, "resolve", lambda host, port: [PUBLIC, address])
    never = client(lambda request: pytest.fail("a refused URL must not be requested"))
    with pytest.raises(BadURL, match=f"resolves to a {kind} address .*; pass --allow-private"):
        fetch("https://router.example/", Options(), never)


def test_url_private_address_allowed(monkeypatch: pytest.MonkeyPatch, page: bytes) -> None:
    monkeypatch.setattr(url_module, "resolve", lambda host, port: pytest.fail("no lookup"))
    article = fetch("http://10.0.0.1/story", Options(allow_private=True),
                    client(lambda request: html_response(page)))
    assert article.metadata.url == "http://10.0.0.1/story"


@pytest.mark.parametrize("address", [PUBLIC, "2606:4700:4700::1111"])
def test_url_public_address_allowed(monkeypatch: pytest.MonkeyPatch, page: bytes,
                                    address: str) -> None:
    monkeypatch.setattr(url_module, "resolve", lambda host, port: [address])
    assert fetch("https://news.example/", Options(),
                 client(lambda request: html_response(page))).format == "html"


def test_url_resolver_failure() -> None:
    def fail(host: str, port: int) -> list[str]:
        raise socket.gaierror(-2, "Name or service not known")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(url_module, "resolve", fail)
        with pytest.raises(NetworkError, match="cannot resolve host 'nowhere.example'"):
            fetch("https://nowhere.example/", Options(), client(lambda r: html_response(b"")))


@pytest.mark.parametrize("spec", ["ftp://news.example/a.txt", "file:///etc/passwd",
                                  "gopher://news.example/"])
def test_url_bad_scheme(spec: str) -> None:
    with pytest.raises(BadURL, match=f"^{spec}: only http and https"):
        read_input(spec, Options())


@pytest.mark.parametrize("spec", ["https://", "http://exa mple.com/"])
def test_url_malformed(spec: str) -> None:
    with pytest.raises(BadURL):
        fetch(spec, Options(), client(lambda r: pytest.fail("not requested")))


@pytest.mark.parametrize("exception, message", [
    (httpx.ConnectTimeout, r"timed out after 3 s \(option fetch_timeout\)"),
    (httpx.ReadTimeout, r"timed out after 3 s"),
    (httpx.ConnectError, r"ConnectError: connection refused"),
    (httpx.RemoteProtocolError, r"RemoteProtocolError: connection refused"),
])
def test_url_transport_errors(exception: type[httpx.TransportError], message: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exception("connection\nrefused", request=request)

    with pytest.raises(NetworkError, match=f"^https://news.example/: {message}") as info:
        fetch("https://news.example/", Options(fetch_timeout=3), client(handler))
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("status, text", [(404, "HTTP 404 Not Found"), (403, "HTTP 403 Forbidden"),
                                          (503, "HTTP 503 Service Unavailable")])
def test_url_http_error_status(status: int, text: str) -> None:
    handler = lambda request: httpx.Response(status, text="nope")
    with pytest.raises(NetworkError, match=f"^https://news.example/x: {text} from https://"):
        fetch("https://news.example/x", Options(), client(handler))


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/json"])
def test_url_wrong_content_type(content_type: str) -> None:
    def body() -> Iterator[bytes]:
        pytest.fail("the body of a refused content type must not be read")
        yield b""

    handler = lambda request: httpx.Response(
        200, headers={"content-type": content_type}, content=body())
    with pytest.raises(NetworkError, match=f"sent {content_type}, not an article; unspin reads"):
        fetch("https://news.example/file", Options(), client(handler))


def test_url_oversize_content_length() -> None:
    handler = lambda request: httpx.Response(
        200, headers={"content-type": "text/html", "content-length": "5000"}, content=b"x" * 5000)
    with pytest.raises(InputTooLarge, match=r"response too large \(over the limit of 1,000 bytes\)"):
        fetch("https://news.example/", Options(max_input_bytes=1000), client(handler))


def test_url_oversize_stream_stops_early() -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for i in range(1000):
            sent.append(i)
            yield b"<p>" + b"x" * 997

    handler = lambda request: httpx.Response(
        200, headers={"content-type": "text/html"}, content=chunks())
    with pytest.raises(InputTooLarge, match="raise --max-bytes"):
        fetch("https://news.example/", Options(max_input_bytes=10_000), client(handler))
    assert len(sent) < 20


FEED = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        b"<item><title>One</title></item></channel></rss>")


def test_url_feed_fetched_as_bytes() -> None:
    handler = redirects(1, httpx.Response(200, headers={"content-type": "application/rss+xml"},
                                          content=FEED))
    assert fetch_feed("https://wire.example/0", Options(), client(handler)) == FEED


@pytest.mark.parametrize("url,content_type,error,words", [
    ("https://wire.example/feed", "text/html", NetworkError, "not a feed"),
    ("http://intranet.example/feed", "application/rss+xml", BadURL, "private address"),
])
def test_url_feed_refuses_what_fetch_refuses(url: str, content_type: str,
                                             error: type[Exception], words: str) -> None:
    handler = lambda request: httpx.Response(
        200, headers={"content-type": content_type}, content=FEED)
    with pytest.raises(error, match=words):
        fetch_feed(url, Options(), client(handler))
