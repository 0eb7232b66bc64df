"""Background jobs of the tracking app (RQ)."""


def reminders_send() -> int:
    """The scheduled run of `tracking.reminders.send_due_reminders` (see `tracking/cron.py`)."""
    from tracking.reminders import send_due_reminders

    return send_due_reminders().total
