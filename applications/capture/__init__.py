"""Job capture (SPEC §10): a posting's fields from a web page or pasted text, and the
guarded fetch of a page on a user's behalf. `extract` is pure Python (no Django)."""
