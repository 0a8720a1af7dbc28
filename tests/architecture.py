"""The layers of the Django apps, and a checker of the import graph against them.

``LAYERS`` lists the apps from the top of the stack to the bottom; apps that share a layer are
independent of each other.  A module may import its own app, any app in a lower layer, the
engine and third-party code; never a higher app or a sibling.  ``ARCHITECTURE.md`` draws the
same picture.  Django's ``AppConfig.ready`` is where an app connects its hooks, and the app
registry is not ready when ``apps.py`` is imported, so imports inside ``ready`` are the one
kind of function-local import allowed; anywhere else, a function-local import of another app
is refused (it is how import cycles used to be dodged).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS_DIR = ROOT / "mentormatch"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("home", "reports", "privacy"),
    ("mentorships",),
    ("matching",),
    ("questionnaire", "directory"),
    ("rounds",),
    ("notifications",),
    ("accounts",),
    ("audit",),
    ("core",),
)
LAYER_OF = {app: depth for depth, layer in enumerate(LAYERS) for app in layer}


@dataclass(frozen=True)
class Import:
    """One import of ``target`` (a module path) in ``path`` at ``line``."""

    path: Path
    line: int
    target: str
    in_function: bool


@dataclass(frozen=True)
class Violation:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: {self.message}"


def app_dirs() -> list[str]:
    return sorted(p.name for p in APPS_DIR.iterdir() if (p / "apps.py").exists())


def source_files(root: Path) -> Iterator[Path]:
    """Python modules of the site, tests and migrations left out (tests may build anything;
    migrations are history)."""
    for path in sorted(root.rglob("*.py")):
        parts = set(path.relative_to(root).parts)
        if parts & {"tests", "migrations"}:
            continue
        yield path


def imports_in(path: Path, source: str | None = None) -> list[Import]:
    tree = ast.parse(source if source is not None else path.read_text(), filename=str(path))
    local: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            local.update(
                id(inner)
                for inner in ast.walk(node)
                if isinstance(inner, ast.Import | ast.ImportFrom)
            )
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            targets = [node.module]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        found += [Import(path, node.lineno, t, id(node) in local) for t in targets]
    return found


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "mentormatch" else None


def check_app_import(importer_app: str, imp: Import) -> Violation | None:
    """Why ``imp``, made by a module of ``importer_app``, breaks the layers (None if it does
    not)."""
    if imp.target.split(".")[0] == "mentormatch_dev":
        return Violation(imp.path, imp.line, "the site never imports the development tools")
    target_app = _app_of(imp.target)
    if target_app is None or target_app == importer_app:
        return None
    if target_app not in LAYER_OF:
        return Violation(imp.path, imp.line, f"{target_app} is in no layer")
    if imp.in_function and imp.path.name != "apps.py":
        return Violation(
            imp.path,
            imp.line,
            f"function-local import of {imp.target}: import it at the top of the module",
        )
    mine, theirs = LAYER_OF[importer_app], LAYER_OF[target_app]
    if theirs == mine:
        return Violation(
            imp.path, imp.line, f"{importer_app} imports {target_app}, its sibling in a layer"
        )
    if theirs < mine:
        return Violation(imp.path, imp.line, f"{importer_app} imports {target_app}, a higher layer")
    return None


def app_violations() -> list[Violation]:
    out = []
    for app in app_dirs():
        if app not in LAYER_OF:
            out.append(Violation(APPS_DIR / app, 1, f"the app {app} is in no layer of LAYERS"))
            continue
        for path in source_files(APPS_DIR / app):
            out += [v for imp in imports_in(path) if (v := check_app_import(app, imp))]
    return out


def engine_violations() -> list[Violation]:
    """The engine is a plain Python package: no Django, no site code."""
    out = []
    for path in source_files(ROOT / "mentormatch_engine"):
        for imp in imports_in(path):
            top = imp.target.split(".")[0]
            if top in {"django", "mentormatch", "mentormatch_dev", "config"}:
                out.append(Violation(path, imp.line, f"the engine imports {imp.target}"))
    return out


def settings_violations() -> list[Violation]:
    """Settings are read inside ``config/``; they never import an app."""
    path = ROOT / "config" / "settings.py"
    return [
        Violation(path, imp.line, f"settings import {imp.target}")
        for imp in imports_in(path)
        if imp.target.split(".")[0] in {"mentormatch", "mentormatch_dev"}
    ]
