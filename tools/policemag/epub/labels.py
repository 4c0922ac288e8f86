"""The few words the EPUB writes itself, in each edition language.

The book's own language (the issue's) labels the navigation, the title page and the
accessibility summary; an unknown language falls back to Arabic, the magazine's first.
"""

from __future__ import annotations

from datetime import date

LABELS: dict[str, dict[str, str]] = {
    "ar": {
        "cover": "الغلاف",
        "titlepage": "صفحة العنوان",
        "toc": "المحتويات",
        "landmarks": "معالم الكتاب",
        "start": "بداية القراءة",
        "issue": "العدد {n}",
        "page": "الصفحة {n}",
        "panel": "الخانة {n}",  # as policemag.comics names panels
        "transcript": "النص المرافق: {title}",
        "transcript_short": "النص المرافق",
        "comic_page_alt": "{title}، الصفحة {n}",
        "by": "بقلم",
        "summary": (
            "عدد من مجلة الشرطة بالعربية، وفيه مقالات بالفرنسية معلَّمة بلغتها. "
            "للنصوص ترتيب قراءة منطقي وفهرس وعناوين منظمة، ولكل صورة نص بديل. "
            "صفحات القصص المصورة صور بتخطيط ثابت، يليها نص مرافق يصف كل لوحة وينقل "
            "نص فقاعاتها بترتيب القراءة. لا يحتوي الكتاب على مخاطر وميض أو صوت أو حركة."
        ),
    },
    "fr": {
        "cover": "Couverture",
        "titlepage": "Page de titre",
        "toc": "Sommaire",
        "landmarks": "Repères",
        "start": "Début de la lecture",
        "issue": "N° {n}",
        "page": "Page {n}",
        "panel": "Case {n}",
        "transcript": "Transcription : {title}",
        "transcript_short": "Transcription",
        "comic_page_alt": "{title}, page {n}",
        "by": "Par",
        "summary": (
            "Un numéro de la revue de la police. Les textes ont un ordre de lecture "
            "logique, un sommaire et des titres structurés ; chaque image a un texte "
            "de remplacement. Les pages de bande dessinée sont des images en mise en page "
            "fixe, suivies d'une transcription qui décrit chaque case et reprend le texte "
            "des bulles dans l'ordre de lecture. Aucun risque de flash, de son ni de mouvement."
        ),
    },
}

_MONTHS = {
    # Modern Standard Arabic month names, understood across the Arab world.
    "ar": [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}


def labels(lang: str) -> dict[str, str]:
    """Labels for ``lang`` (primary subtag), Arabic when the language is not known."""
    return LABELS.get(lang.split("-")[0].lower(), LABELS["ar"])


def long_date(d: date, lang: str) -> str:
    """``15 يناير 2026`` / ``15 janvier 2026`` (Western digits, as the magazine prints)."""
    months = _MONTHS.get(lang.split("-")[0].lower(), _MONTHS["ar"])
    return f"{d.day} {months[d.month - 1]} {d.year}"
