"""Content negotiation for downloads."""

from rest_framework.negotiation import BaseContentNegotiation


class FirstRendererNegotiation(BaseContentNegotiation):
    """Errors are always JSON, whatever Accept says; a file download is not negotiated.

    It also keeps DRF from reading `?format=pdf` as its own renderer override (a 404).
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None
