"""A non-English article is identified before any English model loads: ``unspin analyze``
on a French page never imports spaCy, thinc or torch (it used to load them all, about
9 s and 800 MB, only to say the article cannot be analysed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # spawns a process

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "data" / "pages" / "french-port-strike.html"
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


def test_non_english_page_loads_no_english_model() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", PROBE, str(PAGE)], capture_output=True,
                          text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert '"code": "fr"' in done.stdout and '"sentences": [' in done.stdout
    assert "not English" in done.stdout
