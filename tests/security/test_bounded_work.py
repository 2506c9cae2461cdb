"""Issue 15, finding 3: no route blocks the event loop, and password hashing runs at most two at a time."""

import ast
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.conftest import ROOT
from waitinfo.accounts import passwords


def _is_route(decorator) -> bool:
    """@router.get(...), @router.post(...), ...: an endpoint (async dependencies that only read the form are fine)."""
    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr in ("get", "post", "put", "patch", "delete", "api_route")
    )


def test_no_async_route_in_web_routes():
    """Synchronous database, file or hashing work in an `async def` route stalls every other request."""
    offenders = []
    for path in sorted((ROOT / "web" / "routes").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.AsyncFunctionDef) and any(_is_route(d) for d in node.decorator_list):
                offenders.append(f"{Path(path).name}:{node.lineno} {node.name}")
    assert offenders == []


class _SlowHasher:
    def __init__(self):
        self.active = self.peak = 0
        self.lock = threading.Lock()

    def _work(self):
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        time.sleep(0.02)
        with self.lock:
            self.active -= 1

    def hash(self, password):
        self._work()
        return "hash"

    def verify(self, password_hash, password):
        self._work()
        return True


def test_password_hashing_is_bounded(monkeypatch):
    fake = _SlowHasher()
    monkeypatch.setattr(passwords, "_hasher", fake)
    with ThreadPoolExecutor(max_workers=12) as pool:
        list(pool.map(lambda i: passwords.verify_password("h" if i % 2 else None, "pw"), range(24)))
        list(pool.map(lambda i: passwords.hash_password("pw"), range(12)))
    assert fake.peak == passwords.MAX_PARALLEL == 2
