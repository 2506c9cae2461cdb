"""`waitinfo serve` starts a job worker beside the web server (so `make run` has one); --no-worker does not."""

from typer.testing import CliRunner

from waitinfo import cli


class _FakeWorker:
    stopped = False

    def terminate(self):
        self.stopped = True

    def wait(self, timeout=None):
        return 0


def _serve(monkeypatch, *args) -> list:
    started = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **kw: None)

    def start():
        started.append(_FakeWorker())
        return started[-1]

    monkeypatch.setattr(cli, "_start_worker", start)
    result = CliRunner().invoke(cli.app, ["serve", "--port", "8799", *args])
    assert result.exit_code == 0, result.output
    return started


def test_serve_starts_and_stops_a_worker(monkeypatch):
    (worker,) = _serve(monkeypatch)
    assert worker.stopped


def test_serve_without_worker(monkeypatch):
    assert _serve(monkeypatch, "--no-worker") == []
