"""The embedded default (a SQLite file) takes concurrent writes without "database is locked".

`make run` serves with SQLite and runserver's threads, so two requests may write at
once. A transaction that reads and then writes cannot wait for SQLite's write lock
(it fails at once), unless transactions take the lock when they begin. Separate
processes on a real file reproduce what the threads do.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETUP = """
from jobforge.accounts.models import User
from resumes.services import resume_create
user = User.objects.create_user(email="race@example.com", password="a-long-password-1")
resume_create(user=user, name="Main", content="Backend engineer. " * 10, focus_area="other")
"""

WRITER = """
from jobforge.accounts.models import User
from resumes.services import resume_update
user = User.objects.get(email="race@example.com")
resume = user.resumes.get()
failures = []
for number in range(40):
    try:
        resume_update(user=user, resume_id=resume.pk, name=f"Edit {number}", content="Edited. " * 30)
    except Exception as error:
        failures.append(repr(error))
print(f"failures={len(failures)} {failures[:1]}")
"""


def _manage(*args: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_parallel_read_then_write_transactions_all_succeed(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))},
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    for args in (("migrate", "--noinput", "-v", "0"), ("shell", "-c", SETUP)):
        process = _manage(*args, env=env)
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, output

    writers = [_manage("shell", "-c", WRITER, env=env) for _ in range(3)]
    outputs = [writer.communicate(timeout=120)[0] for writer in writers]

    assert [line for output in outputs for line in output.splitlines() if line.startswith("failures=")] == [
        "failures=0 []"
    ] * 3, outputs
