"""What a run cost, from the small price table in settings (`JOBFORGE_LLM_PRICES`)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings

_PER_MILLION = Decimal(1_000_000)
_QUANTUM = Decimal("0.000001")


def _price(value: object) -> Decimal | None:
    try:
        price = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return price if price.is_finite() and price >= 0 else None


def cost_estimate(*, model: str, input_tokens: int, output_tokens: int) -> Decimal:
    """US dollars for one run, rounded to 6 decimal places.

    Prices are USD per million tokens `(input, output)`, looked up by the exact model
    name, then by the longest table entry the model name starts with (so a dated
    snapshot such as `claude-sonnet-4-5-20250929` is priced as `claude-sonnet-4-5`).
    An unknown model, or a malformed table entry, costs Decimal("0"): an estimate
    must never fail a run.
    """
    prices = getattr(settings, "JOBFORGE_LLM_PRICES", None) or {}
    entry = prices.get(model)
    if entry is None:
        prefixes = [name for name in prices if model.startswith(name)]
        entry = prices[max(prefixes, key=len)] if prefixes else None
    if not isinstance(entry, tuple | list) or len(entry) != 2:
        return Decimal("0").quantize(_QUANTUM)
    input_price, output_price = (_price(value) for value in entry)
    if input_price is None or output_price is None:
        return Decimal("0").quantize(_QUANTUM)
    tokens_in = Decimal(max(0, int(input_tokens)))
    tokens_out = Decimal(max(0, int(output_tokens)))
    cost = (tokens_in * input_price + tokens_out * output_price) / _PER_MILLION
    return cost.quantize(_QUANTUM, rounding=ROUND_HALF_UP)
