"""``unspin serve``: the web app and REST API on uvicorn, models loaded once.

FastAPI, uvicorn and the web package are imported inside the command, so that the other
commands do not pay for them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..config import make_options
from ..errors import ConfigError
from .analyze import Device, loading

DEFAULT_DB = "unspin.duckdb"
TOKEN_ENV = "UNSPIN_TOKEN"


def serve_command(
    db: Annotated[Path, typer.Option("--db", help="The corpus database file (made when "
                                     "missing).")] = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(
        "--host", help="Address to listen on; anything but loopback needs --token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        "--token", help=f"The secret every write needs (or set {TOKEN_ENV}); at least 16 "
                        "characters.", show_default=False)] = None,
    ingest_root: Annotated[Path | None, typer.Option(
        "--ingest-root", help="A folder whose files ingest jobs may read [default: none].",
        show_default=False)] = None,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="A host name the server answers to besides loopback ones "
                               "(a reverse proxy's public name); repeat for more.",
        show_default=False)] = None,
    stages: Annotated[str | None, typer.Option(
        help="Comma-separated stage names to run [default: the full pipeline].")] = None,
    max_bytes: Annotated[int | None, typer.Option(
        help="Refuse articles larger than this many bytes [default: 5 MiB].")] = None,
    allow_private: Annotated[bool, typer.Option(
        help="Allow URLs that resolve to private or loopback addresses.")] = False,
    queue: Annotated[int, typer.Option(
        "--queue", help="Analyses that may wait before requests are refused (503).")] = 32,
    secure_cookies: Annotated[bool, typer.Option(
        help="Mark cookies Secure (when an https reverse proxy is in front).")] = False,
    threads: Annotated[int, typer.Option(
        "--threads", help="Threads one analysis may use; more than 1 only helps when no "
                          "other work shares the cores.")] = 1,
    device: Annotated[Device, typer.Option(
        help="Where the encoder runs: a CUDA GPU when there is one (auto), cpu or cuda.")
    ] = Device.auto,
) -> None:
    """Serve the web app and the REST API (docs/web.md)."""
    import uvicorn

    from ..web import ServeSettings, create_app
    from ..web.security import MIN_TOKEN, is_loopback

    token = token or os.environ.get(TOKEN_ENV) or None
    if token is not None and len(token) < MIN_TOKEN:
        raise ConfigError(f"--token must be at least {MIN_TOKEN} characters (a guessable "
                          "token guards nothing)")
    if not is_loopback(host) and token is None:
        raise ConfigError(f"--host {host} is not a loopback address: anyone who can reach it "
                          f"could write; give --token (or {TOKEN_ENV}) to serve there")
    if not 0 < port < 65536:
        raise ConfigError(f"--port must be 1 to 65535, got {port}")
    if not 0 < threads <= 256:
        raise ConfigError(f"--threads must be 1 to 256, got {threads}")
    if ingest_root is not None and not ingest_root.is_dir():
        raise ConfigError(f"--ingest-root {ingest_root}: not a folder")
    options = make_options(
        stages=tuple(s.strip() for s in stages.split(",") if s.strip()) if stages else None,
        max_input_bytes=max_bytes, allow_private=allow_private, device=device.value,
        workers=1)
    settings = ServeSettings(
        db=db, token=token, options=options, ingest_root=ingest_root,
        allowed_hosts=tuple(allowed_host or ()) if is_loopback(host) or allowed_host else None,
        queue_limit=queue, secure_cookies=secure_cookies, threads=threads)
    loading(options)
    typer.echo(f"unspin: serving {db} on http://{_url_host(host)}:{port}/ (Ctrl-C stops)",
               err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning",
                proxy_headers=True, server_header=False, timeout_graceful_shutdown=5)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
