"""The magazine's settings, one typed object shared by every writer.

The MkDocs plugin fills it from mkdocs.yml (``plugins: - policemag: {...}``); the CLI
and the tests build it directly. Nothing here reads the clock except :func:`build_time`.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from policemag.i18n import DEFAULT_MONTHS, DEFAULT_SECTION_LABELS, MONTH_STYLES, Words, primary


@dataclass(frozen=True)
class SocialAccount:
    """One of the magazine's social accounts: its ``name`` as the network writes it, the
    ``url`` of the account (https only) and, optionally, Material's ``icon`` name
    (``fontawesome/brands/facebook``; by default the lower-case name under brands)."""

    name: str
    url: str
    icon: str = ""


@dataclass(frozen=True)
class Footer:
    """Who publishes the magazine and how to reach them: mkdocs.yml ``footer:``.

    Texts are per language (``{ar: ..., fr: ...}``) or one string for all. ``legal`` is
    the site path of the legal notice page (a page of pages/, e.g. ``legal/``).
    Everything is optional: an empty footer shows the magazine's name only.
    """

    publisher: dict[str, str] = field(default_factory=dict)
    address: dict[str, str] = field(default_factory=dict)
    email: str = ""
    phone: str = ""
    emergency: str = ""
    legal: str = ""
    social: tuple[SocialAccount, ...] = ()

    def text(self, name: str, lang: str) -> str:
        """The ``publisher`` or ``address`` in ``lang``'s primary subtag, else the first given."""
        values: dict[str, str] = getattr(self, name)
        return values.get(primary(lang)) or next(iter(values.values()), "")


_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"\+?[0-9][0-9 .\-]{1,24}")
_PATH = re.compile(r"[a-z0-9][a-z0-9/_\-]*/", re.IGNORECASE)


def _texts(value: Any, name: str) -> dict[str, str]:
    if value in (None, ""):
        return {}
    if isinstance(value, str):
        return {"*": value}
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return {primary(k): v for k, v in value.items()}
    raise ValueError(f"footer.{name}: a text, or texts by language ({{ar: ..., fr: ...}})")


