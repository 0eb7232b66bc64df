from dataclasses import asdict, dataclass

from django.core import signing
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_LIMIT = 50
MAX_LIMIT = 100  # larger limits are clamped to it, not refused: no `maximum` in the schema

# What the schema says of the page parameters (applied to every operation by
# `jobforge.api.schema.page_parameter_bounds`); `parse_page_params` enforces them.
PAGE_PARAMETER_BOUNDS = {"limit": {"minimum": 1}, "offset": {"minimum": 0}}

# Cursors are signed with the secret key under this salt: a cursor edited by hand, or made
# for another list, is refused (a 400) instead of read.
CURSOR_SALT = "jobforge.api.pagination.cursor"
INVALID_CURSOR = "Invalid cursor: use the `next` or `previous` link of a page of this list."


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


@dataclass(frozen=True)
class Cursor:
    """Where a keyset page starts: just after (or, `backwards`, just before) the row whose
    sort values are `position`, in the list read with `query` (its filters and ordering).

    `total` is the count taken when the first page was read and `offset` the position of
    the page's first row then: a cursor page counts nothing.
    """

    query: dict
    position: list
    backwards: bool
    total: int
    offset: int

    def encode(self) -> str:
        return signing.dumps(asdict(self), salt=CURSOR_SALT, compress=True)


def cursor_decode(raw: str, *, query: dict) -> Cursor:
    """The cursor a page link carries, or a 400 when it was altered, is not ours, or
    belongs to a list read with other filters or another ordering."""
    try:
        cursor = Cursor(**signing.loads(raw, salt=CURSOR_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        raise ValidationError({"cursor": [INVALID_CURSOR]}) from None
    if cursor.query != query:
        raise ValidationError({"cursor": [INVALID_CURSOR]})
    return cursor


@dataclass(frozen=True)
class PageRequest:
    """What a list request asks for: `limit`, and either an `offset` or a `cursor`."""

    limit: int
    offset: int
    cursor: Cursor | None
    query: dict  # the list's filters and ordering, which a cursor is bound to


def parse_page_request(query_params, *, query: dict) -> PageRequest:
    """`limit` and `offset` as `parse_page_params` reads them, and `cursor` (a page link's);
    a cursor with a non-zero offset, or a bad cursor, is a 400."""
    limit, offset = parse_page_params(query_params)
    raw = query_params.get("cursor")
    if not raw:
        return PageRequest(limit=limit, offset=offset, cursor=None, query=query)
    if offset:
        raise ValidationError({"offset": ["Send either `offset` or `cursor`, not both."]})
    return PageRequest(limit=limit, offset=0, cursor=cursor_decode(raw, query=query), query=query)


def page_link(request, cursor: Cursor | None) -> str | None:
    """This request's URL with `cursor` in place of any offset or cursor it had."""
    if cursor is None:
        return None
    url = remove_query_param(request.build_absolute_uri(), "offset")
    return replace_query_param(url, "cursor", cursor.encode())
