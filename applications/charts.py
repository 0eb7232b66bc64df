"""Chart geometry for the insights page, drawn server-side as SVG (plain Python).

Each chart is a dict the template `applications/_chart.html` draws: its bars with their
coordinates in the SVG's own units (the picture scales to the page's width), and the
rows of the data table that stands behind it for screen readers and for reading exact
figures.
"""

from dataclasses import dataclass, field

WIDTH = 400
LABEL_WIDTH = 130
VALUE_WIDTH = 56  # at least this much room after the longest bar for its figure
VALUE_CHAR_WIDTH = 7.5  # a 12px bold figure's characters, in the SVG's units
ROW_HEIGHT = 26
BAR_HEIGHT = 16
COLUMN_CHART_HEIGHT = 150
COLUMN_AXIS = 20  # room under the columns for the first and last week's labels


@dataclass
class Bar:
    label: str
    value: float | None
    display: str
    x: float = 0
    y: float = 0
    label_x: float = 0
    width: float = 0
    height: float = 0
    text_x: float = 0
    text_y: float = 0


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    kind: str  # "bars" (one row a bar) or "columns" (one column a week)
    headers: tuple[str, ...]
    rows: list[tuple]  # the data table, one tuple of cells a row
    bars: list[Bar] = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    axis_labels: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def bar_chart(
    *, slug: str, title: str, description: str, items: list[tuple[str, float | None, str]], headers, rows
) -> Chart:
    """Horizontal bars, one per (label, value, shown text); the longest bar is the largest value."""
    top = max((value or 0 for _, value, _ in items), default=0)
    # The longest bar's figure ("10.8 days") must fit inside the picture after it.
    longest = max((len(display) for _, _, display in items), default=0)
    track = WIDTH - LABEL_WIDTH - max(VALUE_WIDTH, round(longest * VALUE_CHAR_WIDTH) + 8)
    chart = Chart(slug, title, description, "bars", tuple(headers), rows, height=ROW_HEIGHT * len(items) + 4)
    for index, (label, value, display) in enumerate(items):
        y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        width = round(track * (value or 0) / top, 1) if top else 0
        chart.bars.append(
            Bar(
                label=label,
                value=value,
                display=display,
                x=LABEL_WIDTH,
                y=y,
                label_x=LABEL_WIDTH - 8,
                width=width,
                height=BAR_HEIGHT,
                text_x=LABEL_WIDTH + width + 6,
                text_y=y + BAR_HEIGHT - 4,
            )
        )
    return chart


def column_chart(
    *, slug: str, title: str, description: str, items: list[tuple[str, int]], headers, rows
) -> Chart:
    """Vertical columns, one per (label, count), labelled with their counts above them."""
    top = max((value for _, value in items), default=0)
    plot = COLUMN_CHART_HEIGHT - COLUMN_AXIS - 14  # room above the tallest for its count
    slot = WIDTH / max(len(items), 1)
    chart = Chart(slug, title, description, "columns", tuple(headers), rows, height=COLUMN_CHART_HEIGHT)
    base = COLUMN_CHART_HEIGHT - COLUMN_AXIS
    for index, (label, value) in enumerate(items):
        height = round(plot * value / top, 1) if top else 0
        x = index * slot + slot * 0.15
        chart.bars.append(
            Bar(
                label=label,
                value=value,
                display=str(value),
                x=round(x, 1),
                y=round(base - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
                text_x=round(index * slot + slot / 2, 1),
                text_y=round(base - height - 3, 1),
            )
        )
    if items:
        chart.axis_labels = [
            {"x": 2, "anchor": "start", "text": items[0][0]},
            {"x": WIDTH - 2, "anchor": "end", "text": items[-1][0]},
        ]
    return chart
