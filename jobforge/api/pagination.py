from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response

DEFAULT_LIMIT = 50
MAX_LIMIT = 100  # larger limits are clamped to it, not refused: no `maximum` in the schema

# What the schema says of the page parameters (applied to every operation by
# `jobforge.api.schema.page_parameter_bounds`); `parse_page_params` enforces them.
PAGE_PARAMETER_BOUNDS = {"limit": {"minimum": 1}, "offset": {"minimum": 0}}


def parse_page_params(query_params) -> tuple[int, int]:
    """`limit` (default 50, clamped to 100) and `offset` (default 0); junk is a 400."""
    errors = {}
    values = {}
    for name, default in (("limit", DEFAULT_LIMIT), ("offset", 0)):
        raw = query_params.get(name)
        if raw is None or raw == "":
            values[name] = default
            continue
        try:
            value = int(raw)
        except ValueError:
            errors[name] = ["A non-negative integer is required."]
            continue
        if value < 0 or (name == "limit" and value == 0):
            errors[name] = ["A positive integer is required." if name == "limit" else "Must not be negative."]
            continue
        values[name] = value
    if errors:
        raise ValidationError(errors)
    return min(values["limit"], MAX_LIMIT), values["offset"]


class EnvelopePagination(LimitOffsetPagination):
    """Limit/offset pages shaped `{"<items>": [...], "total", "limit", "offset"}`.

    The view names the items key with `list_key` (e.g. "applications").
    """

    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT

    def paginate_queryset(self, queryset, request, view=None):
        self.limit, self.offset = parse_page_params(request.query_params)
        self.items_key = getattr(view, "list_key", "results")
        self.count = self.get_count(queryset)
        self.request = request
        if self.count == 0 or self.offset >= self.count:
            return []
        return list(queryset[self.offset : self.offset + self.limit])

    def get_paginated_response(self, data):
        return Response(
            {self.items_key: data, "total": self.count, "limit": self.limit, "offset": self.offset}
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["total", "limit", "offset"],
            "properties": {
                "items": schema,
                "total": {"type": "integer", "example": 123},
                "limit": {"type": "integer", "example": 50},
                "offset": {"type": "integer", "example": 0},
            },
        }
