"""The comic as text: panels in reading order, each with its alt and its balloons.

Reading order is the order of comic.yml: panels are listed in the order they are read
(the layout places them accordingly), and balloons in the order they are spoken. The
same order drives the page layout, the guided view, the transcript and the page alt.
"""

from __future__ import annotations

from dataclasses import dataclass

from policemag.i18n import Words
from policemag.model import Balloon, Comic, Panel

#: The default magazine's words (Arabic, Maghreb months): callers pass ``config.words``.
DEFAULT_WORDS = Words()


@dataclass(frozen=True)
class TranscriptBalloon:
    kind: str  # caption | speech | thought | shout | sfx
    label: str  # who says it ("Salma", "Salma (cri)"), or else the kind, in the language
    text: str
    speaker: str | None = None  # the speaker's name in the transcript's language


@dataclass(frozen=True)
class TranscriptPanel:
    number: int  # 1-based, reading order within the page
    alt: str
    balloons: tuple[TranscriptBalloon, ...]


@dataclass(frozen=True)
class TranscriptPage:
    number: int  # 1-based
    panels: tuple[TranscriptPanel, ...]


def transcript(comic: Comic, lang: str, words: Words = DEFAULT_WORDS) -> list[TranscriptPage]:
    """Every page's panels in reading order with alt and balloon texts in ``lang``;
    balloon kinds named in ``lang`` (or the magazine's language, ``words.lang``)."""
    return [
        TranscriptPage(
            number=p,
            panels=tuple(
                TranscriptPanel(
                    number=n,
                    alt=panel.alt[lang],
                    balloons=tuple(_balloon(comic, panel, b, lang, words) for b in panel.balloons),
                )
                for n, panel in enumerate(page.panels, start=1)
            ),
        )
        for p, page in enumerate(comic.pages, start=1)
    ]


#: Kinds whose speaker the transcript names (captions narrate, sound effects sound).
SPOKEN = ("speech", "thought", "shout")


def speaker_of(panel: Panel, balloon: Balloon) -> str | None:
    """Who says ``balloon``: its ``by``, else the character whose head its tail points at."""
    from policemag.comics.placement import speaker

    if balloon.by is not None:
        return balloon.by
    head = speaker(balloon, panel.heads)
    return panel.heads[head].who if head is not None else None


def _balloon(comic: Comic, panel: Panel, b: Balloon, lang: str, words: Words) -> TranscriptBalloon:
    kind = b.kind.value
    who = speaker_of(panel, b) if kind in SPOKEN else None
    name = comic.characters[who][lang] if who in comic.characters else None
    label = (
        words.t(lang, f"comic_{kind}_by", speaker=name) if name else words.t(lang, f"kind_{kind}")
    )
    return TranscriptBalloon(kind, label, b.text[lang], name)


def page_alt(comic: Comic, lang: str, number: int, words: Words = DEFAULT_WORDS) -> str:
    """A self-sufficient description of one page for readers who cannot see it (EPUB, app).

    "Page 1 of 2. Panel 1: <alt> Speech: «...»." — the words included, because a comic
    page is nothing without them.
    """
    page = transcript(comic, lang, words)[number - 1]
    sep, colon = words.t(lang, "comma"), words.t(lang, "colon")
    open_q, close_q = words.t(lang, "quote_open"), words.t(lang, "quote_close")
    total = len(comic.pages)
    parts = [f"{comic.title[lang]}{sep}{words.t(lang, 'page_of', n=number, total=total)}."]
    for panel in page.panels:
        text = f"{words.t(lang, 'panel_n', n=panel.number)}{colon}{panel.alt.rstrip('.')}."
        for b in panel.balloons:
            text += f" {b.label}{colon}{open_q}{b.text}{close_q}"
        parts.append(text)
    return " ".join(parts)
