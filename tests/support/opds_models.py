"""Typed models of OPDS 2.0 feeds and Readium Web Publication Manifests (RWPM, Divina).

Written from the specifications (drafts.opds.io, readium.org/webpub-manifest) because
their official JSON schemas use ECMAScript named groups ``(?<name>`` that Python's ``re``
rejects. They cover the subset this project writes, and are stricter than the
specifications where the app needs it: absolute https URLs, RFC 3339 dates with a
timezone, width and height on every image, no unknown keys (catches typos).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

_BCP47 = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-[a-zA-Z0-9]{5,8})*$")
_MIME = re.compile(r"^[a-z]+/[a-z0-9.+-]+$")
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"
ACQUISITION = {
    "preview",
    "http://opds-spec.org/acquisition",
    "http://opds-spec.org/acquisition/buy",
    OPEN_ACCESS,
    "http://opds-spec.org/acquisition/borrow",
    "http://opds-spec.org/acquisition/sample",
    "http://opds-spec.org/acquisition/subscribe",
}
COVER_TYPES = {"image/jpeg", "image/webp", "image/avif", "image/png", "image/jxl", "image/gif"}


def _lang(v: str) -> str:
    if not _BCP47.match(v):
        raise ValueError(f"not a BCP 47 tag: {v!r}")
    return v


def _https(v: str) -> str:
    parts = urlsplit(v)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in v):
        raise ValueError(f"not an absolute https URL: {v!r}")
    return v


def _uri(v: str) -> str:
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", v):
        raise ValueError(f"not a URI: {v!r}")
    return v


def _datetime(v: str) -> str:
    if not _RFC3339.match(v):
        raise ValueError(f"not an RFC 3339 date-time: {v!r}")
    datetime.fromisoformat(v.replace("Z", "+00:00"))
    return v


def _date_or_datetime(v: str) -> str:
    if len(v) == 10:
        date.fromisoformat(v)
        return v
    return _datetime(v)


def _mime(v: str) -> str:
    if not _MIME.match(v):
        raise ValueError(f"not a media type: {v!r}")
    return v


Lang = Annotated[str, AfterValidator(_lang)]
HttpsUrl = Annotated[str, AfterValidator(_https)]
Uri = Annotated[str, AfterValidator(_uri)]
DateTime = Annotated[str, AfterValidator(_datetime)]
Published = Annotated[str, AfterValidator(_date_or_datetime)]
Mime = Annotated[str, AfterValidator(_mime)]
Plain = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Link(_Model):
    """RWPM Link Object."""

    href: HttpsUrl
    type: Mime | None = None
    title: Plain | None = None
    rel: Plain | list[Plain] | None = None
    templated: bool | None = None
    width: Annotated[int, Field(gt=0)] | None = None
    height: Annotated[int, Field(gt=0)] | None = None
    properties: dict[str, object] | None = None
    language: Lang | list[Lang] | None = None
    children: list[Link] | None = None

    def rels(self) -> list[str]:
        return [] if self.rel is None else [self.rel] if isinstance(self.rel, str) else self.rel


class TypedLink(Link):
    type: Mime


class ImageLink(TypedLink):
    width: Annotated[int, Field(gt=0)]
    height: Annotated[int, Field(gt=0)]


class IssuePosition(_Model):
    position: float | int


class Periodical(_Model):
    name: Plain
    identifier: Uri | None = None
    position: float | int | None = None
    issue: IssuePosition | int | None = None


class BelongsTo(_Model):
    magazine: Periodical | None = None
    periodical: Periodical | None = None


class Metadata(_Model):
    """RWPM metadata (also an OPDS publication's metadata)."""

    type: Uri | None = Field(default=None, alias="@type")
    conformsTo: Uri | list[Uri] | None = None
    title: Plain | dict[Lang, Plain]
    description: Plain | None = None
    identifier: Uri
    language: Lang | list[Lang]
    publisher: Plain | None = None
    author: Plain | list[Plain] | None = None
    contributor: Plain | list[Plain] | None = None
    readingProgression: Literal["rtl", "ltr", "auto"] | None = None
    layout: Literal["fixed", "reflowable", "scrolled"] | None = None
    numberOfPages: Annotated[int, Field(gt=0)] | None = None
    modified: DateTime
    published: Published
    belongsTo: BelongsTo | None = None


def _has_rel(links: list[Link] | list[TypedLink], rel: str) -> bool:
    return any(rel in link.rels() for link in links)


def _unique(links: list[Link] | list[TypedLink] | list[ImageLink], what: str) -> None:
    dumped = [link.model_dump_json() for link in links]
    if len(dumped) != len(set(dumped)):
        raise ValueError(f"{what}: items must be unique")


class Manifest(_Model):
    """Readium Web Publication Manifest."""

    context: Uri | list[Uri] = Field(alias="@context")
    metadata: Metadata
    links: list[TypedLink]
    readingOrder: Annotated[list[TypedLink], Field(min_length=1)]
    resources: list[TypedLink] | None = None
    toc: list[TypedLink] | None = None

    @model_validator(mode="after")
    def _rules(self) -> Manifest:
        if not _has_rel(self.links, "self"):
            raise ValueError("links must contain rel=self")
        _unique(self.links, "links")
        _unique(self.readingOrder, "readingOrder")
        _unique(self.resources or [], "resources")
        return self


class DivinaManifest(Manifest):
    readingOrder: Annotated[list[ImageLink], Field(min_length=1)]  # type: ignore[assignment]

    @model_validator(mode="after")
    def _divina(self) -> DivinaManifest:
        conforms = self.metadata.conformsTo
        profiles = [conforms] if isinstance(conforms, str) else conforms or []
        if "https://readium.org/webpub-manifest/profiles/divina" not in profiles:
            raise ValueError("a Divina manifest must conform to the Divina profile")
        if not all(link.type.startswith("image/") for link in self.readingOrder):
            raise ValueError("Divina readingOrder holds only bitmap images")
        return self


class Publication(_Model):
    """OPDS 2.0 publication."""

    metadata: Metadata
    links: Annotated[list[TypedLink], Field(min_length=1)]
    images: Annotated[list[ImageLink], Field(min_length=1)]

    @model_validator(mode="after")
    def _rules(self) -> Publication:
        if not any(set(link.rels()) & ACQUISITION for link in self.links):
            raise ValueError("a publication needs an acquisition link")
        if not any(img.type in COVER_TYPES for img in self.images):
            raise ValueError(f"one image must be one of {sorted(COVER_TYPES)}")
        return self


class FeedMetadata(_Model):
    title: Plain  # a plain string on purpose (Readium Kotlin reads it with toString)
    numberOfItems: Annotated[int, Field(ge=0)] | None = None
    itemsPerPage: Annotated[int, Field(gt=0)] | None = None
    currentPage: Annotated[int, Field(gt=0)] | None = None
    modified: DateTime | None = None


class Group(_Model):
    """OPDS 2.0 group: a titled set of publications (here: the comic editions)."""

    metadata: FeedMetadata
    publications: Annotated[list[Publication], Field(min_length=1)]


class OpdsFeed(_Model):
    """OPDS 2.0 feed: publications or navigation, and groups."""

    metadata: FeedMetadata
    links: Annotated[list[TypedLink], Field(min_length=1)]
    publications: Annotated[list[Publication], Field(min_length=1)] | None = None
    navigation: Annotated[list[TypedLink], Field(min_length=1)] | None = None
    groups: Annotated[list[Group], Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _rules(self) -> OpdsFeed:
        if not _has_rel(self.links, "self"):
            raise ValueError("links must contain rel=self")
        if self.publications is None and self.navigation is None:
            raise ValueError("a feed needs publications or navigation")
        if self.navigation and not all(link.title for link in self.navigation):
            raise ValueError("navigation links need a title")
        _unique(self.links, "links")
        return self
