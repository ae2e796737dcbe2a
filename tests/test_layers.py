"""The package's layers: each module imports only from its own layer or the layers below it,
and no two modules import each other, even by a roundabout way.

Every import counts: at the top of a module, inside a function (loaded on first use), or only
for type checking; a roundabout import is still an arrow someone reading the code must follow.
The modules are found by walking the package (not a kept list), and every one must sit in a layer.
"""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
from pathlib import Path

import facilitator

# Lowest first. A module or package may import from its own layer and the ones before it.
LAYERS: list[tuple[str, set[str]]] = [
    ("plain values and pure rules: no storage, no screen", {
        "facilitator", "facilitator.text", "facilitator.words", "facilitator.paths", "facilitator.startup", "facilitator.models",
        "facilitator.dates", "facilitator.clock", "facilitator.parsed", "facilitator.capture", "facilitator.completion",
        "facilitator.documents", "facilitator.templates",
    }),
    ("the one package that touches SQLite", {"facilitator.store"}),
    ("what every part of a running meeting stands on: its context and what a command produced", {"facilitator.parts"}),
    ("the activities an agenda item runs (check-in, brainwriting, decisions...)", {"facilitator.activities"}),
    ("the minutes, built from the store (a running meeting keeps them when a later one approves them)", {"facilitator.minutes"}),
    ("a running meeting, made of those parts", {"facilitator.session"}),
    ("the series report, which reuses the minutes' words", {"facilitator.report"}),
    ("what sits beside a running meeting or serves every front-end: the room, exports, the demo", {
        "facilitator.room", "facilitator.exports", "facilitator.demo",
    }),
    ("the Textual front-end", {
        "facilitator.keys", "facilitator.messages", "facilitator.terminal", "facilitator.widgets", "facilitator.screens",
        "facilitator.app",
    }),
    ("the command line, which opens everything else", {"facilitator.cli", "facilitator.launch", "facilitator.__main__"}),
]


def layer_of(module: str) -> int:
    """The layer a module belongs to: its own entry, or its nearest enclosing package's."""
    name = module
    while True:
        for number, (_, members) in enumerate(LAYERS):
            if name in members:
                return number
        name = name.rsplit(".", 1)[0]
        if name == "facilitator":  # the package's own __init__ holds no module below it
            raise AssertionError(f"{module} sits in no layer: add it to LAYERS in {__file__}, with the reason")


def modules() -> dict[str, Path]:
    found = {"facilitator": Path(facilitator.__file__)}
    for info in pkgutil.walk_packages(facilitator.__path__, "facilitator."):
        spec = importlib.util.find_spec(info.name)
        assert spec is not None and spec.origin is not None
        found[info.name] = Path(spec.origin)
    return found


def imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules `module` imports, anywhere in its text."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from facilitator.minutes import html`
    return {name for name in found if name in known and name != module}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {module: imports(module, path, set(found)) for module, path in found.items()}


def test_every_module_sits_in_a_layer():
    for module in modules():
        layer_of(module)


def test_no_module_imports_from_a_layer_above_its_own():
    upward = []
    for module, targets in graph().items():
        for target in sorted(targets):
            if layer_of(target) > layer_of(module):
                upward.append(f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})")
    assert not upward, "\n".join(upward)


def test_no_import_circles():
    """A depth-first walk of the import graph; a module met again on the current path closes a circle.
    A package's `__init__` is not counted as importing its own modules' importers back: it is the package."""
    edges = graph()
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def walk(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                circles.append(path[path.index(target):] + [target])
            elif target not in state:
                walk(target, [*path, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            walk(module, [module])
    assert not circles, "\n".join(" → ".join(circle) for circle in circles)
