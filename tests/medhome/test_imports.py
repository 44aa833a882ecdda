"""The project's modules import one way: no module imports itself through others,
and the apps depend on one another only in the directions listed here."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["medhome", "faq", "resources", "mentorship", "newsletter", "events", "toolkit"]
# app -> the apps it may import. medhome's site layer (urls, sitemaps, the audience
# pages) composes the apps; the apps may use medhome's shared modules.
ALLOWED = {
    "faq": {"medhome", "resources"},
    "resources": {"medhome"},
    "mentorship": {"medhome", "resources"},
    "newsletter": {"medhome", "resources"},
    "events": {"medhome", "resources"},
    "toolkit": {"medhome", "resources"},
}
# The medhome modules the apps build on; these must import no app.
SHARED = {
    "medhome.forms",
    "medhome.jurisdictions",
    "medhome.mixins",
    "medhome.models",
    "medhome.ratelimit",
    "medhome.search",
    "medhome.search_index",
    "medhome.text",
}


def _modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    return modules


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_in_a_circle():
    assert _cycles(_graph()) == []


def test_apps_depend_on_each_other_one_way_only():
    wrong = []
    for name, targets in _graph().items():
        app = name.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if app == "medhome":
                if name in SHARED and other != "medhome":
                    wrong.append(f"{name} -> {target}")
            elif other != app and other not in ALLOWED[app]:
                wrong.append(f"{name} -> {target}")
    assert wrong == []
