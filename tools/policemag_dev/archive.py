"""A synthetic archive for the benchmark: N issues x 10 articles, Arabic and French.

Contract of :func:`make_archive`: the same arguments give the same files (every choice
comes from ``random.Random`` seeded with the issue and article numbers); the result is a
magazine repository (issues/, comics/, mkdocs.yml, overrides/, pages/) that
``policemag check`` accepts. Text is for all issues; 12 MP photo-like images only in the
newest ``image_issues`` issues (they are slow to make and to derive, and the image
benchmark needs only a few); older issues share one small cover, as a magazine reusing
its masthead would.
"""

from __future__ import annotations

import os
import random
import shutil
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from policemag_dev.synth import make_photo

# Words of police news, awareness and law; some take و/ب/ل/ال prefixes when generated.
_AR = [
    "الشرطة",
    "الأمن",
    "المواطن",
    "المواطنين",
    "المديرية",
    "الولاية",
    "المدينة",
    "الحي",
    "الشارع",
    "الطريق",
    "السيارة",
    "السائق",
    "الحادث",
    "السلامة",
    "الطرقية",
    "الهاتف",
    "الاحتيال",
    "الرسالة",
    "البنك",
    "الحساب",
    "الرقم",
    "السري",
    "الضحية",
    "المشتبه",
    "التحقيق",
    "النيابة",
    "المحكمة",
    "القانون",
    "المادة",
    "العقوبة",
    "الغرامة",
    "الحماية",
    "المعطيات",
    "الشخصية",
    "الحدود",
    "المسافر",
    "الجواز",
    "التأشيرة",
    "الجمارك",
    "المطار",
    "الميناء",
    "المعبر",
    "الدورية",
    "الليلية",
    "الفرقة",
    "الخاصة",
    "المفتش",
    "الضابط",
    "العميد",
    "الموظف",
    "الموظفة",
    "التكوين",
    "المدرسة",
    "التوظيف",
    "المباراة",
    "المترشح",
    "الشهادة",
    "التكريم",
    "الشجاعة",
    "الإنقاذ",
    "الحريق",
    "الوقاية",
    "المدنية",
    "المخدرات",
    "الشباب",
    "الأسرة",
    "الطفل",
    "الأطفال",
    "المدرسة",
    "الجمعية",
    "الحملة",
    "التوعية",
    "الإعلام",
    "الرقمية",
    "الإلكترونية",
    "الجرائم",
    "المعلوماتية",
    "الشبكة",
    "الإنترنت",
    "الخدمة",
    "الاستقبال",
    "الشكاية",
    "الوثيقة",
    "البطاقة",
    "الوطنية",
    "الإدارة",
    "المصلحة",
    "المركز",
    "القرب",
    "الساكنة",
    "الثقة",
    "التعاون",
    "يوم",
    "أسبوع",
    "شهر",
    "سنة",
    "صباح",
    "مساء",
    "خلال",
    "بعد",
    "قبل",
    "أمام",
    "داخل",
    "خارج",
    "حول",
    "ضد",
    "مع",
    "عند",
    "قال",
    "أكد",
    "أوضح",
    "أعلن",
    "دعا",
    "نبه",
    "شدد",
    "أشار",
    "أفاد",
    "ذكر",
    "تمكن",
    "ساهم",
    "عمل",
    "قام",
    "نظم",
    "استقبل",
    "جديد",
    "كبير",
    "مهم",
    "سريع",
    "آمن",
    "عام",
    "خاص",
    "وطني",
    "محلي",
    "دولي",
    "رسمي",
    "يومي",
    "مستمر",
    "متواصل",
    "عملية",
    "حملة",
    "مراقبة",
    "إجراءات",
    "تدابير",
    "نصائح",
    "إرشادات",
    "معلومات",
    "بلاغ",
    "رقم",
    "مكالمة",
    "شخص",
    "أشخاص",
    "سيدة",
    "رجل",
    "شاب",
    "أسر",
    "عائلة",
    "حي",
    "مدينة",
    "قرية",
    "طريق",
    "شارع",
    "محطة",
    "مركز",
    "يجب",
    "ينبغي",
    "يمكن",
    "لا",
    "لم",
    "لن",
    "قد",
    "كل",
    "بعض",
    "جميع",
    "هذا",
    "هذه",
    "ذلك",
    "التي",
    "الذي",
    "الذين",
]
_AR_PREFIX = ("و", "ب", "ل", "ف", "")
_FR = [
    "la",
    "police",
    "le",
    "commissariat",
    "les",
    "citoyens",
    "la",
    "sécurité",
    "routière",
    "le",
    "conducteur",
    "la",
    "route",
    "le",
    "contrôle",
    "les",
    "documents",
    "le",
    "passeport",
    "la",
    "frontière",
    "les",
    "voyageurs",
    "l'enquête",
    "la",
    "plainte",
    "le",
    "service",
    "l'accueil",
    "les",
    "agents",
    "la",
    "brigade",
    "la",
    "prévention",
    "les",
    "jeunes",
    "les",
    "familles",
    "le",
    "quartier",
    "la",
    "ville",
    "la",
    "région",
    "le",
    "ministère",
    "la",
    "loi",
    "l'article",
    "l'amende",
    "la",
    "protection",
    "des",
    "données",
    "personnelles",
    "le",
    "téléphone",
    "l'arnaque",
    "le",
    "message",
    "la",
    "banque",
    "le",
    "code",
    "secret",
    "la",
    "victime",
    "le",
    "suspect",
    "le",
    "tribunal",
    "le",
    "parquet",
    "une",
    "opération",
    "une",
    "campagne",
    "des",
    "conseils",
    "pour",
    "avec",
    "dans",
    "sans",
    "avant",
    "après",
    "pendant",
    "chaque",
    "tous",
    "nouveau",
    "rapide",
    "important",
    "national",
    "local",
    "public",
    "officiel",
    "annonce",
    "rappelle",
    "précise",
    "souligne",
    "indique",
    "a",
    "été",
    "sont",
    "peuvent",
    "doivent",
    "il",
    "faut",
    "toujours",
    "jamais",
    "aussi",
    "ainsi",
    "donc",
    "mais",
]
SECTIONS = ("news", "awareness", "dossier", "legal", "jobs", "honours")
ARTICLES_PER_ISSUE = 10
WORDS_PER_ARTICLE = 850
PHOTO_SIZE = (4000, 3000)  # 12 MP
COMIC = "phone-scam"


