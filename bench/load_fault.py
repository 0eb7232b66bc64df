"""Load-and-fault check: concurrent API clients on gunicorn + PostgreSQL + Redis + an RQ
worker, with Redis and then PostgreSQL restarted while the load runs.

Not a test: run it with `.venv/bin/python bench/load_fault.py` (or `make bench-load`).
Everything it starts is its own and listens on 127.0.0.1 only: a PostgreSQL cluster
(initdb into a temporary directory, as the `postgres` OS user when run as root), a
redis-server, gunicorn with 2 workers (DEBUG off) and one RQ worker with the offline AI
provider, all on free ports. It never touches another PostgreSQL or Redis.

Each client registers its own user and adds a resume, then mixes list, get, create,
patch, phase starts, status reads and exports until the time is up. A third of the
way in, Redis is stopped for a few seconds and started again; at two thirds,
PostgreSQL. While a service is down the app must answer 503 in the error envelope;
those answers are counted apart from errors. Afterwards the script checks that every
write a client saw acknowledged is in the database, waits for the queued and running
phase runs to finish, and prints the figures. It exits 1 when there were errors,
lost writes or stuck runs.

Flags: --seconds (120), --clients (50), --quick (20 s, 10 clients), --outage (5 s
down), --settle (seconds to wait for runs to finish, 180).
"""

import argparse
import contextlib
import glob
import http.client
import json
import math
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 60
# After a service is back, the app gets this long to reconnect before a 503 counts as an error.
RECOVERY_GRACE = 5.0
PHASES = ("research", "resume", "cover-letter")
DOCUMENT_OF_PHASE = {
    "research": "research_report",
    "resume": "optimized_resume",
    "cover-letter": "cover_letter",
}
# How often each kind of request is picked once a client is set up.
MIX = {"list": 25, "get": 20, "create": 12, "patch": 15, "phase": 10, "status": 8, "export": 10}

RESUME = (
    "# Sam Rivera\n\nsam.rivera@example.org\n\n## Experience\n\n"
    "**Backend engineer**, Northwind Traders, 2019-2025\n\n"
    "- Built Django and PostgreSQL services for order tracking.\n"
    "- Ran Redis queues for background jobs and cut p95 latency by half.\n\n"
    "## Skills\n\nPython, Django, PostgreSQL, Redis, Docker, REST APIs\n"
)
POSTING = (
    "We are hiring a backend engineer to build Django and PostgreSQL services. You will "
    "own REST APIs, background jobs on Redis, and work with product on new features. "
    "Requirements: 3+ years of Python, Django, PostgreSQL; nice to have: Docker, Redis."
)


# --- the services -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(check, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if check():
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s")


def port_open(port: int) -> bool:
    with socket.create_connection((HOST, port), timeout=1):
        return True


