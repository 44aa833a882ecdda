"""Print the pinned requirements from pyproject.toml, one a line, for pip -r.

Reading the pins straight from pyproject.toml keeps one source of truth
without building the project as a package.
"""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())[
    "project"
]
requirements = list(project["dependencies"])
for extra in sys.argv[1:]:
    requirements += project["optional-dependencies"][extra]
print("\n".join(requirements))
