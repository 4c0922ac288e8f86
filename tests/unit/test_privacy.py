"""Privacy lint: personal data is reported (W050-W054), intended exceptions are not.

Patterns are tested on single lines; the rest through read_magazine and the CLI on a
copy of tests/sites/minimal, as an editor meets them: ``path:line: CODE`` and a warning
that the ``privacy_errors`` option turns into a blocking error. The same through a whole
build: tests/build/test_privacy.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from tests.conftest import SITES

from policemag.content.magazine import read_magazine
from policemag.content.privacy import find_personal_data, mask

ISSUE = "issues/2026-01-n1"
STATION = f"{ISSUE}/station.md"


@pytest.mark.parametrize(
    ("line", "kind", "found"),
    [
        ("رقم البطاقة الوطنية AB123456 للمشتبه به", "cin", "AB123456"),
        ("CIN: J123456.", "cin", "J123456"),
        ("بطاقة رقم BE 654321", "cin", "BE 654321"),
        ("اتصل بالرقم 0612345678", "phone", "0612345678"),
        ("الهاتف: 06 12 34 56 78", "phone", "06 12 34 56 78"),
        ("Tél. 07-12-34-56-78", "phone", "07-12-34-56-78"),
        ("le 05.22.12.34.56 au bureau", "phone", "05.22.12.34.56"),
        ("+212 6 12 34 56 78", "phone", "+212 6 12 34 56 78"),
        ("+212612345678", "phone", "+212612345678"),
        ("00212 612 345 678", "phone", "00212 612 345 678"),
        ("+33 1 23 45 67 89 à Paris", "phone", "+33 1 23 45 67 89"),
        ("+212 (0)6 12 34 56 78", "phone", "+212 (0)6 12 34 56 78"),
        ("الرقم ٠٦١٢٣٤٥٦٧٨ بالأرقام المشرقية", "phone", "٠٦١٢٣٤٥٦٧٨"),
        ("سيارة تحمل اللوحة 12345-أ-6", "plate", "12345-أ-6"),
        ("اللوحة 12345 | ب | 6", "plate", "12345 | ب | 6"),
        ("اللوحة 6-هـ-12345", "plate", "6-هـ-12345"),
        ("اللوحة 4567/د/33", "plate", "4567/د/33"),
        ("راسلوا karim.b@example.com", "email", "karim.b@example.com"),
        ("[écrire](mailto:x.y+z@mail.example.ma)", "email", "x.y+z@mail.example.ma"),
    ],
)
def test_personal_data_is_found(line: str, kind: str, found: str) -> None:
    assert [(f.kind, f.text) for f in find_personal_data(line)] == [(kind, found)]


@pytest.mark.parametrize(
    "line",
    [
        "اتصلوا بالرقم 19 أو 177 أو 15 أو 150",  # short service numbers
        "الرقم الأخضر 0800 00 40 04 مجاني",  # free number
        "Numéro vert : 0801 00 20 20",  # shared-cost
        "+212 800 00 40 04",
        "صدر في 05.06.2026 10:30 بلاغ",  # a date and a time, not a phone
        "بين 2020 و 2026 ارتفع العدد بنسبة 12 %",
        "بين 5 و 6 أشخاص",  # "and" between numbers is not a plate
        "القانون رقم 103.13 والظهير 1-58-376",
        "IMG12345.jpg DSC_123456",
        "urn:uuid:c2e7c81d-01fb-4cd0-899e-b2a807dbcd0a",
        "2026-06-01T09:00:00+01:00",
        "الحساب @police_ma على الشبكات",
    ],
)
def test_official_numbers_and_ordinary_text_are_not_reported(line: str) -> None:
    assert find_personal_data(line) == []


def test_messages_mask_the_data() -> None:
    assert mask("06 12 34 56 78") == "06 •• •• •• 78"
    assert mask("AB123456") == "AB••••56"


# --- through read_magazine and the CLI --------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "m"
    shutil.copytree(SITES / "minimal", root)
    for name in ("overrides", "pages"):
        (root / name).mkdir()
    text = (SITES.parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert "privacy_errors: true" in text
    # start from warnings: the tests switch the option on themselves
    (root / "mkdocs.yml").write_text(text.replace("privacy_errors: true", "privacy_errors: false"), encoding="utf-8")
    return root


def append(root: Path, rel: str, text: str) -> int:
    """Append ``text`` to a file; return the line number of its first line."""
    path = root / rel
    before = path.read_text(encoding="utf-8")
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def problems(root: Path, privacy_errors: bool = False) -> list[str]:
    _, log = read_magazine(root, privacy_errors=privacy_errors)
    return [f"{e} [{e.severity}]" for e in log]


def test_the_minimal_magazine_has_no_personal_data(repo: Path) -> None:
    assert problems(repo) == []


def test_each_kind_is_a_warning_with_its_line(repo: Path) -> None:
    first = append(repo, STATION, "\nالمشتبه به AB123456 وهاتفه 0612345678.\n\n"
                   "السيارة 12345-أ-6 والبريد suspect@example.com\n")
    assert problems(repo) == [
        f"{STATION}:{first + 1}: W050 'AB••••56' looks like an identity card number:"
        " personal data must not be published (if intended, end the line with <!-- privacy-ok -->"
        " (in YAML: # privacy-ok) or add privacy_ok: [cin]) [warning]",
        f"{STATION}:{first + 1}: W051 '06••••••78' looks like a phone number: personal data"
        " must not be published (if intended, end the line with <!-- privacy-ok -->"
        " (in YAML: # privacy-ok) or add privacy_ok: [phone]) [warning]",
        f"{STATION}:{first + 3}: W052 '12•••-•-6' looks like a licence plate: personal data"
        " must not be published (if intended, end the line with <!-- privacy-ok -->"
        " (in YAML: # privacy-ok) or add privacy_ok: [plate]) [warning]",
        f"{STATION}:{first + 3}: W053 'su•••••@•••••••.•om' looks like an e-mail address:"
        " personal data must not be published (if intended, end the line with <!-- privacy-ok -->"
        " (in YAML: # privacy-ok) or add privacy_ok: [email]) [warning]",
    ]


def test_titles_summaries_and_issue_fields_are_linted(repo: Path) -> None:
    station = repo / STATION
    station.write_text(station.read_text(encoding="utf-8").replace(
        'summary: "افتتاح مركز جديد للشرطة في الحي."', 'summary: "للاتصال 0612345678"'),
        encoding="utf-8")
    issue = repo / ISSUE / "issue.yml"
    issue.write_text(issue.read_text(encoding="utf-8").replace(
        'title: "العدد الأول"', 'title: "العدد الأول AB123456"'), encoding="utf-8")
    assert [p.split(" '")[0] for p in problems(repo)] == [
        f"{ISSUE}/issue.yml:3: W050",
        f"{STATION}:4: W051",
    ]


def test_gps_in_an_image_is_reported_at_its_reference(repo: Path) -> None:
    path = repo / ISSUE / "images" / "station.jpg"
    with Image.open(path) as im:
        exif = im.getexif()
        exif.get_ifd(0x8825).update({1: "N", 2: (33.0, 35.0, 0.0), 3: "W", 4: (7.0, 36.0, 0.0)})
        im.save(path, exif=exif)
    assert [p.split(" '")[0] for p in problems(repo)] == [f"{STATION}:6: W054"]
    text = (repo / STATION).read_text(encoding="utf-8")
    (repo / STATION).write_text(text.replace(
        "image: images/station.jpg", "image: images/station.jpg  # privacy-ok: gps"),
        encoding="utf-8")
    assert problems(repo) == []


def test_front_matter_privacy_ok_allows_the_kinds_it_names(repo: Path) -> None:
    text = (repo / STATION).read_text(encoding="utf-8")
    text = text.replace("section: news", "section: news\nprivacy_ok: [phone]")
    (repo / STATION).write_text(text, encoding="utf-8")
    line = append(repo, STATION, "\nالرقم 0612345678 والبريد a.b@example.com\n") + 1
    assert [p.split(" '")[0] for p in problems(repo)] == [f"{STATION}:{line}: W053"]


def test_front_matter_privacy_ok_rejects_unknown_kinds(repo: Path) -> None:
    text = (repo / STATION).read_text(encoding="utf-8")
    text = text.replace("section: news", "section: news\nprivacy_ok: [phones]")
    (repo / STATION).write_text(text, encoding="utf-8")
    [error] = problems(repo)
    assert error.startswith(f"{STATION}:4: E005 privacy_ok.0: ")


def test_inline_privacy_ok_allows_one_line(repo: Path) -> None:
    line = append(
        repo, STATION,
        "\nخط المساعدة 0537000000 <!-- privacy-ok -->\n"
        "\nالبريد press@example.ma و 0612345678 <!-- privacy-ok: email -->\n"
        "\nوهذا 0712345678\n",
    )
    assert [p.split(" '")[0] for p in problems(repo)] == [
        f"{STATION}:{line + 3}: W051",
        f"{STATION}:{line + 5}: W051",
    ]


def test_privacy_errors_makes_them_errors(repo: Path) -> None:
    append(repo, STATION, "\nالهاتف 0612345678\n")
    assert problems(repo, privacy_errors=True)[0].endswith("[error]")


def enable_privacy_errors(root: Path) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "privacy_errors: false" in text
    config.write_text(text.replace("privacy_errors: false", "privacy_errors: true"), encoding="utf-8")


def test_check_reports_warnings_and_passes_then_fails_with_the_option(
    repo: Path, cli: Callable[..., tuple[int, str]]
) -> None:
    line = append(repo, STATION, "\nالهاتف 0612345678\n") + 1
    status, out = cli(repo, "check")
    assert status == 0
    assert f"{STATION}:{line}: W051 '06••••••78' looks like a phone number" in out
    assert "(warning)" in out
    enable_privacy_errors(repo)
    status, out = cli(repo, "check")
    assert status == 1
    assert f"{STATION}:{line}: W051 " in out and "(warning)" not in out
