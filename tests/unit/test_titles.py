"""The issue's title: "العدد N" once, then the headline, in the EPUB, OPDS and the feed
(policemag.titles), even when issue.yml's title still starts with the number."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from tests.conftest import SITES
from tests.support.feedmedia import stand_in_media

from policemag.config import MagazineConfig
from policemag.content.magazine import read_magazine
from policemag.feed import build_documents
from policemag.i18n import Words
from policemag.model import Issue
from policemag.titles import creator, headline, issue_label, issue_title

WORDS = Words()


def _issue(title: str, number: int = 112, lang: str = "ar") -> Issue:
    magazine, _ = read_magazine(SITES / "minimal")
    return replace(magazine.issues[0], title=title, number=number, lang=lang)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("العدد 112: أمنك يبدأ من يقظتك", "أمنك يبدأ من يقظتك"),
        ("العدد ١١٢ - أمنك يبدأ من يقظتك", "أمنك يبدأ من يقظتك"),
        ("العدد 112 ، أمنك", "أمنك"),
        ("N° 112 : Votre sécurité", "Votre sécurité"),
        ("Issue 112: Stay alert", "Stay alert"),
        ("أمنك يبدأ من يقظتك", "أمنك يبدأ من يقظتك"),
        ("العدد 1120: عنوان", "العدد 1120: عنوان"),  # another number: not ours to drop
        ("العدد 112", ""),
    ],
)
def test_headline_drops_a_leading_issue_number(title: str, expected: str) -> None:
    assert headline(_issue(title), WORDS) == expected


def test_issue_title_has_the_number_once() -> None:
    assert issue_label(_issue("x"), WORDS) == "العدد 112"
    assert (
        issue_title(_issue("العدد 112: أمنك يبدأ من يقظتك"), WORDS)
        == "العدد 112: أمنك يبدأ من يقظتك"
    )
    assert issue_title(_issue("أمنك يبدأ من يقظتك"), WORDS) == "العدد 112: أمنك يبدأ من يقظتك"
    assert issue_title(_issue("العدد 112"), WORDS) == "العدد 112"
    assert issue_title(_issue("Votre sécurité", lang="fr"), WORDS) == "N° 112 : Votre sécurité"


def test_creator_is_the_editorial_team_in_the_issue_language() -> None:
    config = MagazineConfig(root=SITES / "minimal")
    assert creator(_issue("x"), config) == "هيئة تحرير مجلة الشرطة"
    assert creator(_issue("x", lang="fr"), config) == "Revue de la Police, la rédaction"


def test_no_output_repeats_the_number_with_a_numbered_title() -> None:
    """issue.yml titles that still carry the number (the sample's, before the content
    fix) come out with "العدد N" once in OPDS, the manifest and the feed."""
    magazine, _ = read_magazine(SITES / "feed-basic")
    config = MagazineConfig(root=SITES / "feed-basic", now=datetime(2024, 6, 1, tzinfo=UTC))
    published = magazine.published(config.now)
    numbered = replace(
        published,
        issues=tuple(replace(i, title=f"العدد {i.number}: {i.title}") for i in published.issues),
    )
    docs = build_documents(numbered, config, stand_in_media(numbered, config))
    titles = [p["metadata"]["title"] for p in docs["opds.json"]["publications"]]
    titles += [d["metadata"]["title"] for n, d in docs.items() if n.endswith("-n2/manifest.json")]
    titles += [i["_policemag"]["issue"]["title"] for i in docs["feed.json"]["items"]]
    titles += [a["title"] for i in docs["feed.json"]["items"] for a in i.get("attachments", [])]
    assert titles and all(t.count("العدد 2") + t.count("العدد 1") == 1 for t in titles), titles
    assert "العدد 2: العدد الثاني" in titles
