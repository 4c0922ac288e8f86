"""The magazine's settings, one typed object shared by every writer.

The MkDocs plugin fills it from mkdocs.yml (``plugins: - policemag: {...}``); the CLI
and the tests build it directly. Nothing here reads the clock except :func:`build_time`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_SECTION_LABELS: dict[str, dict[str, str]] = {
    "news": {"ar": "أخبار", "fr": "Actualités"},
    "awareness": {"ar": "توعية", "fr": "Prévention"},
    "dossier": {"ar": "ملف العدد", "fr": "Dossier"},
    "legal": {"ar": "قانون", "fr": "Droit"},
    "jobs": {"ar": "مباريات وتوظيف", "fr": "Concours et emplois"},
    "honours": {"ar": "تكريم", "fr": "Distinctions"},
    "comics": {"ar": "قصص مصورة", "fr": "Bandes dessinées"},
}


@dataclass(frozen=True)
class MagazineConfig:
    """Settings of one build.

    ``now`` decides embargoes: by default the build time (see :func:`build_time`);
    tests pass a fixed instant. ``site_url`` must be absolute for feeds and EPUB links.
    """

    root: Path
    site_url: str = "https://magazine.police.example/"
    title: str = "مجلة الشرطة"
    title_fr: str = "Revue de la Police"
    description: str = "المجلة الرسمية للشرطة: أخبار، توعية، قانون، مباريات وقصص مصورة."
    lang: str = "ar"
    now: datetime = field(default_factory=lambda: build_time())
    section_labels: dict[str, dict[str, str]] = field(
        default_factory=lambda: dict(DEFAULT_SECTION_LABELS)
    )
    cache_dir: Path | None = None
    comic_page_size: tuple[int, int] = (1600, 2400)
    feed_page_size: int = 50
    privacy_errors: bool = False
    #: SOURCE_DATE_EPOCH as the caller set it (None: unset). Read once, when the config
    #: is made, so that the sitemap pin of :func:`policemag.build.pin_source_date` does
    #: not move the EPUBs' own dates.
    source_epoch: datetime | None = field(default_factory=lambda: source_date())

    @property
    def cache(self) -> Path:
        return self.cache_dir or (self.root / ".cache")

    def section_label(self, section: str, lang: str) -> str:
        labels = self.section_labels.get(section, {})
        primary = lang.split("-")[0]
        return labels.get(primary) or labels.get(self.lang) or section.replace("-", " ")

    def url(self, path: str) -> str:
        """Absolute URL of a site path (``"2026-11-n112/"`` -> ``https://.../2026-11-n112/``)."""
        return self.site_url.rstrip("/") + "/" + path.lstrip("/")


def build_time() -> datetime:
    """The instant a build publishes at: ``POLICEMAG_NOW`` if set (ISO 8601), else now.

    SOURCE_DATE_EPOCH does not move embargoes: it fixes timestamps inside outputs, but
    publishing an embargoed article because a build pretends to be in the future, or
    hiding one because the epoch is old, would both be wrong.
    """
    value = os.environ.get("POLICEMAG_NOW")
    if value:
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.now(UTC)


def source_date(default: datetime | None = None) -> datetime | None:
    """SOURCE_DATE_EPOCH as a UTC datetime, or ``default`` when it is not set."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value and value.strip().isdigit():
        return datetime.fromtimestamp(int(value), UTC)
    return default
