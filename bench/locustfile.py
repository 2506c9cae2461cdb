"""Locust load test: referrers searching, opening a result, and API clients reading HSDS pages.

Run by `python -m bench.load` (`make load`), headless, against `waitinfo serve --workers 2` on the demo data.
StepLoad raises the number of users step by step; every user aims at PER_USER requests per second
(constant_throughput), so each step offers a known rate. Each request is counted in the step it was sent in;
when the test stops, the per-step request rate, p95 and failures go to the JSON file named by LOCUST_STEPS_OUT.
"""

import json
import os
import random
import re
import time

from locust import HttpUser, LoadTestShape, constant_throughput, events, task

PER_USER = 2.0  # requests per second each user aims at
STEP_SECONDS = float(os.environ.get("LOCUST_STEP_SECONDS", "12"))
STEP_USERS = [int(x) for x in os.environ.get("LOCUST_STEP_USERS", "5,10,20,30,45,60,80,100").split(",")]
SETTLE_SECONDS = 2.0  # the first seconds of a step (users still starting) are not counted
MUNIS = ["GM0153", "GM0164", "GM0141", "GM0183", "GM0173", "GM0147", "GM0158", "GM1735"]
NEEDS = ["angst", "somberheid", "verslaving", "geldzorgen", "stress", "adhd-autisme", "trauma", "eenzaamheid"]
DETAIL = re.compile(r'href="(/aanbod/[0-9a-f-]{36})')

_started = [0.0]
_samples: dict[int, list[tuple[float, bool]]] = {}  # step -> [(response ms, failed)]


def _step_at(moment: float) -> int | None:
    offset = moment - _started[0]
    step = int(offset // STEP_SECONDS)
    if step >= len(STEP_USERS) or offset - step * STEP_SECONDS < SETTLE_SECONDS:
        return None
    return step


@events.test_start.add_listener
def _on_start(**_kw):
    _started[0] = time.time()


@events.request.add_listener
def _on_request(response_time, exception, response=None, start_time=None, **_kw):
    step = _step_at(start_time if start_time is not None else time.time() - response_time / 1000)
    if step is not None:
        failed = exception is not None or (response is not None and response.status_code >= 400)
        _samples.setdefault(step, []).append((response_time, failed))


@events.test_stop.add_listener
def _on_stop(**_kw):
    out = os.environ.get("LOCUST_STEPS_OUT")
    if not out:
        return
    steps = []
    for step, users in enumerate(STEP_USERS):
        got = sorted(_samples.get(step, []))
        times = sorted(ms for ms, _ in got)
        window = STEP_SECONDS - SETTLE_SECONDS
        steps.append(
            {
                "users": users,
                "offered_rps": users * PER_USER,
                "requests": len(times),
                "rps": round(len(times) / window, 1),
                "p50_ms": round(times[len(times) // 2], 1) if times else None,
                "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1) if times else None,
                "failures": sum(1 for _, failed in got if failed),
            }
        )
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"step_seconds": STEP_SECONDS, "per_user_rps": PER_USER, "steps": steps}, f, indent=1)


class Referrer(HttpUser):
    """A referrer (or an API client): search a municipality and need, open a result, read an HSDS page."""

    wait_time = constant_throughput(PER_USER)

    def on_start(self):
        self.details: list[str] = []

    @task(7)
    def search(self):
        url = f"/zoeken?gemeente={random.choice(MUNIS)}&hulpvraag={random.choice(NEEDS)}"
        with self.client.get(url, name="/zoeken", catch_response=True) as r:
            if r.status_code == 200:
                self.details = DETAIL.findall(r.text)[:10] or self.details
            else:
                r.failure(f"HTTP {r.status_code}")

    @task(2)
    def detail(self):
        if self.details:
            self.client.get(random.choice(self.details), name="/aanbod/[id]")

    @task(1)
    def hsds_page(self):
        self.client.get(f"/api/hsds/services?page={random.randint(1, 5)}", name="/api/hsds/services")


class StepLoad(LoadTestShape):
    """STEP_USERS users, one step every STEP_SECONDS; stops after the last step."""

    def tick(self):
        run_time = self.get_run_time()
        step = int(run_time // STEP_SECONDS)
        if step >= len(STEP_USERS):
            return None
        return STEP_USERS[step], 50
