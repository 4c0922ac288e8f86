"""Interface strings of our own pages, per language, and dates in words."""

from __future__ import annotations

from datetime import date

STRINGS: dict[str, dict[str, str]] = {
    "ar": {
        "issue": "العدد",
        "latest": "العدد الجديد",
        "contents": "محتويات العدد",
        "archive": "أرشيف الأعداد",
        "by": "بقلم",
        "epub": "تحميل العدد بصيغة EPUB",
        "read_issue": "تصفح العدد",
        "section": "باب",
        "search": "البحث",
        "search_label": "ابحث في المجلة",
        "search_go": "ابحث",
        "search_count": "عدد النتائج: {n}",
        "search_none": "لا نتائج لـ «{q}». جرّب كلمة أخرى أو كلمة أقصر.",
        "search_failed": "تعذّر البحث الآن. أعد المحاولة بعد قليل.",
        "search_more": "نتائج أخرى",
        "search_noscript": "يحتاج البحث إلى JavaScript. تصفّح الأعداد من الأرشيف.",
        "comic": "قصة مصورة",
        "home": "الرئيسية",
        "all_issues": "كل الأعداد",
        "theme": "ملف العدد",
        "sections": "الأبواب",
        "in_issue": "في العدد",
        "developers": "لمطوري التطبيقات",
        "newer": "الأحدث",
        "older": "الأقدم",
        "page": "صفحة",
    },
    "fr": {
        "issue": "Numéro",
        "latest": "Le nouveau numéro",
        "contents": "Sommaire",
        "archive": "Archives",
        "by": "Par",
        "epub": "Télécharger le numéro (EPUB)",
        "read_issue": "Lire le numéro",
        "section": "Rubrique",
        "search": "Recherche",
        "search_label": "Rechercher dans la revue",
        "search_go": "Rechercher",
        "search_count": "Résultats : {n}",
        "search_none": "Aucun résultat pour « {q} ». Essayez un autre mot, ou plus court.",
        "search_failed": "La recherche est indisponible. Réessayez dans un instant.",
        "search_more": "Plus de résultats",
        "search_noscript": "La recherche a besoin de JavaScript. Parcourez les numéros dans les archives.",
        "comic": "Bande dessinée",
        "home": "Accueil",
        "all_issues": "Tous les numéros",
        "theme": "Dossier",
        "sections": "Rubriques",
        "in_issue": "Dans le numéro",
        "developers": "Développeurs",
        "newer": "Plus récents",
        "older": "Plus anciens",
        "page": "Page",
    },
}

_MONTHS = {
    "ar": [
        "يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو",
        "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر",
    ],
    "fr": [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ],
}


def t(lang: str, key: str) -> str:
    """An interface string in ``lang`` (falls back to Arabic)."""
    table = STRINGS.get(lang.split("-")[0], STRINGS["ar"])
    return table.get(key, STRINGS["ar"][key])


def format_date(day: date, lang: str) -> str:
    """A date in words.

    >>> format_date(date(2026, 11, 15), "ar"), format_date(date(2026, 11, 15), "fr")
    ('15 نونبر 2026', '15 novembre 2026')
    """
    months = _MONTHS.get(lang.split("-")[0], _MONTHS["ar"])
    return f"{day.day} {months[day.month - 1]} {day.year}"