@dataclass(frozen=True)
class Archive:
    """What :func:`make_archive` made: the repository and the 12 MP images in it."""

    root: Path
    issue_ids: tuple[str, ...]  # newest first
    photos: tuple[Path, ...]
    edit_target: Path  # an article of an older issue, for the one-edit build


def _sentence(rng: random.Random, lang: str) -> str:
    n = rng.randint(8, 18)
    if lang == "fr":
        words = [rng.choice(_FR) for _ in range(n)]
        return " ".join(words).capitalize() + rng.choice((".", ".", ".", " ?", " !"))
    words = []
    for _ in range(n):
        w = rng.choice(_AR)
        prefix = rng.choice(_AR_PREFIX)
        words.append(prefix + w if prefix and w.startswith("ال") else w)
    return " ".join(words) + rng.choice((".", ".", ".", "؟", "!"))


def _paragraphs(rng: random.Random, lang: str, words: int) -> list[str]:
    """Markdown blocks (paragraphs, some headings, a list, a quote) of about ``words``."""
    blocks: list[str] = []
    count = 0
    while count < words:
        roll = rng.random()
        if roll < 0.08 and blocks:
            blocks.append("## " + _sentence(rng, lang).rstrip(".؟!? "))
        elif roll < 0.12:
            blocks.append("\n".join("- " + _sentence(rng, lang) for _ in range(3)))
        elif roll < 0.15:
            blocks.append("> " + _sentence(rng, lang))
        else:
            blocks.append(" ".join(_sentence(rng, lang) for _ in range(rng.randint(3, 6))))
        count += len(blocks[-1].split())
    return blocks


