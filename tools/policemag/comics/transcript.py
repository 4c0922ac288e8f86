"""The comic as text: panels in reading order, each with its alt and its balloons.

Reading order is the order of comic.yml: panels are listed in the order they are read
(the layout places them accordingly), and balloons in the order they are spoken. The
same order drives the page layout, the guided view, the transcript and the page alt.
"""

from __future__ import annotations

from dataclasses import dataclass

from policemag.model import Comic

#: How the transcript and alt texts name balloon kinds, per language (primary subtag).
KIND_LABELS: dict[str, dict[str, str]] = {
    "ar": {"caption": "تعليق", "speech": "كلام", "thought": "تفكير", "shout": "صراخ", "sfx": "صوت"},
    "fr": {
        "caption": "Récitatif",
        "speech": "Bulle",
        "thought": "Pensée",
        "shout": "Cri",
        "sfx": "Bruitage",
    },
    "en": {
        "caption": "Caption",
        "speech": "Speech",
        "thought": "Thought",
        "shout": "Shout",
        "sfx": "Sound",
    },
}
#: Words around numbers: page / panel / "of" / transcript, per language.
WORDS: dict[str, dict[str, str]] = {
    "ar": {"page": "الصفحة", "panel": "الخانة", "of": "من", "transcript": "النص الكامل للقصة"},
    "fr": {"page": "Page", "panel": "Case", "of": "sur", "transcript": "Transcription"},
    "en": {"page": "Page", "panel": "Panel", "of": "of", "transcript": "Transcript"},
}


def labels(lang: str) -> dict[str, str]:
    return KIND_LABELS.get(lang.split("-")[0], KIND_LABELS["en"])


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang.split("-")[0], WORDS["en"])


@dataclass(frozen=True)
class TranscriptBalloon:
    kind: str  # caption | speech | thought | shout | sfx
    label: str  # the kind, named in the transcript's language
    text: str


@dataclass(frozen=True)
class TranscriptPanel:
    number: int  # 1-based, reading order within the page
    alt: str
    balloons: tuple[TranscriptBalloon, ...]


@dataclass(frozen=True)
class TranscriptPage:
    number: int  # 1-based
    panels: tuple[TranscriptPanel, ...]


def transcript(comic: Comic, lang: str) -> list[TranscriptPage]:
    """Every page's panels in reading order with alt and balloon texts in ``lang``."""
    names = labels(lang)
    return [
        TranscriptPage(
            number=p,
            panels=tuple(
                TranscriptPanel(
                    number=n,
                    alt=panel.alt[lang],
                    balloons=tuple(
                        TranscriptBalloon(b.kind.value, names[b.kind.value], b.text[lang])
                        for b in panel.balloons
                    ),
                )
                for n, panel in enumerate(page.panels, start=1)
            ),
        )
        for p, page in enumerate(comic.pages, start=1)
    ]


def page_alt(comic: Comic, lang: str, number: int) -> str:
    """A self-sufficient description of one page for readers who cannot see it (EPUB, app).

    "Page 1 of 2. Panel 1: <alt> Speech: «...»." — the words included, because a comic
    page is nothing without them.
    """
    w = words(lang)
    page = transcript(comic, lang)[number - 1]
    # French sets its guillemets off with (no-break) spaces; Arabic does not
    open_q, close_q = ("«\u00a0", "\u00a0»") if lang.startswith("fr") else ("«", "»")
    sep = "، " if lang.startswith("ar") else ", "
    colon = ": " if lang.startswith("ar") else " : "
    parts = [f"{comic.title[lang]}{sep}{w['page']} {number} {w['of']} {len(comic.pages)}."]
    for panel in page.panels:
        text = f"{w['panel']} {panel.number}{colon}{panel.alt.rstrip('.')}."
        for b in panel.balloons:
            text += f" {b.label}{colon}{open_q}{b.text}{close_q}"
        parts.append(text)
    return " ".join(parts)
