"""The API's request parsers: DRF's, with every malformed body a ParseError (a 400)."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; a body nested deeper than Python's recursion limit is a 400 too.

    The JSON decoder raises RecursionError (not ValueError) on such a body, which DRF lets
    escape as a 500.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the body is nested too deeply.") from None
