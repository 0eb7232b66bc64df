"""The API against a bare Django JSON view, side by side in one run.

Not a test: run it with

    .venv/bin/python bench/bare_view.py [--rounds 300]

It starts two gunicorn servers with one sync worker each, DEBUG off, on a fresh SQLite
database: the app (`jobforge.wsgi`, its gunicorn.conf.py) and `bench/bare_app.py` (one
Django view, no middleware, no database, no authentication, answering JSON of the same
shape and size). A user with 25 applications is made through the API; then, in
interleaved rounds, one sequential client sends each request to the app and to the bare
view in turn: list(20), get, create and patch, and a no-op (an unknown /api/ path, a 404
against the bare view's GET /item: the floor the middleware stack alone costs). It
prints the median and p90 in ms for each, and the ratio of the medians (goal: list and
get within 1.5× of the bare view).
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import POSTING, Gunicorn, app_env, call, migrate, register

NO_OP = "no-op (unknown /api/ path -> 404)"


def application_body(n: int) -> dict:
    return {
        "company_name": f"Acme Robotics {n % 7}",
        "role_title": "Backend Engineer",
        "job_description": POSTING,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        env = app_env(f"sqlite:///{workdir}/bench.sqlite3")
        migrate(env)
        with Gunicorn(env=env) as app, Gunicorn(env=env, app="bench.bare_app:application") as bare:
            token = register(app.port, "bare-view@bench.invalid")
            ids = []
            for n in range(25):
                status, raw = call(app.port, "POST", "/api/v1/applications", application_body(n), token)
                assert status == 201, raw[:300]
                ids.append(json.loads(raw)["id"])
            cases = {
                "list(20)": (
                    lambda n: call(app.port, "GET", "/api/v1/applications?limit=20", token=token),
                    lambda n: call(bare.port, "GET", "/items"),
                ),
                "get": (
                    lambda n: call(app.port, "GET", f"/api/v1/applications/{ids[n % 25]}", token=token),
                    lambda n: call(bare.port, "GET", "/item"),
                ),
                "create": (
                    lambda n: call(app.port, "POST", "/api/v1/applications", application_body(n), token),
                    lambda n: call(bare.port, "POST", "/item", application_body(n)),
                ),
                "patch": (
                    lambda n: call(
                        app.port,
                        "PATCH",
                        f"/api/v1/applications/{ids[n % 25]}",
                        {"notes": f"note {n}"},
                        token,
                    ),
                    lambda n: call(bare.port, "PATCH", "/item", {"notes": f"note {n}"}),
                ),
                # The floor: the whole middleware stack, URL resolution and the error
                # envelope, with no view, authentication or database.
                NO_OP: (
                    lambda n: call(app.port, "GET", "/api/v1/nothing-here", token=token),
                    lambda n: call(bare.port, "GET", "/item"),
                ),
            }
            timings = {(name, side): [] for name in cases for side in ("app", "bare")}
            for n in range(-10, args.rounds):  # ten rounds of warm-up, not counted
                for name, sides in cases.items():
                    for side, send in zip(("app", "bare"), sides, strict=True):
                        started = time.perf_counter()
                        status, raw = send(n)
                        elapsed = time.perf_counter() - started
                        expected = (404,) if (name, side) == (NO_OP, "app") else (200, 201)
                        assert status in expected, (name, side, status, raw[:300])
                        if n >= 0:
                            timings[name, side].append(elapsed * 1000)
    print(f"{args.rounds} interleaved rounds, one sequential client, gunicorn 1 sync worker each, SQLite")
    width = max(len(name) for name in cases)
    print(f"{'request':{width}} {'app p50':>8} {'app p90':>8} {'bare p50':>9} {'bare p90':>9} {'ratio':>6}")
    for name in cases:
        app_ms, bare_ms = timings[name, "app"], timings[name, "bare"]
        p50, bare_p50 = statistics.median(app_ms), statistics.median(bare_ms)
        p90, bare_p90 = (statistics.quantiles(values, n=10)[-1] for values in (app_ms, bare_ms))
        print(f"{name:{width}} {p50:8.2f} {p90:8.2f} {bare_p50:9.2f} {bare_p90:9.2f} {p50 / bare_p50:6.2f}")


if __name__ == "__main__":
    main()
