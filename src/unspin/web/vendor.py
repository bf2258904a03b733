"""plotly.js and its stylesheet, as the installed plotly package ships them.

The charts use the plotly.js bundled in the Python package (``package_data``), served by
this server: no CDN, nothing copied into the repository. plotly.js adds its own CSS
rules from script at run time, which a strict Content-Security-Policy forbids (no inline
styles), so the same rules are read out of the bundle once and served as a stylesheet.
Should a plotly release change how its bundle holds them, ``FALLBACK_CSS`` keeps the few
rules a chart cannot do without (its layers stacked on each other).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# The object literal of selector → declarations in plotly.js's "plotcss" module, where X
# stands for the graph and Y for the notifier, as the bundle's own loop replaces them.
_RULES = re.compile(r"""\{("X,X div":.*?)\};for\(""", re.DOTALL)
_PAIR = re.compile(r""""((?:[^"\\]|\\.)*)":(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
GRAPH = ".js-plotly-plot .plotly"
NOTIFIER = ".plotly-notifier"
FALLBACK_CSS = (f"{GRAPH},{GRAPH} div{{direction:ltr;margin:0;padding:0;border:0}}\n"
                f"{GRAPH} .main-svg{{position:absolute;top:0;left:0;pointer-events:none}}\n"
                f"{GRAPH} .main-svg .draglayer{{pointer-events:all}}\n")


@cache
def plotly_js() -> bytes:
    return (resources.files("plotly") / "package_data" / "plotly.min.js").read_bytes()


@cache
def plotly_css() -> str:
    """plotly.js's stylesheet, read out of the bundle (or the fallback)."""
    return css_from_bundle(plotly_js().decode("utf-8", "replace")) or FALLBACK_CSS


def css_from_bundle(bundle: str) -> str | None:
    """The CSS rules plotly.js would add from script, or None if the bundle holds none
    in the form this reads."""
    found = _RULES.search(bundle)
    if found is None:
        return None
    rules = []
    for key, double, single in _PAIR.findall(found.group(1)):
        selector = re.sub(r"^,", " ,", key).replace("X", GRAPH).replace("Y", NOTIFIER)
        declarations = double or single
        if "{" in declarations or "}" in declarations or "<" in declarations:
            continue  # never pass on anything that could close the rule or the sheet
        rules.append(f"{selector}{{{declarations}}}")
    return "\n".join(rules) + "\n" if rules else None
