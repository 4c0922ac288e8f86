"""The letterer's rules, checked on a lettered page's published geometry (page-<n>.json).

Written from the rules in docs/comics.md, not from the placement code: only the plane
geometry helpers (convex shapes by their support function) come from the package.
"""

from __future__ import annotations

import itertools
from typing import Any

from policemag.comics.geometry import Rect, clear_of, convex, convex_rect, point_rect_distance

#: A tail's tip ends outside its speaker's head box, at most this share of the page
#: width from it (2.5 %: 40 px on a 1600 px page, 10 CSS px on a 390 px phone).
NEAR = 0.025
#: Rounding of the published coordinates (0.1 px) and of the pixel grid.
TOLERANCE = 1.0


def _rect(box: list[float]) -> Rect:
    x, y, w, h = box
    return (x, y, x + w, y + h)


def _inside(inner: Rect, outer: Rect) -> bool:
    t = TOLERANCE
    return (
        outer[0] - t <= inner[0]
        and outer[1] - t <= inner[1]
        and inner[2] <= outer[2] + t
        and inner[3] <= outer[3] + t
    )


def reads_after(prev: list[float], cur: list[float], rtl: bool) -> bool:
    """Reading order of two balloons' boxes: ``cur`` starts clearly lower, or at about the
    same height (within a third of the smaller height) and further along the reading
    direction (leftwards in a right-to-left comic)."""
    band = min(prev[3], cur[3]) / 3
    if cur[1] >= prev[1] + band:
        return True
    if cur[1] <= prev[1] - band:
        return False
    pc, cc = prev[0] + prev[2] / 2, cur[0] + cur[2] / 2
    return cc < pc if rtl else cc > pc


def problems(page: dict[str, Any]) -> list[str]:
    """Every broken rule of one page's geometry, as readable strings (empty: clean)."""
    out: list[str] = []
    near = NEAR * page["width"]
    rtl = page["reading"] == "rtl"
    for panel in page["panels"]:
        where = f"page {page['number']} ({page['lang']}) panel {panel['number']}"
        pbox = _rect(panel["box"])
        heads = [convex_rect(_rect(h["box"])) for h in panel["heads"]]
        bodies = [convex([tuple(p) for p in b["outline"]]) for b in panel["balloons"]]
        tails = [
            convex([tuple(p) for p in b["tail"]]) if b["tail"] else None for b in panel["balloons"]
        ]
        for n, b in enumerate(panel["balloons"]):
            name = f"{where} balloon {n + 1} ({b['kind']}: {b['text'][:30]!r})"
            if not _inside(bodies[n].box, pbox):
                out.append(f"{name}: leaves its panel")
            for k, head in enumerate(heads):
                if not clear_of(bodies[n], head, 0.0):
                    out.append(f"{name}: meets head {k + 1} ({panel['heads'][k]['who']})")
            for m, other in enumerate(bodies[:n]):
                if not clear_of(bodies[n], other, 0.0):
                    out.append(f"{name}: overlaps balloon {m + 1}")
            speaker = b["head"]
            if b["kind"] in ("speech", "thought", "shout") and b["by"] and speaker is None:
                who = b["by"]
                if any(h["who"] == who for h in panel["heads"]):
                    out.append(
                        f"{name}: {who}'s head is in the panel, the tail does not point at it"
                    )
            if speaker is not None:
                if b["tip"] is None:
                    out.append(f"{name}: has a speaker but no tail")
                else:
                    hb = _rect(panel["heads"][speaker]["box"])
                    tip = (b["tip"][0], b["tip"][1])
                    d = point_rect_distance(tip, hb)
                    if d <= 0:
                        out.append(f"{name}: the tail ends inside its speaker's head")
                    elif d > near + TOLERANCE:
                        out.append(f"{name}: the tail stops {d:.0f} px from its speaker's head")
            tail = tails[n]
            if tail is not None:
                if not _inside(tail.box, pbox):
                    out.append(f"{name}: its tail leaves the panel")
                for k, head in enumerate(heads):
                    if k != speaker and not clear_of(tail, head, 0.0):
                        out.append(
                            f"{name}: its tail crosses head {k + 1} ({panel['heads'][k]['who']})"
                        )
                for m, other in enumerate(bodies):
                    if m != n and not clear_of(tail, other, 0.0):
                        out.append(f"{name}: its tail crosses balloon {m + 1}")
        read = [b for b in panel["balloons"] if b["kind"] != "sfx"]
        for a, c in itertools.pairwise(read):
            if not reads_after(a["box"], c["box"], rtl):
                out.append(f"{where}: {c['text'][:30]!r} is placed before {a['text'][:30]!r}")
    return out


def tip_gap(page: dict[str, Any]) -> list[float]:
    """Distances (px) from every tail's tip to its speaker's head box."""
    out = []
    for panel in page["panels"]:
        for b in panel["balloons"]:
            if b["head"] is not None and b["tip"]:
                hb = _rect(panel["heads"][b["head"]]["box"])
                out.append(point_rect_distance((b["tip"][0], b["tip"][1]), hb))
    return out
