"""Throughput under 16 connections: the API on gunicorn (2 sync workers, DEBUG off,
PostgreSQL) against the bare Django JSON view of bench/bare_app.py on the same gunicorn.

Not a test: run it with

    .venv/bin/python bench/throughput.py [--database jf8] [--seconds 10] [--rounds 2]

It needs `wrk` (`apt-get install wrk`). It migrates the PostgreSQL database named (on the
server of `BENCH_PG`, default postgres://postgres@127.0.0.1:5432; its tables are kept),
registers a user with 50 applications through the API, then runs wrk (2 threads, 16
connections) in interleaved rounds, app then bare view, for list(20), get and create.
It prints requests per second, p50 and p99 latency for each, and app/bare ratios.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import HOST, POSTING, Gunicorn, app_env, call, migrate, register

CREATE_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '%s'
"""


def wrk(port: int, path: str, *, seconds: int, token: str = "", script: str | None = None) -> dict:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "--timeout", "30s"]
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    if script:
        command += ["-s", script]
    output = subprocess.run(  # noqa: S603  (a fixed command)
        [*command, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{path}: {errors[1]} error responses\n{output}")

    def millis(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": millis("50%"),
        "p99": millis("99%"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="jf8")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench/throughput.py needs wrk: apt-get install wrk")
    server = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    env = app_env(f"{server}/{args.database}")
    migrate(env)
    with (
        tempfile.TemporaryDirectory() as workdir,
        Gunicorn(env=env, workers=2) as app,
        Gunicorn(env=env, workers=2, app="bench.bare_app:application") as bare,
    ):
        token = register(app.port, f"throughput-{Path(workdir).name}@bench.invalid")
        body = {
            "company_name": "Acme Robotics",
            "role_title": "Backend Engineer",
            "job_description": POSTING,
        }
        ids = []
        for _ in range(50):
            status, raw = call(app.port, "POST", "/api/v1/applications", body, token)
            assert status == 201, raw[:300]
            ids.append(json.loads(raw)["id"])
        script = Path(workdir) / "create.lua"
        script.write_text(CREATE_SCRIPT % json.dumps(body))
        cases = {
            "list(20)": (
                {"port": app.port, "path": "/api/v1/applications?limit=20", "token": token},
                {"port": bare.port, "path": "/items"},
            ),
            "get": (
                {"port": app.port, "path": f"/api/v1/applications/{ids[0]}", "token": token},
                {"port": bare.port, "path": "/item"},
            ),
            "create": (
                {"port": app.port, "path": "/api/v1/applications", "token": token, "script": str(script)},
                {"port": bare.port, "path": "/item", "script": str(script)},
            ),
        }
        results = {(name, side): [] for name in cases for side in ("app", "bare")}
        for app_case, bare_case in cases.values():  # warm-up
            wrk(**app_case, seconds=2)
            wrk(**bare_case, seconds=2)
        for _ in range(args.rounds):
            for name, (app_case, bare_case) in cases.items():
                results[name, "app"].append(wrk(**app_case, seconds=args.seconds))
                results[name, "bare"].append(wrk(**bare_case, seconds=args.seconds))
    print(f"wrk 2 threads, 16 connections, {args.rounds} × {args.seconds} s each, gunicorn 2 sync workers")
    print(
        f"{'request':10} {'app req/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'bare req/s':>11} {'p50 ms':>7} {'ratio':>6}"
    )
    for name in cases:
        app_rps = statistics.median(r["rps"] for r in results[name, "app"])
        bare_rps = statistics.median(r["rps"] for r in results[name, "bare"])
        app_p50 = statistics.median(r["p50"] for r in results[name, "app"])
        app_p99 = statistics.median(r["p99"] for r in results[name, "app"])
        bare_p50 = statistics.median(r["p50"] for r in results[name, "bare"])
        print(
            f"{name:10} {app_rps:10.1f} {app_p50:7.1f} {app_p99:7.1f} {bare_rps:11.1f} {bare_p50:7.1f}"
            f" {bare_rps / app_rps:6.2f}"
        )


if __name__ == "__main__":
    main()
