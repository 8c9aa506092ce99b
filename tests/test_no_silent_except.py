"""Nothing in wirecoder catches an exception without handling or reporting it.

A handler must do something with what it caught: re-raise it (or a coded error),
report it (log it, hand it to a failure list), or turn it into a defined result.
Read from the source with ``ast`` so a silent ``except: pass`` cannot come back.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "wirecoder"
BROAD = {"Exception", "BaseException"}
REPORTERS = {"debug", "info", "warning", "error", "exception", "critical", "warn"}


def _does_nothing(statement: ast.stmt) -> bool:
    return isinstance(statement, (ast.Pass, ast.Continue, ast.Break)) or (
        isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | \
        {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}


def silence(handler: ast.ExceptHandler) -> str | None:
    """Why ``handler`` swallows what it catches, or None when it handles or reports it."""
    if handler.type is None:
        return "a bare except"
    if all(_does_nothing(s) for s in handler.body):
        return "a handler that does nothing (pass/continue)"
    if not (_names(handler.type) & BROAD):
        return None
    body = ast.Module(body=handler.body, type_ignores=[])
    raises = any(isinstance(n, ast.Raise) for n in ast.walk(body))
    uses_it = handler.name is not None and handler.name in _names(body)
    logs = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in REPORTERS
               for n in ast.walk(body))
    if not (raises or uses_it or logs):
        return "a broad except that neither re-raises nor reports what it caught"
    return None


def suppressions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and "suppress" in _names(node.func):
            yield node, "contextlib.suppress swallows silently"


def findings(source: str, name: str = "<source>") -> list[str]:
    tree = ast.parse(source)
    found = [(node, silence(node)) for node in ast.walk(tree) if isinstance(node, ast.ExceptHandler)]
    found += list(suppressions(tree))
    return [f"{name}:{node.lineno}: {why}" for node, why in found if why]


def test_no_handler_in_the_package_swallows_an_exception():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        problems += findings(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("source", [
    "try:\n    f()\nexcept:\n    g()\n",
    "try:\n    f()\nexcept ValueError:\n    pass\n",
    "for x in y:\n    try:\n        f()\n    except (OSError, KeyError):\n        continue\n",
    "try:\n    f()\nexcept Exception:\n    x = None\n",
    "try:\n    f()\nexcept (ValueError, BaseException) as err:\n    return_value = 0\n",
    "from contextlib import suppress\nwith suppress(Exception):\n    f()\n",
])
def test_the_scan_finds_each_way_of_swallowing(source):
    assert findings(source)


@pytest.mark.parametrize("source", [
    "try:\n    f()\nexcept ValueError:\n    return_value = None\n",
    "try:\n    f()\nexcept Exception as err:\n    failures.append(err)\n",
    "try:\n    f()\nexcept BaseException:\n    cleanup()\n    raise\n",
    "try:\n    f()\nexcept Exception:\n    log.debug('traceback', exc_info=True)\n",
])
def test_the_scan_accepts_handling_and_reporting(source):
    assert not findings(source)
