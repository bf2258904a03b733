"""A Russian article is routed before any English model loads: ``unspin analyze`` on the
Russian seed (tests/data/ru/seed-ru.txt) imports neither spaCy nor torch, identifies the
language, cuts sentences and says what was not analysed (issue 20, item 1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # spawns a process

ROOT = Path(__file__).resolve().parents[2]
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


def test_russian_seed_is_routed_before_any_english_model_loads() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", PROBE, str(SEED_RU)], capture_output=True,
                          text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
    analysis = json.loads(done.stdout)
    assert analysis["language"]["code"] == "ru" and not analysis["language"]["supported"]
    assert any("not English" in note for note in analysis["notes"])
    assert analysis["sentences"] and analysis["sentences"][0]["text"].startswith("Германская")
