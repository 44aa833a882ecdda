"""Fail with a plain message when requirements.lock lacks a pin of pyproject.toml.

pyproject.toml names the direct dependencies, pinned; requirements.lock (made
by `make lock`) pins every package, direct and indirect, with hashes. After
changing a pin, or merging a branch that did, run `make lock`.
"""

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins_in_pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    pins = {}
    for requirement in requirements:
        name, _, version = requirement.partition("==")
        pins[normalise(name.split("[")[0])] = version.strip()
    return pins


def pins_in_lock() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text()
    return {
        normalise(m.group(1)): m.group(2)
        for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", text, re.MULTILINE)
    }


def stale() -> list[str]:
    locked = pins_in_lock()
    return [
        f"{name}=={version}"
        for name, version in pins_in_pyproject().items()
        if locked.get(name) != version
    ]


if __name__ == "__main__":
    missing = stale()
    if missing:
        print(
            "requirements.lock does not match pyproject.toml (" + ", ".join(missing) + "): "
            "run `make lock` and commit requirements.lock.",
            file=sys.stderr,
        )
        sys.exit(1)
