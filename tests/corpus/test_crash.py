"""kill -9 in the middle of ``corpus add`` loses nothing reported stored; a rerun finishes.

The run is a real ``unspin corpus add`` subprocess over 2,000 small articles with only the
cleaning stage (this is about storage, not analysis). Without a terminal it prints a
progress line each second; the first one that reports stored articles triggers SIGKILL
to its whole process group (workers included).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from unspin.corpus import open_corpus
from unspin.corpus.rows import content_id

from .conftest import many_articles

# Slow: end-to-end runs, models, worker processes or Ray (`make test-fast` skips them).
pytestmark = pytest.mark.slow

N = 2000
STORED = re.compile(r"stored (\d+), skipped \d+, failed \d+ of \d+")


def _command(inputs: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-c", "from unspin.cli import main; main()", "corpus", "add",
            str(inputs), "--db", str(db), "--workers", str(workers),
            "--stages", "unspin.clean.v1"]


def _kill_after_first_store(command: list[str]) -> int:
    """Run ``command`` and SIGKILL it once it reports stored articles; return that count."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    reported = 0
    assert process.stderr is not None
    for line in process.stderr:
        found = STORED.search(line)
        if found and int(found.group(1)) > 0:
            reported = int(found.group(1))
            os.killpg(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, (
        f"the run ended on its own ({process.returncode}) before it could be killed; "
        f"make N larger. stderr: {process.stderr.read()}")
    return reported


def _check_integrity(db: Path) -> int:
    """Every table reads, every article has its signature, no finding lacks its article."""
    with open_corpus(db) as corpus:
        articles = corpus.execute("SELECT count(*) FROM articles").scalar()
        assert corpus.execute("SELECT count(*) FROM articles a ANTI JOIN minhashes m "
                              "ON a.id = m.article_id").scalar() == 0
        for table in ("removed", "entities", "minhashes", "copies"):
            key = "article_id"
            orphans = corpus.execute(f"SELECT count(*) FROM {table} t ANTI JOIN articles a "
                                     f"ON t.{key} = a.id").scalar()
            assert orphans == 0, table
        assert corpus.execute("SELECT count(*) FROM articles").scalar() == \
            corpus.execute("SELECT count(DISTINCT id) FROM articles").scalar()
    return int(articles)


@pytest.mark.parametrize("workers", [1, 2])
def test_crash_kill_9_loses_nothing_and_rerun_completes(tmp_path: Path, workers: int) -> None:
    inputs = many_articles(tmp_path / "many.jsonl", N)
    db = tmp_path / "crash.duckdb"
    reported = _kill_after_first_store(_command(inputs, db, workers))

    stored = _check_integrity(db)
    assert reported <= stored < N

    rerun = subprocess.run(_command(inputs, db, workers) + ["--quiet"], check=False,
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"stored {N - stored}, skipped {stored} already stored, failed 0" in rerun.stdout

    assert _check_integrity(db) == N
    texts = [json.loads(line)["text"] for line in inputs.read_text().splitlines()]
    with open_corpus(db) as corpus:
        ids = {row[0] for row in corpus.execute("SELECT id FROM articles").rows}
    assert ids == {content_id(text) for text in texts}
