"""read_comic: comics/<slug>/comic.yml into a :class:`Comic`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policemag.content.files import read_yaml
from policemag.content.paths import PathProblem, resolve_inside
from policemag.content.schemas import ComicFile, HeadEntry, validate
from policemag.content.yamlfile import line_of
from policemag.errors import ErrorLog
from policemag.images.probe import ImageProblem, probe_image
from policemag.model import Balloon, BalloonKind, Comic, ComicPage, Head, Panel, direction_of


def read_comic(path: Path, root: Path, log: ErrorLog) -> Comic | None:
    """Read and validate one comic.yml; every panel's art must be a readable image."""
    data = read_yaml(path, log)
    if data is None:
        return None
    spec = validate(ComicFile, data, path, log)
    if spec is None:
        return None
    langs = tuple(spec.languages)
    ok = True

    def need(texts: dict[str, str], loc: tuple[Any, ...], what: str) -> None:
        nonlocal ok
        for lang in langs:
            if lang not in texts:
                ok = False
                log.add(path, line_of(data, loc), "E031", f"{what} has no '{lang}' text")

    need(spec.title, ("title",), "title")
    need(spec.summary, ("summary",), "summary")
    for who, names in spec.characters.items():
        need(names, ("characters", who), f"character '{who}'")

    def character(who: str | None, loc: tuple[Any, ...]) -> None:
        nonlocal ok
        if who is not None and who not in spec.characters:
            ok = False
            known = ", ".join(sorted(spec.characters)) or "none: add a characters: table"
            log.add(path, line_of(data, loc), "E037", f"unknown character '{who}' (known: {known})")

    def heads_of(entries: list[HeadEntry], ploc: tuple[Any, ...]) -> tuple[Head, ...]:
        """The panel's heads: boxes inside the panel, not empty, mouths inside them."""
        nonlocal ok
        heads: list[Head] = []
        seen: set[str] = set()
        for h, head in enumerate(entries):
            hloc = (*ploc, "heads", h)
            left, top, right, bottom = head.box
            for key, xy in (("box", head.box), ("mouth", head.mouth)):
                if not all(0.0 <= v <= 1.0 for v in xy):
                    ok = False
                    log.add(path, line_of(data, (*hloc, key)), "E032", f"{key} {list(xy)} is outside 0..1")
            mx, my = head.mouth
            problem = None
            if not (left < right and top < bottom):
                problem = f"box {list(head.box)} is empty: write [left, top, right, bottom]"
            elif not (left <= mx <= right and top <= my <= bottom):
                problem = f"mouth {list(head.mouth)} is outside its head box {list(head.box)}"
            elif head.who is not None and head.who in seen:
                problem = f"'{head.who}' has two heads in this panel"
            if problem:
                ok = False
                log.add(path, line_of(data, hloc), "E037", problem)
            character(head.who, (*hloc, "who"))
            if head.who is not None:
                seen.add(head.who)
            heads.append(Head(box=head.box, mouth=head.mouth, who=head.who, line=line_of(data, hloc)))
        return tuple(heads)

    pages = []
    for p, page in enumerate(spec.pages):
        if page.layout is not None and sum(page.layout) != len(page.panels):
            ok = False
            log.add(
                path,
                line_of(data, ("pages", p, "layout")),
                "E035",
                f"layout {page.layout} has {sum(page.layout)} places for {len(page.panels)} panels",
            )
        panels = []
        for n, panel in enumerate(page.panels):
            ploc: tuple[Any, ...] = ("pages", p, "panels", n)
            need(panel.alt, (*ploc, "alt"), f"panel {n + 1} of page {p + 1}: alt")
            try:
                art = resolve_inside(root, path.parent, panel.art)
                probe_image(art)
            except (PathProblem, ImageProblem) as exc:
                ok = False
                log.add(path, line_of(data, (*ploc, "art")), "E033", f"{panel.art}: {exc.message}")
                continue
            heads = heads_of(panel.heads, ploc)
            balloons = []
            for b, bal in enumerate(panel.balloons):
                bloc = (*ploc, "balloons", b)
                need(bal.text, (*bloc, "text"), "balloon")
                for key in ("at", "tail"):
                    xy = getattr(bal, key)
                    if xy is not None and not all(0.0 <= v <= 1.0 for v in xy):
                        ok = False
                        log.add(path, line_of(data, (*bloc, key)), "E032", f"{key} {list(xy)} is outside 0..1")
                character(bal.by, (*bloc, "by"))
                if bal.tail is not None and any(h.who == bal.by for h in heads if bal.by):
                    ok = False
                    log.add(
                        path,
                        line_of(data, (*bloc, "tail")),
                        "E037",
                        f"tail is not needed: the tail points at the mouth of '{bal.by}', whose"
                        " head is marked in this panel (remove tail, or by for an off-panel voice)",
                    )
                balloons.append(
                    Balloon(
                        kind=BalloonKind(bal.kind),
                        at=bal.at,
                        tail=bal.tail,
                        text=dict(bal.text),
                        line=line_of(data, bloc),
                        by=bal.by,
                    )
                )
            panels.append(
                Panel(
                    art=art,
                    alt=dict(panel.alt),
                    balloons=tuple(balloons),
                    line=line_of(data, ploc),
                    heads=heads,
                )
            )
        pages.append(
            ComicPage(
                panels=tuple(panels),
                layout=tuple(page.layout) if page.layout else None,
                line=line_of(data, ("pages", p)),
            )
        )
    if not ok:
        return None
    return Comic(
        slug=path.parent.name,
        folder=path.parent,
        source=path,
        title=dict(spec.title),
        summary=dict(spec.summary),
        lang=spec.lang,
        dir=direction_of(spec.lang),
        languages=langs,
        pages=tuple(pages),
        characters={who: dict(names) for who, names in spec.characters.items()},
    )