def footer_from(data: Any) -> Footer:
    """A :class:`Footer` from mkdocs.yml's ``footer:`` mapping; ValueError names the bad key.

    >>> footer_from({"email": "x@y.ma", "social": [{"name": "X", "url": "https://x.com/p"}]}).social[0].icon
    ''
    >>> footer_from({"social": [{"name": "X", "url": "javascript:alert(1)"}]})
    Traceback (most recent call last):
    ...
    ValueError: footer.social[0].url: an https:// address
    """
    if data in (None, {}):
        return Footer()
    if not isinstance(data, dict):
        raise ValueError("footer: a mapping (publisher, address, email, phone, emergency, legal, social)")
    unknown = sorted(set(data) - {"publisher", "address", "email", "phone", "emergency", "legal", "social"})
    if unknown:
        raise ValueError(f"footer: unknown key {unknown[0]!r}")
    email, phone, emergency, legal = (str(data.get(k) or "") for k in ("email", "phone", "emergency", "legal"))
    if email and not _EMAIL.fullmatch(email):
        raise ValueError("footer.email: an e-mail address")
    for key, value in (("phone", phone), ("emergency", emergency)):
        if value and not _PHONE.fullmatch(value):
            raise ValueError(f"footer.{key}: a phone number (digits, spaces, + . -)")
    if legal and not _PATH.fullmatch(legal):
        raise ValueError("footer.legal: a site path such as legal/")
    accounts = []
    for n, item in enumerate(data.get("social") or []):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError(f"footer.social[{n}]: a mapping with name and url")
        url = str(item.get("url") or "")
        if not url.startswith("https://") or any(ch in url for ch in " <>\"'"):
            raise ValueError(f"footer.social[{n}].url: an https:// address")
        icon = str(item.get("icon") or "")
        if icon and not re.fullmatch(r"[a-z0-9/-]+", icon):
            raise ValueError(f"footer.social[{n}].icon: a Material icon name")
        accounts.append(SocialAccount(item["name"], url, icon))
    return Footer(
        publisher=_texts(data.get("publisher"), "publisher"),
        address=_texts(data.get("address"), "address"),
        email=email, phone=phone, emergency=emergency, legal=legal, social=tuple(accounts),
    )


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
    #: Arabic month names: ``maghreb`` (as Moroccan institutions write them) or
    #: ``mashriq``; see policemag.i18n.
    months: str = DEFAULT_MONTHS
    now: datetime = field(default_factory=lambda: build_time())
    section_labels: dict[str, dict[str, str]] = field(
        default_factory=lambda: dict(DEFAULT_SECTION_LABELS)
    )
    #: the sections an article may use, declared in mkdocs.yml (``sections:``, slug ->
    #: labels in ar and fr); without a declaration, those of DEFAULT_SECTION_LABELS
    sections: tuple[str, ...] = field(default_factory=lambda: tuple(DEFAULT_SECTION_LABELS))
    cache_dir: Path | None = None
    comic_page_size: tuple[int, int] = (1600, 2400)
    feed_page_size: int = 50
    privacy_errors: bool = False
    search: bool = True
    #: SOURCE_DATE_EPOCH as the caller set it (None: unset). Read once, when the config
    #: is made, so that the sitemap pin of :func:`policemag.build.pin_source_date` does
    #: not move the EPUBs' own dates.
    source_epoch: datetime | None = field(default_factory=lambda: source_date())
    #: ``policemag serve`` only, never an option of mkdocs.yml: a preview, whose pages a
    #: real build would not publish now carry a banner; ``drafts``: drafts are shown
    #: (policemag.preview). A preview is built into a temporary folder, never site/.
    preview: bool = False
    drafts: bool = False
    #: publisher, contact, legal notice and social accounts (mkdocs.yml ``footer:``)
    footer: Footer = field(default_factory=Footer)
    #: the newest issues whose pages get a share image of their own (0: every issue);
    #: older pages show the magazine's (policemag.site.share)
    share_issues: int = 24

    def __post_init__(self) -> None:
        if self.months not in MONTH_STYLES:
            raise ValueError(f"months: {self.months!r} is not one of {', '.join(MONTH_STYLES)}")

    @property
    def words(self) -> Words:
        """Interface words and dates in this magazine's language and month names."""
        return Words(self.lang, self.months)

    @property
    def cache(self) -> Path:
        return self.cache_dir or (self.root / ".cache")

    def section_label(self, section: str, lang: str) -> str:
        """The label of ``section`` in ``lang``'s primary subtag, else in the magazine's
        language, else the slug."""
        labels = self.section_labels.get(section, {})
        return (
            labels.get(primary(lang)) or labels.get(primary(self.lang)) or section.replace("-", " ")
        )

    def url(self, path: str) -> str:
        """Absolute URL of a site path (``"2026-11-n112/"`` -> ``https://.../2026-11-n112/``)."""
        return self.site_url.rstrip("/") + "/" + path.lstrip("/")


#: The ``plugins: - policemag:`` options of mkdocs.yml, each a field of MagazineConfig
#: (the MkDocs adapter declares exactly these, with these defaults).
PLUGIN_OPTIONS = ("title_fr", "description", "feed_page_size", "privacy_errors",
                  "sections", "section_labels", "comic_page_size", "search", "months", "footer",
                  "share_issues")


def option_default(name: str) -> Any:
    """The default of a MagazineConfig field (one place for every default)."""
    f = MagazineConfig.__dataclass_fields__[name]
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return f.default


