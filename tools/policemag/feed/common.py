"""Small pieces shared by the feed builders: absolute URLs, instants, JSON hygiene."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from policemag.config import MagazineConfig
from policemag.feed.media import MediaLookup
from policemag.model import Article, Issue, Magazine


def absolute(config: MagazineConfig, site_path: str) -> str:
    """Absolute URL of a site path, percent-encoded so that it is a valid URI.

    >>> absolute(MagazineConfig(root=Path(".")), "2024-01-n1/خبر/")
    'https://magazine.police.example/2024-01-n1/%D8%AE%D8%A8%D8%B1/'
    """
    return config.url(quote(site_path, safe="/-._~#"))


def first_issues(magazine: Magazine) -> dict[str, Issue]:
    """The issue that first published each comic (lowest number), by comic slug: a comic
    placed in several issues is one publication, dated and listed with its first."""
    first: dict[str, Issue] = {}
    for issue in sorted(magazine.issues, key=lambda i: i.number):
        for comic in issue.comics:
            first.setdefault(comic.slug, issue)
    return first


def published_at(issue: Issue, article: Article | None = None) -> datetime:
    """When an item became public: the issue date (00:00 UTC), or a later embargo.

    The build already dropped whatever is still under embargo, so this is a fact of
    the content, not of the build time.
    """
    instants = [datetime.combine(issue.date, time(0, 0), tzinfo=UTC)]
    if issue.embargo:
        instants.append(issue.embargo)
    if article is not None and article.embargo:
        instants.append(article.embargo)
    return max(instants).astimezone(UTC)


def modified_at(published: datetime, media: MediaLookup, sources: Sequence[Path]) -> datetime:
    """``published``, or the last known change of ``sources`` when later.

    Without history from the caller this equals ``published``: it then changes only
    when the content's own dates change, and never with the clock.
    """
    changed = media.last_change(sources)
    return max(published, changed.astimezone(UTC)) if changed else published


def rfc3339(moment: datetime) -> str:
    """UTC, seconds precision, ``Z``: one spelling so equal instants give equal bytes.

    >>> rfc3339(datetime(2024, 1, 1, 9, 0, tzinfo=UTC))
    '2024-01-01T09:00:00Z'
    """
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_date(day: date) -> str:
    return day.isoformat()


def compact(value: Any) -> Any:
    """``value`` without None values, empty lists or empty dicts (recursively).

    Feed readers choke on ``null`` (JSON Feed's schema rejects it where a string is
    expected); an absent key is always the safe way to say "unknown".
    """
    if isinstance(value, dict):
        out = {k: compact(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in out.items() if v not in ({}, [])}
    if isinstance(value, list | tuple):
        return [compact(v) for v in value if v is not None]
    return value


def compact_doc(document: dict[str, Any]) -> dict[str, Any]:
    """:func:`compact` for a JSON object, typed as one."""
    out: dict[str, Any] = compact(document)
    return out
