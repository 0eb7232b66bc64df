class LlmError(Exception):
    """A provider failure, already translated from the SDK.

    `transient` errors (429, 5xx, timeouts, connection errors) are worth retrying;
    the others (401, 400, malformed replies) fail the run at once. `message` is shown
    to the user: plain words, never a key, a URL with credentials or a stack trace.
    """

    def __init__(
        self,
        message: str,
        *,
        transient: bool,
        code: str = "EXTERNAL_API_ERROR",
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.code = code
        self.retry_after = retry_after
        self.status = status
