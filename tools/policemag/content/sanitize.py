"""One allow-list sanitizer for every HTML the build writes (docs/security.md).

Content is untrusted: the lints (E017 and friends) give an editor an early, clear
message; this module is the guarantee. Two entry points:

* :func:`sanitize_fragment` cleans rendered HTML (an article body, a generated page's
  content) with nh3 (ammonia): only allowed elements and attributes survive, no event
  handler, no ``javascript:``/``data:`` URL, and no media that loads from another host.
  ``profile`` picks the allow-list: ``"body"`` for EPUB chapters and feed items,
  ``"web"`` for a web page's content, which also holds the build's own markup (cards,
  the comic viewer's ``data-pm-*`` attributes, the search form).
* :func:`audit_page` checks a whole page as the theme wrote it around that content (head,
  header, footer) and removes whatever could run script or reach another host: a last
  fence against template injection. A clean page is returned byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

import nh3
from lxml import etree, html

Profile = Literal["body", "web"]

_BODY_ATTRS: dict[str, set[str]] = {
    "*": {"dir", "lang", "title", "id", "class"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "ol": {"start"},
    "abbr": {"title"},
    "time": {"datetime"},
}

_WEB_TAGS = {
    "article", "section", "nav", "header", "footer", "figure", "figcaption", "picture",
    "source", "time", "form", "input", "label", "button", "svg", "path", "main", "aside",
}
_WEB_ATTRS: dict[str, set[str]] = {
    "*": {"dir", "lang", "title", "id", "class", "role", "hidden", "tabindex"},
    "a": {"href", "hreflang", "download", "type", "rel"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "fetchpriority"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "form": {"action", "method"},
    "input": {"type", "name", "autocomplete", "enterkeyhint", "placeholder", "value", "dir"},
    "label": {"for"},
    "button": {"type"},
    "svg": {"viewbox", "xmlns", "width", "height", "focusable"},
    "path": {"d", "fill"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "ol": {"start"},
    "abbr": {"title"},
    "time": {"datetime"},
}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
#: Attributes whose value is fetched by the browser when the page loads.
_FETCHED = {"src", "srcset", "poster", "background", "data", "action", "formaction"}
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.IGNORECASE)


def is_remote(url: str) -> bool:
    """True for a URL that names a scheme or a host (``https:``, ``//host``, ``data:``):
    anything a page would fetch from somewhere other than its own site."""
    return bool(_REMOTE.match(url))


def sanitize_fragment(
    fragment: str, profile: Profile = "body", rewrite_src: Callable[[str], str | None] | None = None
) -> str:
    """``fragment`` with only allow-listed markup left (see the module docstring).

    ``rewrite_src`` maps each ``img`` ``src`` that survives (e.g. to an EPUB path);
    None drops the attribute.

    >>> sanitize_fragment('<p onclick="x()">a <script>x()</script><img src="https://e.example/p.gif" alt="p"></p>')
    '<p>a <img alt="p"></p>'
    >>> sanitize_fragment('<a href="jav&#x61;script:x()">a</a>')
    '<a>a</a>'
    """
    attrs = _WEB_ATTRS if profile == "web" else _BODY_ATTRS
    tags = set(nh3.ALLOWED_TAGS) | (_WEB_TAGS if profile == "web" else set())

    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr in _FETCHED and any(is_remote(part) for part in _urls(attr, value)):
            return None  # no page, book or feed item loads media from another host
        if tag == "img" and attr == "src" and rewrite_src is not None:
            return rewrite_src(value)
        return value

    return str(
        nh3.clean(
            fragment,
            tags=tags,
            attributes={k: set(v) for k, v in attrs.items()},
            generic_attribute_prefixes={"data-", "aria-"} if profile == "web" else set(),
            link_rel=None,
            url_schemes=_URL_SCHEMES,
            attribute_filter=keep,
        )
    )


def _urls(attr: str, value: str) -> list[str]:
    if attr == "srcset":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value]


# --------------------------------------------------------------------------- whole pages

_NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
_URL_ATTRS = _FETCHED | {"href", "xlink:href", "{http://www.w3.org/1999/xlink}href", "cite"}
_BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript|data):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def _problems(doc: etree._Element) -> list[tuple[etree._Element, str | None, str]]:
    """(element, attribute or None for the whole element, why) for every unsafe thing,
    in document order."""
    # the page's content (Material's <article>) came from Markdown; head, header,
    # footer and the theme's own inline scripts came from the templates. Which elements
    # are content is found once (lxml keeps one proxy per element while it is
    # referenced, so the set's members are the ones doc.iter() yields)
    content: set[etree._Element] = set()
    for article in doc.iter("article"):
        content.update(article.iter(etree.Element))
    found: list[tuple[etree._Element, str | None, str]] = []
    for el in doc.iter(etree.Element):
        tag = el.tag
        if not isinstance(tag, str) or not tag:
            continue
        in_content = el in content
        if tag in _NEVER:
            found.append((el, None, f"<{tag}>"))
            continue
        if tag == "meta" and el.get("http-equiv") is not None:
            found.append((el, None, "<meta http-equiv>"))
            continue
        if tag == "script":
            kind = (el.get("type") or "").strip().lower()
            src = el.get("src")
            if kind in _SCRIPT_TYPES and src is None:
                if in_content and kind != "application/ld+json":
                    found.append((el, None, "data script in content"))
                continue
            if src is not None and is_remote(src):
                found.append((el, None, "script from another host"))
            elif src is None and in_content:
                found.append((el, None, "inline script in content"))
            continue
        if tag == "style" and in_content:
            found.append((el, None, "<style> in content"))
            continue
        for name, value in el.items():
            key = str(name).lower()
            if key.startswith("on"):
                found.append((el, str(name), "event handler"))
            elif key == "style" and in_content:
                found.append((el, str(name), "style attribute in content"))
            elif key in _URL_ATTRS and _BAD_SCHEME.match(_INVISIBLE.sub("", value)):
                found.append((el, str(name), f"{key}={value[:40]!r}"))
            elif key in _FETCHED and any(is_remote(u) for u in _urls(key, value)):
                found.append((el, str(name), f"{key} on another host"))
            elif tag == "link" and key == "href" and is_remote(value) and (
                el.get("rel") or ""
            ).lower() not in ("canonical", "alternate"):
                found.append((el, str(name), "stylesheet or icon from another host"))
    return found


def audit_page(page: str) -> tuple[str, list[str]]:
    """``page`` with anything that could run script or load another host removed, and
    a description of each removal (empty for a clean page, which is returned as is)."""
    doc = html.document_fromstring(page)
    problems = _problems(doc)
    if not problems:
        return page, []
    for el, attr, _ in problems:
        if attr is None:
            parent = el.getparent()
            if parent is not None:
                el.drop_tree()
        else:
            del el.attrib[attr]
    doctype = "<!doctype html>\n" if page.lstrip().lower().startswith("<!doctype") else ""
    cleaned = doctype + html.tostring(doc, encoding="unicode")
    return cleaned, [why for _, _, why in problems]
