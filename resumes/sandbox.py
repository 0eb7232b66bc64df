"""Resume files are read in a child process with a CPU-time and memory limit.

`resumes.importing` bounds the work each file type may ask for; this module bounds what is
left (a library's own slow path, a limit we did not foresee). The web worker, the queue
worker or the test runner starts `python -m resumes.sandbox`, writes the file on its
stdin, and reads one JSON object from its stdout. The child sets `RLIMIT_CPU` and
`RLIMIT_AS` on itself before it reads a byte; the parent kills it at a wall-clock
deadline. A child stopped by any of these is a 400 saying the file is too complex to read,
so a hostile upload costs one child a few seconds and never blocks a worker thread longer
than the deadline, nor takes memory from it.

A plain subprocess rather than `multiprocessing`: it behaves the same under gunicorn,
runserver, the RQ worker and pytest, shares no state with the parent (no inherited
database connections or threads), and gets only the environment it needs (no secrets).
"""

import json
import logging
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from jobforge.errors import UnsupportedMediaType, ValidationFailed

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The child's JSON answer: the Markdown is at most a few hundred kilobytes.
_ANSWER_MAX_BYTES = 16 * 1024 * 1024
_ERRORS = {"validation": ValidationFailed, "unsupported": UnsupportedMediaType}


def resume_file_to_markdown_sandboxed(
    *, data: bytes, filename: str, cpu_seconds: int, memory_bytes: int, wall_seconds: float
) -> str:
    """`importing.resume_file_to_markdown` run in a limited child process.

    The same answers (Markdown, or the same 400/415 errors), plus a 400 "too complex to
    read" when the child passes its CPU, memory or wall-clock limit.
    """
    from resumes.importing import file_too_complex

    header = json.dumps({"filename": filename}).encode() + b"\n"
    command = [sys.executable, "-m", "resumes.sandbox", str(cpu_seconds), str(memory_bytes)]
    try:
        child = subprocess.run(  # noqa: S603  (our own interpreter and module, no shell)
            command,
            input=header + data,
            capture_output=True,
            timeout=wall_seconds,
            cwd=PROJECT_ROOT,
            env=_child_environment(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("Resume import of %r stopped at the %ss deadline.", filename, wall_seconds)
        raise file_too_complex() from None
    if child.returncode < 0:
        logger.warning("Resume import of %r stopped by %s.", filename, signal.Signals(-child.returncode).name)
        raise file_too_complex()
    try:
        answer = json.loads(child.stdout[:_ANSWER_MAX_BYTES])
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        logger.error(
            "Resume import of %r failed (exit %s): %s",
            filename,
            child.returncode,
            child.stderr[-2000:].decode(errors="replace"),
        )
        raise file_too_complex()
    if "markdown" in answer:
        return answer["markdown"]
    error = answer.get("error") or {}
    if error.get("kind") in _ERRORS:
        raise _ERRORS[error["kind"]](error.get("message", ""), details=error.get("details") or {})
    if error.get("kind") != "too_complex":
        logger.error("Resume import of %r failed in the sandbox: %s", filename, error.get("message"))
    raise file_too_complex()


def _child_environment() -> dict[str, str]:
    # Enough to start Python from the same installation; no secrets, no database URL.
    keep = ("PATH", "PYTHONPATH", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")
    environment = {name: os.environ[name] for name in keep if name in os.environ}
    environment["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(PROJECT_ROOT), environment.get("PYTHONPATH", "")) if part
    )
    return environment


# --- the child ------------------------------------------------------------------


def _limit_self(cpu_seconds: int, memory_bytes: int) -> None:
    # Past the soft CPU limit the kernel sends SIGXCPU, a second later SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _answer(payload: dict) -> None:
    sys.stdout.buffer.write(json.dumps(payload).encode())
    sys.stdout.buffer.flush()


def main(argv: list[str]) -> int:
    _limit_self(int(argv[0]), int(argv[1]))
    # A hostile PDF can make pypdf warn thousands of times, and the parent holds the
    # child's stderr in memory: the answer on stdout says all the parent needs.
    logging.disable(logging.CRITICAL)
    from jobforge.errors import DomainError, UnsupportedMediaType
    from resumes.importing import resume_file_to_markdown

    header, _, data = sys.stdin.buffer.read().partition(b"\n")
    filename = json.loads(header).get("filename") or ""
    try:
        markdown = resume_file_to_markdown(data=data, filename=filename)
    except DomainError as exc:
        kind = "unsupported" if isinstance(exc, UnsupportedMediaType) else "validation"
        _answer({"error": {"kind": kind, "message": exc.message, "details": exc.details}})
    except (MemoryError, RecursionError):
        _answer({"error": {"kind": "too_complex"}})
    except Exception as exc:  # a bug, not the user's file: the parent logs it
        _answer({"error": {"kind": "failed", "message": repr(exc)[:2000]}})
    else:
        _answer({"markdown": markdown})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
