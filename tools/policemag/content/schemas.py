"""Schemas of what editors and artists write: issue.yml, article front matter, comic.yml.

One pydantic model per surface; unknown keys are errors (with a "did you mean"), dates
must be real dates, an embargo must carry a timezone. :func:`validate` turns pydantic's
errors into :class:`~policemag.errors.ContentError` values with lines.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from policemag.content.yamlfile import line_of
from policemag.errors import ErrorLog
from policemag.i18n import LANGUAGES, primary

# BCP 47, the common subset: language[-script][-region][-variant]
_BCP47 = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-[a-zA-Z0-9]{5,8})*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# possessive: "<" and a megabyte of spaces must not backtrack over them (quadratic)
_MARKUP = re.compile(r"<\s*+/?\s*+[a-zA-Z!]|javascript:", re.IGNORECASE)
#: The only written forms of dates: YAML would read 2027 as a number and pydantic a
#: number as a Unix timestamp (an embargo of 1970: published at once).
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?"
)
DATE_EXAMPLE = "2027-01-15"
DATETIME_EXAMPLE = "2027-01-15T09:00:00+01:00"


#: Three-letter codes an editor may write for a language that has a two-letter one
#: (BCP 47 takes the shortest).
_LONG_CODES = {"ara": "ar", "fra": "fr", "fre": "fr", "eng": "en", "ber": "ber", "zgh": "zgh"}


def normalise_lang(v: str) -> str:
    """A BCP 47 tag in its usual case (``ar``, ``ar-MA``, ``fr-CA``, ``ar-Arab``...);
    ValueError (an E007 message) when it is not one.

    >>> [normalise_lang(t) for t in ("ar", "AR-ma", "fr-ca", "FR", "ar-arab-ma", "es-419")]
    ['ar', 'ar-MA', 'fr-CA', 'fr', 'ar-Arab-MA', 'es-419']
    >>> normalise_lang("ar_MA")
    Traceback (most recent call last):
    ...
    ValueError: invalid language tag 'ar_MA': BCP 47 separates with '-': write 'ar-MA'
    >>> normalise_lang("fra")
    Traceback (most recent call last):
    ...
    ValueError: invalid language tag 'fra': write 'fr' (the two-letter code)
    """
    tag = v.strip()
    if "_" in tag and _BCP47.match(tag.replace("_", "-")):
        raise ValueError(
            f"invalid language tag {v!r}: BCP 47 separates with '-': write '{normalise_lang(tag.replace('_', '-'))}'"
        )
    if not _BCP47.match(tag):
        raise ValueError(f"invalid language tag {v!r} (BCP 47, e.g. ar, fr, ar-MA)")
    parts = tag.split("-")
    first = parts[0].lower()
    short = _LONG_CODES.get(first, first)
    if short != first:
        raise ValueError(f"invalid language tag {v!r}: write '{short}' (the two-letter code)")
    out = [first]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())  # script: Arab, Latn
        elif len(part) == 2 or part.isdigit():
            out.append(part.upper())  # region: MA, CA, 419
        else:
            out.append(part.lower())
    return "-".join(out)


def _lang(v: str) -> str:
    return normalise_lang(v)


def _ui_lang(v: str) -> str:
    """A tag whose primary language the magazine has interface words for (ar, fr, en):
    issues and articles are framed by them (dates, labels, the reader's menu)."""
    tag = normalise_lang(v)
    if primary(tag) not in LANGUAGES:
        raise ValueError(
            f"language tag {v!r}: the magazine has no interface words in '{primary(tag)}'"
            f" (it has {', '.join(LANGUAGES)}; docs/i18n.md says how to add one)"
        )
    return tag


def _plain(v: str) -> str:
    if _MARKUP.search(v):
        raise ValueError("HTML is not allowed here: write plain text")
    if not v.strip():
        raise ValueError("must not be empty")
    return v.strip()


def _slug(v: str) -> str:
    if not _SLUG.match(v):
        raise ValueError(f"{v!r} is not a slug (lowercase letters, digits, '-')")
    return v


def _shown(v: Any) -> str:
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


def _iso_date(v: Any) -> Any:
    if not isinstance(v, str) or not _ISO_DATE.fullmatch(v):
        raise PydanticCustomError(
            "date_form",
            "write the date as YYYY-MM-DD, e.g. {example} (got {got})",
            {"example": DATE_EXAMPLE, "got": _shown(v)},
        )
    return v


def _iso_datetime(v: Any) -> Any:
    if not isinstance(v, str) or not _ISO_DATETIME.fullmatch(v):
        raise PydanticCustomError(
            "datetime_form",
            "write the date, the time and the timezone, e.g. {example} (got {got})",
            {"example": DATETIME_EXAMPLE, "got": _shown(v)},
        )
    return v


def _decimal(v: Any) -> Any:
    if isinstance(v, str):
        raise PydanticCustomError(
            "decimal_form",
            "write a plain decimal number, e.g. 113, without leading zeros, signs,"
            " '_' or '0x' (got {got})",
            {"got": _shown(v)},
        )
    return v


def _aware(v: datetime) -> datetime:
    if v.tzinfo is None:
        raise ValueError(
            f"needs a timezone: write the date, the time and the offset from UTC, e.g. {DATETIME_EXAMPLE}"
        )
    return v


Lang = Annotated[str, AfterValidator(_lang)]
#: A language of issues and articles: one the interface speaks (i18n.LANGUAGES).
UiLang = Annotated[str, AfterValidator(_ui_lang)]
PlainText = Annotated[str, AfterValidator(_plain)]
Slug = Annotated[str, AfterValidator(_slug)]
AwareDateTime = Annotated[datetime, BeforeValidator(_iso_datetime), AfterValidator(_aware)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Number = Annotated[StrictInt, BeforeValidator(_decimal), Field(ge=1)]
RelPath = Annotated[str, Field(min_length=1)]
#: Kinds of personal data an editor may declare intended (content/privacy.py).
PrivacyKind = Literal["cin", "phone", "plate", "email", "gps"]


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ComicEntry(_Schema):
    comic: Slug


class IssueFile(_Schema):
    """issue.yml"""

    number: Number
    date: IsoDate
    title: PlainText
    theme: PlainText | None = None
    lang: UiLang = "ar"
    cover: RelPath
    cover_alt: PlainText
    contents: list[RelPath | ComicEntry] = Field(min_length=1)
    embargo: AwareDateTime | None = None
    draft: StrictBool = False
    privacy_ok: list[PrivacyKind] = []


class ArticleFrontMatter(_Schema):
    """Front matter of an article."""

    title: PlainText
    section: Slug
    summary: PlainText
    id: Annotated[str, Field(pattern=r"^(urn:uuid:[0-9a-f-]{36}|tag:[^\s]+)$")] | None = None
    authors: list[PlainText] = []
    lang: UiLang | None = None
    image: RelPath | None = None
    image_alt: PlainText | None = None
    image_caption: PlainText | None = None
    image_credit: PlainText | None = None
    embargo: AwareDateTime | None = None
    draft: StrictBool = False
    privacy_ok: list[PrivacyKind] = []


LangText = dict[Lang, PlainText]


class BalloonEntry(_Schema):
    kind: Literal["caption", "speech", "thought", "shout", "sfx"]
    at: tuple[float, float]
    tail: tuple[float, float] | None = None
    by: Slug | None = None  # the speaker: a key of characters
    text: LangText


class HeadEntry(_Schema):
    """A character's head in a panel: balloons keep clear of it, tails stop before it."""

    box: tuple[float, float, float, float]  # left, top, right, bottom
    mouth: tuple[float, float]
    who: Slug | None = None  # a key of characters


class PanelEntry(_Schema):
    art: RelPath
    alt: LangText
    heads: list[HeadEntry] = []
    balloons: list[BalloonEntry] = []


class PageEntry(_Schema):
    layout: list[Annotated[int, Field(ge=1, le=4)]] | None = None
    panels: list[PanelEntry] = Field(min_length=1)


class ComicFile(_Schema):
    """comics/<slug>/comic.yml"""

    title: LangText
    summary: LangText
    lang: Lang = "ar"
    languages: list[Lang] = Field(min_length=1)
    characters: dict[Slug, LangText] = {}  # who speaks: names per language
    pages: list[PageEntry] = Field(min_length=1)


S = TypeVar("S", bound=BaseModel)

_DATE_ERRORS = ("date", "datetime", "timezone")


def validate(schema: type[S], data: Any, path: Path, log: ErrorLog, first_line: int = 1) -> S | None:
    """Validate parsed YAML against ``schema``; on failure log every error and return None."""
    if not isinstance(data, dict):
        log.add(path, first_line, "E005", f"expected a mapping of fields, got {type(data).__name__}")
        return None
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        locs = [_real_loc(data, tuple(e["loc"])) for e in errors]
        for err, loc in zip(errors, locs, strict=True):
            # a union (path or {comic: slug}) reports one error per member: keep the
            # most precise, i.e. drop an error whose location prefixes another's
            if any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs):
                continue
            _log_error(schema, data, path, log, err, loc, first_line)
        return None


def _real_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """pydantic appends union-member names ("str", "ComicEntry") to loc: keep real keys."""
    return tuple(k for k in loc if isinstance(k, int) or not _is_type_name(k))


def _log_error(
    schema: type[BaseModel],
    data: Any,
    path: Path,
    log: ErrorLog,
    err: Any,
    real: tuple[Any, ...],
    first_line: int,
) -> None:
    line = line_of(data, real) or first_line
    field = ".".join(str(k) for k in real) or "(top)"
    kind = err["type"]
    if kind == "extra_forbidden":
        known = _known_fields(schema, real[:-1])
        hint = difflib.get_close_matches(str(real[-1]), known, n=1)
        tip = f" (did you mean '{hint[0]}'?)" if hint else f" (known: {', '.join(sorted(known))})"
        log.add(path, line, "E004", f"unknown field '{real[-1]}'{tip}")
    elif kind == "literal_error" and real and real[-1] == "kind":
        log.add(path, line, "E030", f"{field}: {_msg(err)}")
    elif kind == "missing":
        log.add(path, line, "E003", f"required field '{field}' is missing")
    elif any(k in kind for k in _DATE_ERRORS) or "needs a timezone" in err["msg"]:
        code = "E018" if "needs a timezone" in err["msg"] else "E006"
        log.add(path, line, code, f"{field}: {_msg(err)}")
    elif "language tag" in err["msg"]:
        log.add(path, line, "E007", f"{field}: {_msg(err)}")
    elif "HTML is not allowed" in err["msg"]:
        log.add(path, line, "E017", f"{field}: {_msg(err)}")
    else:
        log.add(path, line, "E005", f"{field}: {_msg(err)}")


def _msg(err: Any) -> str:
    msg = str(err["msg"]).removeprefix("Value error, ")
    given = err.get("input")
    shown = "input" in err and not isinstance(given, dict | list)
    if shown and "(got " not in msg and repr(given) not in msg:
        msg += f" (got {_shown(given)})"
    return msg


def _is_type_name(k: Any) -> bool:
    return isinstance(k, str) and (
        k[:1].isupper() or k in ("str", "int", "float", "bool", "list", "dict", "tuple")
        or k.startswith(("function-", "constrained-", "json-or-python"))
    )


def _known_fields(schema: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    model: Any = schema
    for k in loc:
        if isinstance(k, int):
            continue
        f = model.model_fields.get(k) if hasattr(model, "model_fields") else None
        if f is None:
            break
        model = _inner_model(f.annotation) or model
    return list(getattr(model, "model_fields", {}))


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found:
            return found
    return None
