"""Fetch an article over http(s), refusing what a public server should not make us fetch.

Redirects are followed by hand, so every hop is checked like the first: http or https
only, and a host that resolves to a public address unless ``allow_private`` is set (a
public page must not be able to redirect unspin's server into the local network). The
body is read in a stream and refused once it passes ``max_input_bytes``.

Known limit: the address is checked when resolved here, and httpx resolves again when
it connects; a hostile DNS server could answer differently the second time.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import Options
from ..document import Article, Source
from ..errors import BadURL, InputTooLarge, NetworkError
from .html import article_from_html, looks_like_html, meta_charset
from .text import article_from_text, check_bytes, decode

if TYPE_CHECKING:  # httpx imports with the first URL: 0.5 s of every start otherwise
    import httpx

SCHEMES = ("http", "https")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml")
ACCEPTED_TYPES = ", ".join(HTML_TYPES + TEXT_TYPES)
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
# What a host may look like once IDNA-encoded: a name, an IPv4 or an IPv6 address.
_HOST = re.compile(rb"[A-Za-z0-9._:-]+")


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to; a module-level function so tests can replace it."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def fetch(url: str, options: Options, client: httpx.Client | None = None) -> Article:
    """Fetch ``url`` and read it as an article (HTML through trafilatura, text as is).

    Args:
        url: an http or https URL.
        options: timeouts, redirect limit, size cap, ``allow_private`` and the User-Agent.
        client: an httpx client to send through (tests pass one with a MockTransport);
            by default a fresh one, closed afterwards.

    Raises:
        BadURL: not http(s), or a host that resolves to a non-public address.
        NetworkError: DNS, connection, TLS, timeout, HTTP status or content-type failures.
        InputTooLarge: a body over ``options.max_input_bytes``.
    """
    return _article(url, _fetch(url, options, client), options)


def fetch_feed(url: str, options: Options, client: httpx.Client | None = None) -> bytes:
    """Fetch an RSS or Atom feed's bytes, with every check ``fetch`` makes (scheme, public
    address at every hop, size cap); for ``unspin serve``'s ingest of a feed URL.

    Raises:
        BadURL, NetworkError, InputTooLarge: as ``fetch``; a page or text that is not a
            feed is a NetworkError too.
    """
    return _fetch(url, options, client, FEED_TYPES).body


def _fetch(url: str, options: Options, client: httpx.Client | None,
           types: tuple[str, ...] = HTML_TYPES + TEXT_TYPES) -> _Fetched:
    """``_get`` with a client of its own unless given one, httpx's errors made one line."""
    import httpx

    own = client is None
    client = client or httpx.Client()
    try:
        return _get(client, url, options, types)
    except httpx.TimeoutException:
        raise NetworkError(f"{url}: timed out after {options.fetch_timeout:g} s "
                           "(option fetch_timeout)") from None
    except httpx.HTTPError as error:
        raise NetworkError(f"{url}: {_one_line(error)}") from None
    finally:
        if own:
            client.close()


@dataclass(frozen=True, slots=True)
class _Fetched:
    url: str
    content_type: str
    charset: str | None
    body: bytes


def _get(client: httpx.Client, url: str, options: Options,
         types: tuple[str, ...] = HTML_TYPES + TEXT_TYPES) -> _Fetched:
    """Follow up to ``max_redirects`` redirects, checking each hop; return the final body
    if its content type is one of ``types`` (or not given)."""
    current = check_url(url, options)
    for _ in range(options.max_redirects + 1):
        with client.stream("GET", current, headers=_headers(options), follow_redirects=False,
                           timeout=options.fetch_timeout) as response:
            if not response.has_redirect_location:
                content_type = _checked_type(url, response, types)
                return _Fetched(str(response.url), content_type, response.charset_encoding,
                                _body(url, response, options))
            target = response.url.join(response.headers["location"])
        current = check_url(str(target), options, original=url)
    raise NetworkError(f"{url}: more than {options.max_redirects} redirects "
                       "(option max_redirects)")


def _headers(options: Options) -> dict[str, str]:
    return {"User-Agent": options.user_agent, "Accept": _ACCEPT}


def check_url(url: str, options: Options, *, original: str | None = None) -> httpx.URL:
    """Parse ``url`` and refuse a scheme or host unspin will not fetch.

    Args:
        original: the URL the user gave, named in errors when ``url`` is a redirect target.
    """
    import httpx

    label = original or url
    via = f" (redirected to {url})" if original else ""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise BadURL(f"{label}{via}: not a valid URL ({error}); give an http or https URL") from None
    if parsed.scheme not in SCHEMES:
        raise BadURL(f"{label}{via}: only http and https URLs can be fetched")
    if not _HOST.fullmatch(parsed.raw_host):
        raise BadURL(f"{label}{via}: not a valid host name {parsed.host!r}")
    if not options.allow_private:
        _check_public(parsed, label + via)
    return parsed


def _check_public(url: httpx.URL, label: str) -> None:
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        addresses = resolve(url.raw_host.decode("ascii"), port)
    except (socket.gaierror, UnicodeError) as error:
        raise NetworkError(f"{label}: cannot resolve host {url.host!r} ({error})") from None
    for address in addresses:
        kind = _non_public(address)
        if kind:
            raise BadURL(f"{label}: {url.host} resolves to a {kind} address {address}; "
                         "pass --allow-private to fetch it")


def _non_public(address: str) -> str | None:
    """What kind of non-public address this is, or None for a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "private"


def _checked_type(url: str, response: httpx.Response,
                  types: tuple[str, ...] = HTML_TYPES + TEXT_TYPES) -> str:
    """Raise for an HTTP error status or a content type not in ``types``."""
    if response.is_error:
        status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
        raise NetworkError(f"{url}: {status} from {response.url}")
    content_type = str(response.headers.get("content-type", "")).split(";")[0].strip().lower()
    if content_type and content_type not in types:
        what = "a feed" if types == FEED_TYPES else "an article"
        raise NetworkError(f"{url}: the server sent {content_type}, not {what}; "
                           f"unspin reads {', '.join(types)}")
    return content_type


def _body(url: str, response: httpx.Response, options: Options) -> bytes:
    """Read the (decompressed) body, stopping as soon as it passes the size cap."""
    limit = options.max_input_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(url, limit)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # as received, not buffered to a chunk size
        size += len(chunk)
        if size > limit:
            raise _too_large(url, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str, limit: int) -> InputTooLarge:
    return InputTooLarge(f"{url}: response too large (over the limit of {limit:,} bytes); "
                         "raise --max-bytes (option max_input_bytes) to fetch it")


def _article(url: str, fetched: _Fetched, options: Options) -> Article:
    """Text responses become text articles; pages (or untyped HTML) go through trafilatura."""
    source = Source(url=url)
    check_bytes(fetched.body, url)
    declared = fetched.charset or meta_charset(fetched.body)
    text = decode(fetched.body, url, declared=declared)
    if fetched.content_type in HTML_TYPES or (not fetched.content_type
                                              and looks_like_html(text)):
        return article_from_html(text, source, options, url=fetched.url)
    article = article_from_text(text, source)
    article.metadata.url = fetched.url
    return article


def _one_line(error: Exception) -> str:
    message = " ".join(str(error).split()) or type(error).__name__
    return f"{type(error).__name__}: {message}"
