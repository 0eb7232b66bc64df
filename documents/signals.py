"""What the documents services announce, for apps that derive something from a document
(they import this module; this app never imports them)."""

from django.dispatch import Signal

# A version of a document was written (by a phase or a user edit) and made current; sent
# inside the write's transaction with `application`, `document_type` and `document`.
version_saved = Signal()
