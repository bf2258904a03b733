"""Every error unspin raises on purpose, in one tree.

    UnspinError
    ├── InputError                 the input cannot be read as an article
    │   ├── InputNotFound          missing file or directory
    │   ├── EmptyInput             nothing but whitespace
    │   ├── BinaryInput            looks like a binary file, not text or HTML
    │   ├── UndecodableInput       not valid text in any encoding we accept
    │   ├── InputTooLarge          over the documented size cap
    │   └── NoArticleFound         a page with no extractable article text
    ├── FetchError                 a URL could not be fetched
    │   ├── BadURL                 not an http(s) URL, or one we refuse (private address)
    │   └── NetworkError           timeouts, DNS, TLS, HTTP status, wrong content type
    ├── ConfigError                a bad option or pipeline definition
    ├── ModelError                 a model cannot be loaded or is incompatible
    ├── InternalError              a bug in unspin broke on one article (exit 70)
    ├── EngineError                Ray is missing, the cluster is unreachable, or a job on it failed
    └── CorpusError                the corpus database cannot be opened, read or written
        └── NotInCorpus            no stored article, or several, match what was asked for

Each class carries an ``exit_code`` the CLI uses, so scripts can tell failures apart
(documented in docs/cli.md), and an ``http_status`` for the REST API.
"""

from __future__ import annotations


class UnspinError(Exception):
    """Root of all errors unspin raises on purpose."""

    exit_code = 1
    http_status = 500


class InputError(UnspinError):
    """The input cannot be read as an article."""

    exit_code = 2
    http_status = 400


class InputNotFound(InputError):
    exit_code = 3
    http_status = 404


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class UndecodableInput(InputError):
    pass


class InputTooLarge(InputError):
    http_status = 413


class NoArticleFound(InputError):
    exit_code = 4
    http_status = 422


class FetchError(UnspinError):
    """A URL could not be fetched."""

    exit_code = 5
    http_status = 502


class BadURL(FetchError):
    http_status = 400


class NetworkError(FetchError):
    pass


class ConfigError(UnspinError):
    exit_code = 6
    http_status = 400


class ModelError(UnspinError):
    exit_code = 7
    http_status = 500


class InternalError(UnspinError):
    """unspin itself broke on one article (a stage raised something unexpected): the
    article fails, a run of many goes on. Exit code 70, as for any internal error."""

    exit_code = 70
    http_status = 500


class EngineError(UnspinError):
    """``--engine ray`` cannot run: Ray is not installed, the cluster cannot be reached,
    or the job on it failed (a worker died, another unspin on a worker)."""

    exit_code = 11
    http_status = 503


class CorpusError(UnspinError):
    exit_code = 9
    http_status = 500


class NotInCorpus(CorpusError):
    exit_code = 10
    http_status = 404