def _article(rng: random.Random, number: int, n: int, image: str | None) -> str:
    lang = "fr" if n % 5 == 3 else "ar"
    title = _sentence(rng, lang).rstrip(".؟!? ")[:80]
    summary = _sentence(rng, lang)
    uid = uuid.uuid5(uuid.NAMESPACE_URL, f"policemag-bench:{number}:{n}")
    front = [
        "---",
        f"id: urn:uuid:{uid}",
        f'title: "{title}"',
        f"section: {SECTIONS[(number + n) % len(SECTIONS)]}",
        f'summary: "{summary}"',
        'authors: ["هيئة التحرير"]' if lang == "ar" else 'authors: ["La rédaction"]',
    ]
    if lang == "fr":
        front.append("lang: fr")
    if image:
        front += [f"image: {image}", f'image_alt: "{_sentence(rng, lang)}"']
    return "\n".join([*front, "---", "", *_paragraphs(rng, lang, WORDS_PER_ARTICLE)]) + "\n"


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def make_archive(
    root: Path,
    repo: Path,
    issues: int,
    image_issues: int = 2,
    photos_per_issue: int = 8,
    photo_size: tuple[int, int] = PHOTO_SIZE,
    articles_per_issue: int = ARTICLES_PER_ISSUE,
    cover_size: tuple[int, int] | None = None,
) -> Archive:
    """Write a magazine of ``issues`` issues into ``root`` (which must not exist).

    Site configuration (mkdocs.yml, overrides/, pages/) and the comic come from the
    repository ``repo``. The newest ``image_issues`` issues get a cover and lead images
    at ``photo_size`` (``photos_per_issue`` in all, cover included) and the comic. The
    others share one small cover, or, with ``cover_size``, each has its own photo of
    that size.
    """
    root.mkdir(parents=True)
    for name in ("overrides", "pages"):
        if (repo / name).is_dir():
            shutil.copytree(repo / name, root / name)
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(repo / "comics" / COMIC, root / "comics" / COMIC)
    shared_cover = root / ".shared-cover.jpg"
    make_photo(0, (600, 800), "street").save(shared_cover, quality=85)
    ids: list[str] = []
    photos: list[Path] = []
    scenes = ("street", "border")
    for number in range(issues, 0, -1):  # newest first
        year, month = 2010 + (number - 1) // 12, (number - 1) % 12 + 1
        issue_id = f"{year}-{month:02d}-n{number}"
        folder = root / "issues" / issue_id
        (folder / "images").mkdir(parents=True)
        rng = random.Random(f"issue:{number}")
        with_images = len(ids) < image_issues
        ids.append(issue_id)
        images: list[str] = []
        if with_images:
            for k in range(photos_per_issue):
                path = folder / "images" / f"photo-{number}-{k}.jpg"  # unique stems: the
                # image baselines name their outputs by stem
                make_photo(number * 100 + k, photo_size, scenes[k % 2]).save(path, quality=90)
                photos.append(path)
                images.append(f"images/{path.name}")
            cover = images.pop(0)
        elif cover_size is not None:
            make_photo(number, cover_size, scenes[number % 2]).save(folder / "images" / "cover.jpg", quality=85)
            cover = "images/cover.jpg"
        else:
            _link_or_copy(shared_cover, folder / "images" / "cover.jpg")
            cover = "images/cover.jpg"
        contents = []
        for n in range(articles_per_issue):
            name = f"article-{n + 1:02d}.md"
            image = images[n] if n < len(images) else None
            (folder / name).write_text(_article(rng, number, n, image), encoding="utf-8")
            contents.append(f"  - {name}")
        if with_images and len(ids) == 1:
            contents.insert(2, f"  - comic: {COMIC}")
        (folder / "issue.yml").write_text(
            f"number: {number}\n"
            f"date: {date(year, month, 15).isoformat()}\n"
            f'title: "{_sentence(rng, "ar").rstrip(".؟! ")[:60]}"\n'
            f'theme: "{_sentence(rng, "ar").rstrip(".؟! ")[:60]}"\n'
            "lang: ar\n"
            f"cover: {cover}\n"
            f'cover_alt: "غلاف العدد {number}"\n'
            "contents:\n" + "\n".join(contents) + "\n",
            encoding="utf-8",
        )
    shared_cover.unlink()
    middle = root / "issues" / ids[len(ids) // 2] / "article-05.md"
    return Archive(root, tuple(ids), tuple(photos), middle)
