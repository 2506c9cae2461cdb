"""Terminal progress with Rich for the long CLI commands (`waitinfo import`, `demo`, `hsds documents`).

A bar per stage on stderr, or nothing when disabled. On a terminal Rich redraws in place; in a log or pipe it
prints each stage's final line once, when the display stops.
"""

import sys
from collections.abc import Callable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)


class Stages:
    """`stages(label, done, total)` draws one bar per label; `tracker(label, total)` counts steps; `spinner(label)`
    shows work of unknown length. Use as a context manager so the display stops (and prints) at the end."""

    def __init__(self, enabled: bool = True, stream=None):
        self.enabled = enabled
        self._progress = Progress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("{task.description:<22}"),
            BarColumn(bar_width=30),
            TaskProgressColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=stream or sys.stderr, highlight=False),
            disable=not enabled,
        )
        self._tasks: dict[str, TaskID] = {}
        self._running = False

    def _task(self, label: str, total: float | None) -> TaskID:
        if not self._running:
            self._progress.start()
            self._running = True
        if label not in self._tasks:
            self._tasks[label] = self._progress.add_task(label, total=total)
        return self._tasks[label]

    def __call__(self, label: str, done: int, total: int, force: bool = False) -> None:
        if self.enabled:
            self._progress.update(self._task(label, total), completed=done, total=total)

    def tracker(self, label: str, total: int) -> Callable[..., None]:
        """A callable that advances the bar by one step each time it is called (its arguments are ignored)."""
        if not self.enabled:
            return lambda *args, **kwargs: None
        task = self._task(label, total)
        return lambda *args, **kwargs: self._progress.advance(task)

    def spinner(self, label: str) -> Callable[[], None]:
        """Work of unknown length; call the returned function when it is done."""
        if not self.enabled:
            return lambda: None
        task = self._task(label, None)
        return lambda: self._progress.update(task, total=1, completed=1)

    def close(self) -> None:
        if self._running:
            self._progress.stop()
            self._running = False

    def __enter__(self) -> "Stages":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
