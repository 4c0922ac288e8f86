"""The whole archive."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from policemag.model.article import Article
from policemag.model.comic import Comic
from policemag.model.issue import Issue


@dataclass(frozen=True)
class Magazine:
    """All issues, newest (highest number) first, and all comics by slug."""

    root: Path
    issues: tuple[Issue, ...]
    comics: dict[str, Comic]

    @property
    def latest(self) -> Issue | None:
        return self.issues[0] if self.issues else None

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(a for i in self.issues for a in i.articles)

    def sections(self) -> dict[str, tuple[Article, ...]]:
        """Articles per section slug, sections sorted, articles newest issue first."""
        out: dict[str, list[Article]] = {}
        for a in self.articles:
            out.setdefault(a.section, []).append(a)
        return {k: tuple(out[k]) for k in sorted(out)}

    def issue(self, issue_id: str) -> Issue:
        for i in self.issues:
            if i.id == issue_id:
                return i
        raise KeyError(issue_id)

    def published(self, now: datetime) -> Magazine:
        """What may leave the repository at ``now``: no drafts, nothing under embargo.

        Comics are kept only when a published issue places them.
        """
        issues = tuple(i.published(now) for i in self.issues if i.is_published(now))
        used = {c.slug for i in issues for c in i.comics}
        return replace(
            self,
            issues=issues,
            comics={k: v for k, v in self.comics.items() if k in used},
        )
