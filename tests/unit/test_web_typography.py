"""Where a line may not break, and French punctuation (policemag.site.typography)."""

from __future__ import annotations

import pytest

from policemag.i18n import month_name
from policemag.site.finish import finish_content, wrap_tables
from policemag.site.typography import NBSP, NNBSP, typeset, typeset_html

# -- French -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "set_"),
    [
        ("sereinement : nos conseils", f"sereinement{NNBSP}: nos conseils"),
        ("sereinement: nos conseils", f"sereinement{NNBSP}: nos conseils"),
        (f"sereinement{NBSP}: nos conseils", f"sereinement{NNBSP}: nos conseils"),
        ("Par: Claire", f"Par{NNBSP}: Claire"),
        ("Vraiment ? Oui ! Non ; enfin", f"Vraiment{NNBSP}? Oui{NNBSP}! Non{NNBSP}; enfin"),
        ("Quoi ?!", f"Quoi{NNBSP}?!"),
        ("« Attention »", f"«{NNBSP}Attention{NNBSP}»"),
        ("«Attention».", f"«{NNBSP}Attention{NNBSP}»."),
        ("l'arnaque d'aujourd'hui", "l\u2019arnaque d\u2019aujourd\u2019hui"),
        ("10 000 DH", f"10{NNBSP}000{NBSP}DH"),
        ("N° 112", f"N°{NBSP}112"),
    ],
)
def test_french_punctuation_and_no_break_spaces(typed: str, set_: str) -> None:
    assert typeset(typed, "fr") == set_
    assert typeset(set_, "fr") == set_  # idempotent


def test_french_date_stays_on_one_line() -> None:
    november = month_name(11, "fr")
    assert typeset(f"le 15 {november} 2026", "fr") == f"le 15{NBSP}{november}{NBSP}2026"


@pytest.mark.parametrize(
    "untouched",
    ["à 10:30", "https://magazine.police.example/?q=1&p=2", "écrivez à contact@police.example", "ratio 3:1"],
)
def test_times_addresses_and_ratios_are_left_alone(untouched: str) -> None:
    assert typeset(untouched, "fr") == untouched


def test_french_rules_do_not_apply_to_arabic_text() -> None:
    assert typeset("ما العمل؟ اتصل: 19", "ar") == "ما العمل؟ اتصل: 19"


# -- Arabic -----------------------------------------------------------------------------


def test_arabic_issue_number_day_month_and_unit_never_part() -> None:
    june = month_name(6, "ar")
    mashriq = month_name(6, "ar", months="mashriq")
    assert typeset("العدد 99", "ar") == f"العدد{NBSP}99"
    assert typeset("العدد ١١٢", "ar") == f"العدد{NBSP}١١٢"
    assert typeset(f"يوم 20 {june} 2026", "ar") == f"يوم 20{NBSP}{june}{NBSP}2026"
    assert typeset(f"20 {mashriq}", "ar") == f"20{NBSP}{mashriq}"
    assert typeset("على بعد 50 كلم و 20 %", "ar") == f"على بعد 50{NBSP}كلم و 20{NBSP}%"
    # a number alone, or before a word that is no unit, may part
    assert typeset("في 3 مدن", "ar") == "في 3 مدن"


# -- HTML -------------------------------------------------------------------------------


def test_html_text_is_set_in_its_own_language_tags_and_code_untouched() -> None:
    fragment = (
        '<p>العدد 12 <span lang="fr">Par: l\'agent</span></p>'
        '<p lang="fr"><a href="/x?a=1&amp;b=2" title="a : b">voir</a> : <code>a : b</code> &amp; «ok»</p>'
        "<pre>x ; y</pre>"
    )
    out = typeset_html(fragment, "ar")
    assert f"العدد{NBSP}12" in out
    assert f"Par{NNBSP}: l\u2019agent" in out
    assert 'href="/x?a=1&amp;b=2" title="a : b"' in out  # attributes as they were
    assert f"</a>{NNBSP}: <code>a : b</code> &amp; «{NNBSP}ok{NNBSP}»" in out
    assert "<pre>x ; y</pre>" in out
    assert typeset_html(out, "ar") == out


def test_a_space_before_a_colon_after_a_tag_is_made_narrow() -> None:
    out = typeset_html("<li><strong>Visa</strong> : renseignez-vous</li>", "fr")
    assert out == f"<li><strong>Visa</strong>{NNBSP}: renseignez-vous</li>"


def test_tables_get_a_box_of_their_own_once() -> None:
    table = "<table><tr><td>1</td></tr></table>"
    once = wrap_tables(f"<p>a</p>{table}")
    assert once == f'<p>a</p><div class="pm-table" tabindex="0">{table}</div>'
    assert wrap_tables(once) == once
    assert finish_content(once, "fr") == once
