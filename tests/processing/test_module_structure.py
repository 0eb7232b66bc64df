"""How the processing modules depend on each other: no import circle, and a registry free of Django."""

import ast
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PACKAGE = Path(settings.BASE_DIR) / "processing"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every `processing` module and the `processing` modules it imports, anywhere in its body
    (imports inside functions count too: a circle is a circle even when it is deferred)."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # `from processing import queue` names a module; `from processing.runs import x` does not.
                targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            graph[name] |= {target for target in targets if target in modules and target != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_processing_modules_import_each_other_without_a_circle():
    graph = _imports()
    assert "processing.runs" in graph["processing.jobs"]  # the graph is read, not empty
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_the_queue_names_the_job_instead_of_importing_it():
    graph = _imports()
    for module in ("processing.queue", "processing.runs", "processing.services", "processing.reconcile"):
        assert "processing.jobs" not in graph[module], module


def test_the_phase_registry_imports_nothing_from_django():
    code = (
        "import sys; import processing.phases; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"