class Services:
    """The processes this script starts, and how to stop each of them."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.logs = workdir / "logs"
        self.logs.mkdir()
        self.pg_port = free_port()
        self.redis_port = free_port()
        self.web_port = free_port()
        self.pg_bin = self._pg_bin()
        self.pg_data = workdir / "pg" / "data"
        self.processes: dict[str, subprocess.Popen] = {}
        self.pg_running = False
        self.env = self._app_env()

    # PostgreSQL: its own cluster, run as the postgres user when we are root.

    @staticmethod
    def _pg_bin() -> Path:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            sys.exit("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb).")
        return Path(found[-1]).parent

    def _as_postgres(self, args: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args

    def _pg(self, *args: str, check: bool = True) -> None:
        command = self._as_postgres([str(self.pg_bin / args[0]), *args[1:]])
        subprocess.run(command, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603  (fixed commands)

    def postgres_init(self) -> None:
        pg_root = self.pg_data.parent
        (pg_root / "socket").mkdir(parents=True)
        if os.geteuid() == 0:
            self.workdir.chmod(0o711)
            shutil.chown(pg_root, "postgres")
            shutil.chown(pg_root / "socket", "postgres")
        self._pg("initdb", "-D", str(self.pg_data), "-U", "postgres", "-A", "trust", "--no-sync")
        self.postgres_start()
        self._pg("createdb", "-h", HOST, "-p", str(self.pg_port), "-U", "postgres", "jobforge")

    def postgres_start(self) -> None:
        options = (
            f"-p {self.pg_port} -c listen_addresses={HOST} -k {self.pg_data.parent / 'socket'} "
            "-c max_connections=200"
        )
        log = self.pg_data.parent / "postgres.log"
        self._pg("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.pg_data), "-l", str(log), "-o", options)
        self.pg_running = True

    def postgres_stop(self, mode: str = "fast") -> None:
        self._pg("pg_ctl", "stop", "-w", "-t", "60", "-m", mode, "-D", str(self.pg_data), check=False)
        self.pg_running = False

    # Redis: saves its data when stopped and reloads it on start, as a production Redis does.

    def redis_start(self) -> None:
        (self.workdir / "redis").mkdir(exist_ok=True)
        self._spawn(
            "redis",
            [
                "redis-server",
                "--bind", HOST,
                "--port", str(self.redis_port),
                "--dir", str(self.workdir / "redis"),
                "--save", "60 1",
                "--appendonly", "no",
            ],
        )  # fmt: skip
        wait_for(
            lambda: self._running("redis") and port_open(self.redis_port), timeout=20, what="redis-server"
        )

    def redis_stop(self) -> None:
        self._stop("redis")

    # The app.

    def _app_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOBFORGE_", "DATABASE_"))}
        env.update(
            {
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
                "DJANGO_ALLOWED_HOSTS": HOST,
                "DJANGO_LOG_LEVEL": "WARNING",
                "JOBFORGE_SSL_REDIRECT": "0",
                "DATABASE_URL": f"postgres://postgres@{HOST}:{self.pg_port}/jobforge",
                "REDIS_URL": f"redis://{HOST}:{self.redis_port}/0",
                "JOBFORGE_LLM_PROVIDER": "offline",
                # Raised so the load itself is never refused.
                "JOBFORGE_THROTTLE_AUTH": "100000/min",
                "JOBFORGE_THROTTLE_AI": "100000/hour",
                "JOBFORGE_THROTTLE_EXPORT": "100000/min",
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    def migrate(self) -> None:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def web_start(self) -> None:
        gunicorn = Path(sys.executable).parent / "gunicorn"
        command = [str(gunicorn)] if gunicorn.exists() else [sys.executable, "-m", "gunicorn"]
        self._spawn(
            "gunicorn",
            [
                *command,
                "jobforge.wsgi",
                "--workers",
                "2",
                "--bind",
                f"{HOST}:{self.web_port}",
                "--timeout",
                "60",
            ],
        )
        wait_for(lambda: self._running("gunicorn") and port_open(self.web_port), timeout=60, what="gunicorn")

    def worker_start(self) -> None:
        self._spawn("worker", [sys.executable, "manage.py", "rqworker", "default"])

    def _spawn(self, name: str, command: list[str]) -> None:
        with (self.logs / f"{name}.log").open("ab") as log:
            # A session of its own: a Ctrl-C reaches this script only, which then stops them in order.
            self.processes[name] = subprocess.Popen(  # noqa: S603  (fixed commands)
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def _running(self, name: str) -> bool:
        process = self.processes[name]
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with code {process.returncode}:\n{self.log_tail(name)}")
        return True

    def _stop(self, name: str, timeout: float = 15) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)

    def stop_all(self) -> None:
        for name in ("gunicorn", "worker", "redis"):
            self._stop(name)
        if self.pg_running:
            self.postgres_stop(mode="immediate")

    def log_tail(self, name: str, lines: int = 15) -> str:
        path = self.pg_data.parent / "postgres.log" if name == "postgres" else self.logs / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


# --- the clients --------------------------------------------------------------------------


@dataclass
class Outage:
    service: str
    down_at: float
    up_at: float = math.inf  # when the service accepted connections again

    def covers(self, started: float, ended: float) -> bool:
        return started < self.up_at + RECOVERY_GRACE and ended > self.down_at


@dataclass
class Sample:
    kind: str
    status: int  # 0: no answer (connection refused, reset or timed out)
    started: float
    ended: float
    envelope_ok: bool
    body: bytes = b""


@dataclass
class Ledger:
    """What the clients saw acknowledged, to look for in the database afterwards."""

    users: set = field(default_factory=set)
    resumes: set = field(default_factory=set)
    applications: set = field(default_factory=set)
    runs: set = field(default_factory=set)
    # application id -> notes the database may hold: the last acknowledged value plus any
    # sent after it whose answer was lost or an error (they may or may not have applied).
    notes: dict = field(default_factory=dict)
    acked_notes: dict = field(default_factory=dict)


def is_envelope(body: bytes) -> bool:
    try:
        data = json.loads(body)
    except ValueError:
        return False
    error = data.get("error") if isinstance(data, dict) else None
    return (
        isinstance(error, dict)
        and isinstance(error.get("code"), str)
        and isinstance(error.get("message"), str)
        and "timestamp" in data
        and "path" in data
    )


class Client(threading.Thread):
    def __init__(self, number: int, *, port: int, deadline: float, stop: threading.Event, run) -> None:
        super().__init__(daemon=True, name=f"client-{number}")
        self.number = number
        self.port = port
        self.deadline = deadline
        self.stop = stop
        self.run_state = run
        self.random = random.Random(number)
        self.token = ""
        self.applications: list[dict] = []

    # One request: a new connection each time, as gunicorn's sync workers close it anyway.
    def request(self, kind: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict | None]:
        headers = {"Accept": "application/json"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        started = time.monotonic()
        status, raw = 0, b""
        try:
            connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            try:
                connection.request(method, path, body=payload, headers=headers)
                response = connection.getresponse()
                status, raw = response.status, response.read()
            finally:
                connection.close()
        except (OSError, http.client.HTTPException):
            status = 0
        ended = time.monotonic()
        envelope_ok = status < 400 or is_envelope(raw)
        self.run_state.record(
            Sample(kind, status, started, ended, envelope_ok, raw[:300] if status >= 400 else b"")
        )
        data = None
        if 200 <= status < 300 and raw and not kind.startswith("export"):
            with contextlib.suppress(ValueError):
                data = json.loads(raw)
        return status, data

    def _until_done(self, action) -> bool:
        """Retry a setup step (it may meet an outage) until it succeeds or time is up."""
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            if action():
                return True
            time.sleep(0.5)
        return False

    def register(self) -> bool:
        email = f"load-{self.number}-{uuid.uuid4().hex[:8]}@example.com"
        body = {"email": email, "password": "Load-Bench-Pass-1", "full_name": f"Load Client{self.number}"}
        status, data = self.request("register", "POST", "/api/v1/auth/register", body)
        if status == 201 and data:
            self.token = data["access_token"]
            self.run_state.ledger.users.add(email)
            return True
        return False

    def resume_create(self) -> bool:
        body = {"name": "Main resume", "content": RESUME, "focus_area": "software_development"}
        status, data = self.request("resume_create", "POST", "/api/v1/resumes", body)
        if status == 201 and data:
            self.run_state.ledger.resumes.add(data["id"])
            return True
        return False

    def create(self) -> None:
        number = len(self.applications) + 1
        body = {
            "company_name": f"Acme {self.number}-{number}",
            "role_title": "Backend Engineer",
            "job_description": POSTING,
            "priority_level": self.random.choice(["low", "medium", "high"]),
        }
        status, data = self.request("create", "POST", "/api/v1/applications", body)
        if status == 201 and data:
            self.run_state.ledger.applications.add(data["id"])
            self.applications.append({"id": data["id"], "next_phase": 0})

    def patch(self, application: dict) -> None:
        notes = f"note {uuid.uuid4().hex}"
        ledger = self.run_state.ledger
        status, _ = self.request(
            "patch", "PATCH", f"/api/v1/applications/{application['id']}", {"notes": notes}
        )
        with self.run_state.lock:
            if 200 <= status < 300:
                ledger.notes[application["id"]] = {notes}
                ledger.acked_notes[application["id"]] = notes
            elif status == 0 or status >= 500:
                ledger.notes.setdefault(application["id"], set()).add(notes)

    def phase(self, application: dict) -> None:
        if application["next_phase"] >= len(PHASES):
            application = self.random.choice(self.applications)
        phase = PHASES[min(application["next_phase"], len(PHASES) - 1)]
        body = {"regenerate": True} if application["next_phase"] >= len(PHASES) else {}
        status, data = self.request(
            "phase", "POST", f"/api/v1/processing/applications/{application['id']}/{phase}", body
        )
        if status == 202 and data:
            self.run_state.ledger.runs.add(data["run_id"])
            application["next_phase"] += 1

    def export(self, application: dict) -> None:
        started = [a for a in self.applications if a["next_phase"] > 0] or [application]
        application = self.random.choice(started)
        phase = PHASES[self.random.randrange(max(1, min(application["next_phase"], len(PHASES))))]
        export_format = self.random.choice(["pdf", "docx", "md", "txt"])
        kind = f"export_{export_format}"
        document = DOCUMENT_OF_PHASE[phase]
        self.request(
            kind,
            "GET",
            f"/api/v1/applications/{application['id']}/documents/{document}/export?format={export_format}",
        )

    def run(self) -> None:
        if not self._until_done(self.register) or not self._until_done(self.resume_create):
            return
        kinds, weights = zip(*MIX.items(), strict=True)
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            kind = "create" if not self.applications else self.random.choices(kinds, weights)[0]
            application = self.random.choice(self.applications) if self.applications else None
            if kind == "list":
                self.request("list", "GET", "/api/v1/applications?limit=20")
            elif kind == "get":
                self.request("get", "GET", f"/api/v1/applications/{application['id']}")
            elif kind == "create":
                self.create()
            elif kind == "patch":
                self.patch(application)
            elif kind == "phase":
                self.phase(application)
            elif kind == "status":
                self.request("status", "GET", f"/api/v1/processing/applications/{application['id']}/status")
            else:
                self.export(application)
            time.sleep(self.random.uniform(0.0, 0.1))


class LoadRun:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.samples: list[Sample] = []
        self.outages: list[Outage] = []
        self.ledger = Ledger()

    def record(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)

    def in_outage(self, sample: Sample) -> bool:
        return any(outage.covers(sample.started, sample.ended) for outage in self.outages)


def restart(services: Services, run: LoadRun, service: str, *, down_for: float) -> tuple[float, float]:
    """Stop a service, wait, start it again; returns how long it was down and how long
    /health took to say ok again after the restart."""
    outage = Outage(service, down_at=time.monotonic())
    with run.lock:
        run.outages.append(outage)
    if service == "redis":
        services.redis_stop()
    else:
        services.postgres_stop()
    time.sleep(down_for)
    if service == "redis":
        services.redis_start()
    else:
        services.postgres_start()
    outage.up_at = time.monotonic()
    return outage.up_at - outage.down_at, health_recovery(services.web_port, since=outage.up_at)


def health_recovery(port: int, *, since: float, timeout: float = 60) -> float:
    """Seconds from `since` until GET /health answers 200."""
    while time.monotonic() - since < timeout:
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection(HOST, port, timeout=10)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return time.monotonic() - since
        time.sleep(0.25)
    return math.inf


def health_during_outage(port: int) -> tuple[int, bool]:
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        connection.request("GET", "/health")
        response = connection.getresponse()
        body = json.loads(response.read() or b"{}")
        return response.status, body.get("status") == "unavailable"
    except (OSError, http.client.HTTPException, ValueError):
        return 0, False


# --- after the load -----------------------------------------------------------------------


TALLY_OFF = """
WITH expected AS (
    SELECT user_id, key, COUNT(*) AS n
    FROM applications_application,
         unnest(applications_tally_keys(archived, status, priority_level, stage, work_mode,
                                        employment_type)) AS key
    GROUP BY user_id, key
), kept AS (
    SELECT user_id, key, value::integer AS n FROM applications_applicationtally, jsonb_each_text(counts)
)
SELECT COUNT(*) FROM expected FULL JOIN kept USING (user_id, key) WHERE expected.n IS DISTINCT FROM kept.n
"""


def database_check(services: Services, ledger: Ledger, *, settle: float) -> dict:
    import psycopg

    dsn = f"host={HOST} port={services.pg_port} user=postgres dbname=jobforge"
    with psycopg.connect(dsn, autocommit=True) as connection:

        def present(table: str, column: str, values: set) -> set:
            if not values:
                return set()
            rows = connection.execute(
                f"SELECT {column}::text FROM {table} WHERE {column}::text = ANY(%s)",  # noqa: S608  (fixed names)
                [list(values)],
            ).fetchall()
            return {row[0] for row in rows}

        lost = {
            "users": len(ledger.users - present("accounts_user", "email", ledger.users)),
            "resumes": len(ledger.resumes - present("resumes_resume", "id", ledger.resumes)),
            "applications": len(
                ledger.applications - present("applications_application", "id", ledger.applications)
            ),
            "phase runs": len(ledger.runs - present("processing_phaserun", "id", ledger.runs)),
        }
        lost_notes = 0
        for application_id, acked in ledger.acked_notes.items():
            row = connection.execute(
                "SELECT notes FROM applications_application WHERE id = %s", [application_id]
            ).fetchone()
            if row is None or row[0] not in ledger.notes[application_id] | {acked}:
                lost_notes += 1
        lost["patches"] = lost_notes

        started = time.monotonic()
        active = 0
        while True:
            active = connection.execute(
                "SELECT count(*) FROM processing_phaserun WHERE status IN ('queued', 'processing')"
            ).fetchone()[0]
            if active == 0 or time.monotonic() - started > settle:
                break
            time.sleep(2)
        settled_in = time.monotonic() - started
        runs = dict(
            connection.execute("SELECT status, count(*) FROM processing_phaserun GROUP BY status").fetchall()
        )
        # The list's totals come from the tally its triggers keep: every key must still equal
        # the count of the rows it stands for, after all the concurrent writes and outages.
        tally_off = connection.execute(TALLY_OFF).fetchone()[0]
    return {
        "acknowledged": {
            "users": len(ledger.users),
            "resumes": len(ledger.resumes),
            "applications": len(ledger.applications),
            "phase runs": len(ledger.runs),
            "patches": len(ledger.acked_notes),
        },
        "lost": lost,
        "stuck": active,
        "tally_off": tally_off,
        "settled_in": settled_in,
        "runs": runs,
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else math.nan


def report(run: LoadRun, *, clients: int, seconds: float, check: dict, outages: list[dict]) -> int:
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    errors: Counter = Counter()
    outage_answers: Counter = Counter()
    error_examples: list[str] = []
    for sample in run.samples:
        by_kind[sample.kind].append(sample)
        in_outage = run.in_outage(sample)
        if sample.status == 0:
            problem = None if in_outage else "no answer outside an outage"
        elif (
            sample.status == 503
            and sample.envelope_ok
            and in_outage
            and b'"SERVICE_UNAVAILABLE"' in sample.body
        ):
            problem = None
        elif sample.status >= 500:
            problem = f"{sample.status}" + ("" if sample.envelope_ok else " (not the envelope)")
        elif not sample.envelope_ok:
            problem = f"{sample.status} not the envelope"
        else:
            problem = ""
        if problem is None:
            outage_answers["503" if sample.status else "no answer"] += 1
        elif problem:
            errors[f"{sample.kind}: {problem}"] += 1
            if len(error_examples) < 5:
                error_examples.append(f"{sample.kind} {sample.status}: {sample.body[:200]!r}")

    total = len(run.samples)
    print(
        f"\nLoad and fault check: {clients} clients for {seconds:.0f} s, {total} requests ({total / seconds:.1f}/s)"
    )
    print(f"\n{'kind':<15}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}  answers")
    for kind in sorted(by_kind):
        samples = by_kind[kind]
        latencies = [(s.ended - s.started) * 1000 for s in samples if 0 < s.status < 500]
        codes = Counter(s.status for s in samples)
        answers = ", ".join(f"{code or 'none'}×{n}" for code, n in sorted(codes.items()))
        print(
            f"{kind:<15}{len(samples):>9}{percentile(latencies, 0.5):>9.0f}{percentile(latencies, 0.95):>9.0f}  {answers}"
        )
    print("\nOutages:")
    for outage in outages:
        print(
            f"  {outage['service']}: down {outage['down']:.1f} s; /health during it: {outage['health']}; "
            f"/health ok again {outage['recovered']:.1f} s after the restart (queued behind the load)"
        )
    print(f"  answers during outages: {dict(outage_answers) or 'none'}")
    print(f"\nErrors: {sum(errors.values())}")
    for problem, count in errors.most_common():
        print(f"  {problem}: {count}")
    for example in error_examples:
        print(f"  e.g. {example}")
    acknowledged, lost = check["acknowledged"], check["lost"]
    print(f"\nWrites acknowledged: {acknowledged}")
    print(f"Lost writes: {sum(lost.values())} {lost}")
    print(f"Phase runs after settling {check['settled_in']:.0f} s: {check['runs']}")
    print(f"Stuck runs (queued or processing): {check['stuck']}")
    print(f"List tally keys off their rows' count: {check['tally_off']}")
    failed = (
        sum(errors.values()) > 0 or sum(lost.values()) > 0 or check["stuck"] > 0 or check["tally_off"] > 0
    )
    for outage in outages:
        failed = failed or not math.isfinite(outage["recovered"]) or not outage["health_ok"]
    print("\nRESULT:", "FAIL" if failed else "OK")
    return 1 if failed else 0


# --- main ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="a smoke run: 20 s, 10 clients")
    parser.add_argument("--outage", type=float, default=5, help="seconds each service stays down")
    parser.add_argument("--settle", type=float, default=180, help="seconds to wait for runs to finish")
    parser.add_argument("--logs", type=Path, help="copy the services' logs into this directory at the end")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    if args.quick:
        args.seconds, args.clients = 20, 10
    if args.seconds < 3 * args.outage or args.clients < 1:
        parser.error("--seconds must leave room for two outages, and --clients must be at least 1")

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    workdir = Path(tempfile.mkdtemp(prefix="jobforge-load-"))
    services = Services(workdir)
    stop = threading.Event()
    try:
        print(
            f"Starting PostgreSQL :{services.pg_port}, Redis :{services.redis_port}, gunicorn :{services.web_port}"
        )
        services.postgres_init()
        services.redis_start()
        services.migrate()
        services.web_start()
        services.worker_start()
        wait_for(
            lambda: health_recovery(services.web_port, since=time.monotonic(), timeout=1) < 1,
            timeout=60,
            what="/health",
        )

        run = LoadRun()
        started = time.monotonic()
        deadline = started + args.seconds
        clients = [
            Client(n, port=services.web_port, deadline=deadline, stop=stop, run=run)
            for n in range(args.clients)
        ]
        print(f"{args.clients} clients for {args.seconds:.0f} s; Redis then PostgreSQL restart during it")
        for client in clients:
            client.start()

        outages = []
        for service, at in (("redis", 1 / 3), ("postgres", 2 / 3)):
            time.sleep(max(0.0, started + args.seconds * at - time.monotonic()))
            probe: dict = {}

            def probe_health(into=probe):
                time.sleep(min(2.0, args.outage / 2))
                into["result"] = health_during_outage(services.web_port)

            prober = threading.Thread(target=probe_health, daemon=True)
            prober.start()
            print(f"  {time.monotonic() - started:5.1f} s: restarting {service}")
            down, recovered = restart(services, run, service, down_for=args.outage)
            prober.join()
            status, shape_ok = probe.get("result", (0, False))
            outages.append(
                {
                    "service": service,
                    "down": down,
                    "recovered": recovered,
                    "health": f"{status}" + (" unavailable" if shape_ok else " (unexpected)"),
                    "health_ok": status == 503 and shape_ok,
                }
            )

        for client in clients:
            client.join(max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT)
        stop.set()
        elapsed = time.monotonic() - started
        print("Load done; checking the database and waiting for phase runs to settle")
        check = database_check(services, run.ledger, settle=args.settle)
        code = report(run, clients=args.clients, seconds=elapsed, check=check, outages=outages)
        if code:
            for name in ("gunicorn", "worker"):
                tail = services.log_tail(name)
                if tail:
                    print(f"\n--- last lines of the {name} log ---\n{tail}")
        return code
    except KeyboardInterrupt:
        print("\nInterrupted; stopping everything")
        return 130
    finally:
        stop.set()
        services.stop_all()
        if args.logs:
            shutil.copytree(services.logs, args.logs, dirs_exist_ok=True)
            with contextlib.suppress(OSError):
                shutil.copy(services.pg_data.parent / "postgres.log", args.logs)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
