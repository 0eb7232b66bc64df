"""Tailoring as selection: a provider's structured draft of the tailored resume, its Markdown,
and where each of its lines comes from. Pure Python, no Django."""
