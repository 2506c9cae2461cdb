"""Fix the clock for meeting tests: 'now' is the day of the last fixture meeting (15 November 2026), 11:00 in Amsterdam."""

from datetime import UTC, datetime

import pytest

from tests.meetings.builders import MEETING_DAYS

TODAY = MEETING_DAYS[-1]


@pytest.fixture
def fixed_now(monkeypatch):
    moment = datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0, tzinfo=UTC)
    monkeypatch.setattr("waitinfo.core.clock.now", lambda: moment)
    return moment
