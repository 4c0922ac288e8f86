"""Captions and credits: what readers see under a picture, apart from its alt text.

The alt text (``![alt](...)``, ``image_alt``) is for screen readers and is never shown
as the caption. A visible caption and a photo credit are written:

* for the lead image, in the front matter: ``image_caption: "..."`` and
  ``image_credit: "..."``;
* for an image in the body, on its own line, as the Markdown image's title, the credit
  after a ``©``: ``![alt](images/x.jpg "Caption © Photographer")``. ``"Caption"`` alone
  is a caption, ``"© Photographer"`` alone a credit.

Every edition shows them as ``<figure>`` with a ``<figcaption>`` (the credit after the
interface's word for it: "تصوير: ..." / "Photo : ..."): the web edition from
:class:`policemag.model.Image` (``caption``, ``credit``), the EPUB and the feed from the
rendered HTML (:func:`figures_html`).
"""

from __future__ import annotations

import html
import re

#: What separates the caption from the credit in an image's title.
CREDIT_MARK = "©"

# nh3 writes every attribute double-quoted with '"' escaped: a regex is safe on its output.
_LONE_IMAGE = re.compile(r"<p>\s*(<img\b[^<>]*?\stitle=\"([^\"]*)\"[^<>]*>)\s*</p>")
_TITLE = re.compile(r"\stitle=\"[^\"]*\"")


def split_title(title: str) -> tuple[str, str]:
    """(caption, credit) of an image title written ``"caption © credit"``.

    >>> split_title("Le poste-frontière à l'aube © Karim B.")
    ("Le poste-frontière à l'aube", 'Karim B.')
    >>> split_title("© Karim B."), split_title("Rush hour"), split_title("")
    (('', 'Karim B.'), ('Rush hour', ''), ('', ''))
    """
    caption, _, credit = title.partition(CREDIT_MARK)
    return " ".join(caption.split()), " ".join(credit.split())


def figcaption_html(caption: str, credit: str, credit_label: str) -> str:
    """``<figcaption>`` of a caption and a credit (escaped), empty when both are."""
    if not caption and not credit:
        return ""
    parts = [f'<span class="caption">{html.escape(caption)}</span>'] if caption else []
    if credit:
        parts.append(f'<span class="credit">{html.escape(credit_label + credit)}</span>')
    return f"<figcaption>{' '.join(parts)}</figcaption>"


def figures_html(fragment: str, credit_label: str) -> str:
    """Sanitised HTML with each image alone in its paragraph and carrying a title made
    a ``<figure>`` with its caption and credit (the title attribute dropped: it would
    repeat them as a tooltip). ``credit_label`` goes before the credit ("تصوير: ").

    >>> figures_html('<p><img src="a.jpg" alt="x" title="Le poste © K. B."></p>', "Photo : ")
    '<figure class="figure"><img src="a.jpg" alt="x"><figcaption><span class="caption">Le poste</span> <span class="credit">Photo : K. B.</span></figcaption></figure>'
    """
    if "title=" not in fragment:
        return fragment

    def figure(m: re.Match[str]) -> str:
        caption, credit = split_title(html.unescape(m.group(2)))
        img = _TITLE.sub("", m.group(1), count=1)
        return f'<figure class="figure">{img}{figcaption_html(caption, credit, credit_label)}</figure>'

    return _LONE_IMAGE.sub(figure, fragment)
