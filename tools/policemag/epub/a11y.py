"""EPUB Accessibility 1.1 metadata for an issue.

What we claim follows from how the book is made (documents.py): every image has alt
text, comics have a transcript after their pages (longDescription), the nav has a
table of contents and landmarks, headings are structured, the reading order is the
issue's contents order, the text reflows and the stylesheet forces nothing.
"""

from __future__ import annotations

from policemag.i18n import Words

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


def accessibility_metadata(
    lang: str, *, has_comics: bool, certifier: str, words: Words
) -> list[tuple[str, str]]:
    """``(property, value)`` pairs for ``<meta property=...>`` in the OPF, in order.

    ``has_comics`` adds the features only comics bring (longDescription: transcripts).
    ``certifier`` is who stands behind the conformance claim (EPUB Accessibility 1.1
    asks for ``a11y:certifiedBy`` with ``dcterms:conformsTo``): the publisher itself,
    whose build checks every book with epubcheck and Ace.
    """
    features = [
        "alternativeText",
        "ARIA",
        "displayTransformability",
        "readingOrder",
        "structuralNavigation",
        "tableOfContents",
    ]
    if has_comics:
        features.append("longDescription")
    meta: list[tuple[str, str]] = [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),
        # every image has a text alternative, so text alone suffices; so does the
        # combination most readers use
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessModeSufficient", "textual,visual"),
    ]
    meta += [("schema:accessibilityFeature", f) for f in features]
    meta += [
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", words.t(lang, "a11y_summary")),
        ("dcterms:conformsTo", CONFORMS_TO),
        ("a11y:certifiedBy", certifier),
    ]
    return meta
