"""schemathesis hooks for scripts/fuzz-http.sh.

Each narrows what schemathesis calls valid where JSON Schema cannot state a
rule the service enforces; /openapi.json states the rule in words.
"""
import schemathesis


@schemathesis.hook("filter_case").apply_to(method="PATCH", path="/v1/accounts/{account}")
def catalogue_items_are_distinct_by_name(context, case):
    """A catalogue names each item once (a price per name). JSON Schema's
    `uniqueItems` compares whole items, so {"item": "x", "points": 1} and
    {"item": "x", "points": 2} pass it; the service refuses them (400).
    Such a body is not generated as valid; as invalid data it still is."""
    if case.meta is None or not case.meta.generation.mode.is_positive or not isinstance(case.body, dict):
        return True
    items = case.body.get("catalogue")
    if not isinstance(items, list):
        return True
    names = [item.get("item") for item in items if isinstance(item, dict)]
    return len(names) == len(set(names))
