"""requirements.lock pins every package of pyproject.toml, with hashes (`make lock`)."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import lock_check  # noqa: E402


def test_the_lock_matches_pyproject():
    assert lock_check.stale() == [], "run `make lock` and commit requirements.lock"


def test_every_locked_package_has_a_hash():
    text = (ROOT / "requirements.lock").read_text()
    entries = re.split(
        r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1] if text.startswith("#") else text
    )
    packages = [e for e in entries if re.match(r"[A-Za-z0-9][\w.-]*==", e)]
    assert len(packages) > len(lock_check.pins_in_pyproject())  # indirect ones too
    for entry in packages:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]
