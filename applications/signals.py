"""What the applications services announce, for apps that derive something from an
application (they import this module; this app never imports them).

Each is sent inside the write's transaction with `application` (the instance written);
a receiver that does work should wait for the commit."""

from django.dispatch import Signal

# An application was created, or its posting text changed.
posting_changed = Signal()
# The resume an application is tailored from was chosen anew (a resume or the primary).
resume_chosen = Signal()