def config_from_site(root: Path, site: dict[str, Any], options: dict[str, Any]) -> MagazineConfig:
    """The core's settings from mkdocs.yml's site keys (``site_url``, ``site_name``,
    ``site_description``, ``theme.language``) and the plugin's ``options``.

    Used by the MkDocs adapter (with MkDocs' validated config) and by ``policemag check``
    (with :func:`read_site_config`), so both judge content with the same settings.
    """
    known = {k: v for k, v in options.items() if k in PLUGIN_OPTIONS and v is not None}
    declared = sections_from(known.pop("sections", None))
    extra = known.pop("section_labels", None) or {}
    labels = {**DEFAULT_SECTION_LABELS, **declared, **extra}
    known["sections"] = tuple(declared or DEFAULT_SECTION_LABELS) + tuple(k for k in extra if k not in declared)
    if "comic_page_size" in known:
        width, height = known.pop("comic_page_size")
        known["comic_page_size"] = (int(width), int(height))
    if "footer" in known:
        known["footer"] = footer_from(known["footer"])
    if not known.get("description"):
        known["description"] = site.get("site_description") or option_default("description")
    theme = site.get("theme") or {}
    return MagazineConfig(
        root=root,
        site_url=site.get("site_url") or "http://127.0.0.1:8000/",
        title=site.get("site_name") or option_default("title"),
        lang=(theme.get("language") if isinstance(theme, dict) else None) or "ar",
        section_labels=labels,
        **known,
    )


_SECTION_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def sections_from(data: Any) -> dict[str, dict[str, str]]:
    """The sections mkdocs.yml declares (``sections:``: slug -> labels by language, at
    least ``ar`` and ``fr``), in their order; {} when it declares none. ValueError names
    what is wrong.

    >>> sections_from({"news": {"ar": "أخبار", "fr": "Actualités"}})
    {'news': {'ar': 'أخبار', 'fr': 'Actualités'}}
    >>> sections_from({"News": {"ar": "أخبار", "fr": "Actualités"}})
    Traceback (most recent call last):
    ...
    ValueError: sections: 'News' is not a slug (lowercase letters a-z, digits and '-')
    """
    if data in (None, {}):
        return {}
    example = "news: {ar: أخبار, fr: Actualités}"
    if not isinstance(data, dict):
        raise ValueError(f"sections: a mapping of slugs to labels, e.g. {example}")
    out: dict[str, dict[str, str]] = {}
    for slug, labels in data.items():
        if not isinstance(slug, str) or not _SECTION_SLUG.fullmatch(slug):
            raise ValueError(f"sections: {slug!r} is not a slug (lowercase letters a-z, digits and '-')")
        if not isinstance(labels, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in labels.items()
        ):
            raise ValueError(f"sections.{slug}: labels by language, e.g. {example}")
        missing = [lang for lang in ("ar", "fr") if lang not in {primary(k) for k in labels}]
        if missing:
            raise ValueError(f"sections.{slug}: needs a label in {' and '.join(missing)}, e.g. {example}")
        out[slug] = {primary(k): v.strip() for k, v in labels.items()}
    return out


class _SiteLoader(yaml.SafeLoader):
    """mkdocs.yml as data: MkDocs' Python tags (``!!python/name:...``, ``!ENV``) read as
    None, so the settings can be read without importing MkDocs or running any code."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_SiteLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_SiteLoader.add_multi_constructor("!", _ignore_tag)


def read_site_config(root: Path) -> MagazineConfig:
    """The settings a build of ``root`` uses, read from mkdocs.yml without MkDocs
    (defaults when there is no mkdocs.yml).

    Raises ValueError with a one-line ``mkdocs.yml:line: message`` when it is unreadable.
    """
    path = root / "mkdocs.yml"
    if not path.is_file():
        return MagazineConfig(root=root)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SiteLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ValueError(f"mkdocs.yml{line}: {getattr(exc, 'problem', None) or exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"mkdocs.yml: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("mkdocs.yml:1: expected a mapping of settings")
    options: dict[str, Any] = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "policemag" in plugin:
            options = plugin["policemag"] or {}
    if not isinstance(options, dict):
        raise ValueError("mkdocs.yml: the policemag plugin's options must be a mapping")
    try:
        return config_from_site(root, data, options)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"mkdocs.yml: policemag options: {exc}") from None


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
