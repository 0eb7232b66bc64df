"""What the resume services announce, for apps that derive something from a resume (they
import this module; this app never imports them).

Sent inside the write's transaction with `user` and `resume_id`; a receiver that does
work should wait for the commit."""

from django.dispatch import Signal

# A resume was created, edited (content or structure), made primary or deleted: what an
# application tailored from it, or from the primary resume, is compared with changed.
resume_changed = Signal()
