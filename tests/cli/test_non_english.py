"""A non-English article is identified before any English model loads: ``unspin analyze``
on a French page or on the Russian seed (tests/data/ru/seed-ru.txt) never imports spaCy,
thinc or torch (it used to load them all, about 9 s and 800 MB, only to say the article
cannot be analysed); the Russian one is routed to the Russian stages (issue 20, item 1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow  # spawns a process

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "data" / "pages" / "french-port-strike.html"
SEED_RU = ROOT / "tests" / "data" / "ru" / "seed-ru.txt"
PROBE = """
import sys
sys.argv = ["unspin", "analyze", "-f", "json", sys.argv[1]]
from unspin.cli import main
try:
    main()
except SystemExit as exit_:
    assert exit_.code in (0, None), exit_.code
print(sorted(m for m in ("spacy", "thinc", "torch", "transformers") if m in sys.modules),
      file=sys.stderr)
"""


def analysed_in_a_fresh_process(path: Path) -> dict[str, Any]:
    """``unspin analyze -f json PATH`` in a new interpreter, which must import none of the
    English models' libraries."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True,
                          text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
    analysis: dict[str, Any] = json.loads(done.stdout)
    return analysis


def test_non_english_page_loads_no_english_model() -> None:
    analysis = analysed_in_a_fresh_process(PAGE)
    assert analysis["language"]["code"] == "fr" and analysis["sentences"]
    assert any("not English" in note for note in analysis["notes"])


def test_russian_seed_is_routed_before_any_english_model_loads() -> None:
    analysis = analysed_in_a_fresh_process(SEED_RU)
    assert analysis["language"]["code"] == "ru" and not analysis["language"]["supported"]
    assert any("not English" in note for note in analysis["notes"])
    assert analysis["sentences"] and analysis["sentences"][0]["text"].startswith("Германская")
