"""What the remote providers (anthropic, openai) share: one attempt's deadline, progress,
and the translation of HTTP failures into `LlmError` with plain, secret-free messages.

A provider makes ONE attempt per `generate()` call; the pipeline retries transient
errors with backoff. So the SDK clients run with `max_retries=0`, and the attempt is held
to its `timeout` three ways: httpx timeouts (connect, and each read), a check between
stream events, and a watchdog that shuts the socket down at the deadline, for a server
that trickles bytes forever without ever completing an event.
"""

import email.utils
import logging
import math
import socket
import threading
import time
from collections.abc import Mapping

import httpx2

from processing.llm.base import ProgressCallback
from processing.llm.errors import LlmError

logger = logging.getLogger("processing.llm")

PROGRESS_STEP = 0.01  # smaller moves are not worth a callback (each may write a row)
MAX_RETRY_AFTER = 3600.0  # a longer Retry-After is treated as "an hour"

PROCESSING_ERROR = "PROCESSING_ERROR"
EXTERNAL_API_ERROR = "EXTERNAL_API_ERROR"

MESSAGE_TIMEOUT = "The AI provider did not answer in time. Try again in a few minutes."
MESSAGE_CONNECTION = "Could not reach the AI provider. Check the network connection and the provider's base URL, then try again."
MESSAGE_UNREADABLE = "The AI provider returned an unreadable reply."


class Deadline:
    """The end of one attempt, on the monotonic clock."""

    def __init__(self, seconds: float) -> None:
        self.seconds = max(0.0, float(seconds))
        self.ends_at = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return max(0.0, self.ends_at - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self.ends_at

    def http_timeout(self) -> httpx2.Timeout:
        """httpx timeouts for what is left: a read may wait at most that long."""
        left = max(0.1, self.remaining())
        return httpx2.Timeout(left, connect=min(10.0, left))


class StreamWatchdog:
    """Shuts a response's socket down when the deadline passes.

    httpx's read timeout bounds each read, not the whole body: a server that sends a byte
    every few seconds would hold the attempt forever. The blocked read then returns (or
    fails) at once and the provider reports a timeout.
    """

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.fired = False
        self._timer: threading.Timer | None = None
        self._response: httpx2.Response | None = None

    def watch(self, response: httpx2.Response) -> None:
        self.cancel()
        self._response = response
        self._timer = threading.Timer(self.deadline.remaining(), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _fire(self) -> None:
        self.fired = True
        response = self._response
        if response is None:
            return
        sock = None
        network_stream = response.extensions.get("network_stream")
        if network_stream is not None:
            try:
                sock = network_stream.get_extra_info("socket")
            except Exception:  # a transport without sockets
                sock = None
        if isinstance(sock, socket.socket):
            try:
                # socket.socket.shutdown, not SSLSocket's: wake the reader, touch no TLS state.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
                return
            except OSError:
                pass  # already closed
        try:
            response.close()
        except Exception:  # closing from another thread is best effort
            logger.debug("Could not close a timed-out response.", exc_info=True)


class ProgressMeter:
    """Turns characters received into monotonic fractions of the expected answer, in [0, 1].

    The pipeline maps them onto the run's progress and caps it there (`processing.jobs`).
    """

    def __init__(self, on_progress: ProgressCallback, expected_chars: int) -> None:
        self.on_progress = on_progress
        self.expected_chars = max(1, int(expected_chars))
        self.chars = 0
        self.reported = 0.0

    def add(self, text: str) -> None:
        """Count `text`; may raise whatever `on_progress` raises (that aborts the attempt)."""
        if not text:
            return
        self.chars += len(text)
        fraction = min(1.0, self.chars / self.expected_chars)
        if fraction >= self.reported + PROGRESS_STEP or (fraction == 1.0 > self.reported):
            self.reported = fraction
            self.on_progress(fraction)


def retry_after_parse(headers: Mapping[str, str] | None) -> float | None:
    """Seconds to wait from `retry-after-ms`, or `Retry-After` in seconds or as an HTTP date."""
    if not headers:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            seconds = float(value) / 1000
        except ValueError:
            seconds = math.nan
        if math.isfinite(seconds) and seconds >= 0:
            return min(seconds, MAX_RETRY_AFTER)
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None or when.tzinfo is None:
            return None
        seconds = when.timestamp() - time.time()
    if not math.isfinite(seconds):
        return None
    return min(max(0.0, seconds), MAX_RETRY_AFTER)


def error_timeout() -> LlmError:
    return LlmError(MESSAGE_TIMEOUT, transient=True, code=EXTERNAL_API_ERROR)


def error_connection() -> LlmError:
    return LlmError(MESSAGE_CONNECTION, transient=True, code=EXTERNAL_API_ERROR)


def error_unreadable(detail: str = "") -> LlmError:
    if detail:
        logger.warning("Unreadable reply from the AI provider: %s", detail)
    return LlmError(MESSAGE_UNREADABLE, transient=False, code=PROCESSING_ERROR)


def error_not_configured(setting: str) -> LlmError:
    return LlmError(
        f"The AI provider is not configured: set {setting}.", transient=False, code=EXTERNAL_API_ERROR
    )


def error_cut_off(max_tokens: int) -> LlmError:
    return LlmError(
        f"The AI provider stopped before the document was finished (it reached the limit of {max_tokens} "
        "tokens). Raise JOBFORGE_LLM_MAX_TOKENS and try again.",
        transient=False,
        code=PROCESSING_ERROR,
    )


def error_refused() -> LlmError:
    return LlmError(
        "The AI provider declined to write this document. Review the posting and your notes, then try again.",
        transient=False,
        code=PROCESSING_ERROR,
    )


def error_for_status(
    status: int,
    *,
    key_setting: str,
    model_setting: str,
    base_url_setting: str,
    headers: Mapping[str, str] | None = None,
) -> LlmError:
    """The `LlmError` for an HTTP error status. Never quotes the provider's body: it can echo the key."""
    retry_after = retry_after_parse(headers)
    if status == 429:
        return LlmError(
            "The AI provider is busy (rate limited). Try again in a minute.",
            transient=True,
            retry_after=retry_after,
            status=status,
        )
    if status == 529:
        return LlmError(
            "The AI provider is overloaded right now. Try again in a few minutes.",
            transient=True,
            retry_after=retry_after,
            status=status,
        )
    if status in (408, 409) or status >= 500:
        return LlmError(
            f"The AI provider had a temporary problem (error {status}). Try again in a few minutes.",
            transient=True,
            retry_after=retry_after,
            status=status,
        )
    if status == 401:
        message = f"The AI provider rejected the API key. Check {key_setting}."
    elif status == 402:
        message = "The AI provider refused the request: check the account's billing and credit."
    elif status == 403:
        message = (
            f"The AI provider refused the request (permission denied). Check {key_setting} and its account."
        )
    elif status == 404:
        message = f"The AI provider does not know this model or address. Check {model_setting} and {base_url_setting}."
    elif status == 413:
        message = "The documents are too large for the AI provider. Shorten the posting or the resume."
    else:
        message = f"The AI provider rejected the request (error {status})."
    return LlmError(message, transient=False, status=status)
