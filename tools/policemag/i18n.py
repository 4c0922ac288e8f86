"""Every word the build writes itself, in every edition: interface strings, section
labels, language names, month names, numbers and dates.

The web pages, the EPUB, the comics (page alt texts, transcript, guided view), the search
index and the feeds all take their words from here, so the same thing is said the same
way everywhere. Nothing here reads a global setting: the two settings that change words,
the magazine's language (where a missing word is taken from) and the month names
(``maghreb`` or ``mashriq``), are passed in, usually as ``config.words``
(:class:`Words`).

Adding a string: add the key to every language of :data:`STRINGS` (a test fails when a
language lacks one). Adding a language: copy one language's block, translate it, add its
month names to :data:`MONTHS`, its name to :data:`LANGUAGE_NAMES` and its labels to
:data:`DEFAULT_SECTION_LABELS` (docs/i18n.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

#: The magazine's first language: the fallback when nothing else is known.
DEFAULT_LANG = "ar"

MonthStyle = Literal["maghreb", "mashriq"]
#: ``months:`` values: Maghreb month names (as Moroccan institutions write them) or
#: Mashriq ones; they differ only in Arabic.
MONTH_STYLES: tuple[str, ...] = get_args(MonthStyle)
DEFAULT_MONTHS: MonthStyle = "maghreb"

#: Interface strings by language (primary subtag), then key. ``{name}`` fields are
#: filled by :func:`t`; ``search_count``/``search_none`` are filled by search.js.
STRINGS: dict[str, dict[str, str]] = {
    "ar": {
        # web pages and navigation
        "issue": "العدد",
        "latest": "العدد الجديد",
        "contents": "محتويات العدد",
        "archive": "أرشيف الأعداد",
        "by": "بقلم",
        "epub": "تحميل العدد بصيغة EPUB",
        "search": "البحث",
        "search_label": "ابحث في المجلة",
        "search_go": "ابحث",
        "search_count": "عدد النتائج: {n}",
        "search_none": "لا نتائج لـ «{q}». جرّب كلمة أخرى أو كلمة أقصر.",
        "search_failed": "تعذّر البحث الآن. أعد المحاولة بعد قليل.",
        "search_more": "نتائج أخرى",
        "search_noscript": "يحتاج البحث إلى JavaScript. تصفّح الأعداد من الأرشيف.",
        # the preview of policemag serve (never in a published page)
        "preview_draft": "مسودة: هذه الصفحة لن تُنشر ما دامت مسودة",
        "preview_embargo": "محظور النشر حتى {when}",
        "preview_error_title": "تعذّر بناء المعاينة",
        "preview_error_hint": "صحّح ما يلي واحفظ الملف: تتحدّث الصفحة من تلقاء نفسها.",
        "preview_building": "جارٍ بناء المعاينة… تتحدّث الصفحة من تلقاء نفسها.",
        "comic": "قصة مصورة",
        "home": "الرئيسية",
        "all_issues": "كل الأعداد",
        "theme": "ملف العدد",
        "sections": "الأبواب",
        "developers": "لمطوري التطبيقات",
        "newer": "الأحدث",
        "older": "الأقدم",
        "page": "صفحة",
        # the reader's web edition: front page, article navigation, sharing, footer, 404
        "previous_issues": "الأعداد السابقة",
        "sections_bar": "أبواب المجلة",
        "read_issue": "تصفّح العدد",
        "next_article": "التالي",
        "previous_article": "السابق",
        "article_nav": "التنقل في العدد",
        "back_to_issue": "كل محتويات {issue}",
        "more_from": "المزيد من {section}",
        "share": "شارك",
        "share_label": "شارك هذه الصفحة",
        "share_email": "البريد الإلكتروني",
        "publisher": "الناشر",
        "contact": "اتصل بنا",
        "phone": "الهاتف",
        "email": "البريد الإلكتروني",
        "emergency": "النجدة",
        "legal": "الإشعار القانوني",
        "follow": "تابعونا",
        "about": "عن المجلة",
        "masthead_home": "{magazine}، الصفحة الرئيسية",
        "not_found": "الصفحة غير موجودة",
        "not_found_text": "ربما تغيّر عنوان هذه الصفحة أو لم يعد منشورًا. ابحث في المجلة أو عد إلى الصفحة الرئيسية.",
        "back_home": "العودة إلى الصفحة الرئيسية",
        "credit": "تصوير",
        # comics: web page, transcript, page alt texts (EPUB too)
        "page_n": "الصفحة {n}",
        "page_of": "الصفحة {n} من {total}",
        "panel_n": "الخانة {n}",
        "transcript": "النص الكامل للقصة",
        "comic_other": "اقرأ أيضاً بـ",
        "comic_alt_more": "النص الكامل في التفريغ أسفله",
        "comic_guided": "خانة بخانة",
        "comic_pages": "صفحات القصة",
        "comic_next": "الخانة التالية",
        "comic_prev": "الخانة السابقة",
        "comic_close": "إغلاق",
        # shown when the edition reads the other way than the original
        "comic_order_rtl": "تُقرأ هذه القصة من اليمين إلى اليسار كالأصل: اتبع أرقام الخانات.",
        "comic_order_ltr": "تُقرأ هذه القصة من اليسار إلى اليمين كالأصل: اتبع أرقام الخانات.",
        "kind_caption": "تعليق",
        "kind_speech": "كلام",
        "kind_thought": "تفكير",
        "kind_shout": "صراخ",
        "kind_sfx": "صوت",
        # a balloon's speaker in the transcript and the page alt texts
        "comic_speech_by": "{speaker}",
        "comic_thought_by": "{speaker} (تفكير)",
        "comic_shout_by": "{speaker} (صراخ)",
        "panel_of": "الخانة {n} من {total}",
        # EPUB
        "cover": "الغلاف",
        "titlepage": "صفحة العنوان",
        "toc": "المحتويات",
        "landmarks": "معالم الكتاب",
        "start": "بداية القراءة",
        "issue_n": "العدد {n}",
        "epub_transcript": "النص المرافق: {title}",
        "transcript_short": "النص المرافق",
        "comic_page_title": "{title}، الصفحة {n}",
        # who made the issue (EPUB dc:creator, OPDS author) and the designed cover's alt
        "editorial_team": "هيئة تحرير {magazine}",
        "cover_of": "غلاف {magazine}",
        "in_this_issue": "في هذا العدد",
        "photo": "الصورة",
        "a11y_summary": (
            "عدد من مجلة الشرطة بالعربية، وفيه مقالات بالفرنسية معلَّمة بلغتها. "
            "للنصوص ترتيب قراءة منطقي وفهرس وعناوين منظمة، ولكل صورة نص بديل. "
            "صفحات القصص المصورة صور بتخطيط ثابت، يليها نص مرافق يصف كل لوحة وينقل "
            "نص فقاعاتها بترتيب القراءة. لا يحتوي الكتاب على مخاطر وميض أو صوت أو حركة."
        ),
        # punctuation around labels and quotations
        "colon": ": ",
        "comma": "، ",
        "semicolon": "؛ ",
        "quote_open": "«",
        "quote_close": "»",
    },
    "fr": {
        "issue": "Numéro",
        "latest": "Le nouveau numéro",
        "contents": "Sommaire",
        "archive": "Archives",
        "by": "Par",
        "epub": "Télécharger le numéro (EPUB)",
        "search": "Recherche",
        "search_label": "Rechercher dans la revue",
        "search_go": "Rechercher",
        "search_count": "Résultats : {n}",
        "search_none": "Aucun résultat pour « {q} ». Essayez un autre mot, ou plus court.",
        "search_failed": "La recherche est indisponible. Réessayez dans un instant.",
        "search_more": "Plus de résultats",
        "search_noscript": "La recherche a besoin de JavaScript. Parcourez les numéros dans les archives.",
        "preview_draft": "Brouillon : cette page ne sera pas publiée tant qu’elle est un brouillon",
        "preview_embargo": "Sous embargo jusqu’au {when}",
        "preview_error_title": "L’aperçu n’a pas pu être construit",
        "preview_error_hint": "Corrigez ce qui suit et enregistrez le fichier : la page se recharge d’elle-même.",
        "preview_building": "Construction de l’aperçu… La page se recharge d’elle-même.",
        "comic": "Bande dessinée",
        "home": "Accueil",
        "all_issues": "Tous les numéros",
        "theme": "Dossier",
        "sections": "Rubriques",
        "developers": "Développeurs",
        "newer": "Plus récents",
        "older": "Plus anciens",
        "page": "Page",
        "previous_issues": "Numéros précédents",
        "sections_bar": "Rubriques de la revue",
        "read_issue": "Lire le numéro",
        "next_article": "Suivant",
        "previous_article": "Précédent",
        "article_nav": "Dans ce numéro",
        "back_to_issue": "Tout le sommaire du {issue}",
        "more_from": "Plus dans la rubrique {section}",
        "share": "Partager",
        "share_label": "Partager cette page",
        "share_email": "E-mail",
        "publisher": "Éditeur",
        "contact": "Contact",
        "phone": "Téléphone",
        "email": "E-mail",
        "emergency": "Police secours",
        "legal": "Mentions légales",
        "follow": "Suivez-nous",
        "about": "À propos",
        "masthead_home": "{magazine}, accueil",
        "not_found": "Page introuvable",
        "not_found_text": "Cette page a peut-être changé d’adresse ou n’est plus publiée. Cherchez dans la revue ou revenez à l’accueil.",
        "back_home": "Retour à l’accueil",
        "credit": "Photo",
        "page_n": "Page {n}",
        "page_of": "Page {n} sur {total}",
        "panel_n": "Case {n}",
        "transcript": "Transcription",
        "comic_other": "Lire aussi en",
        "comic_alt_more": "texte complet dans la transcription ci-dessous",
        "comic_guided": "Case par case",
        "comic_pages": "Pages de la bande dessinée",
        "comic_next": "Case suivante",
        "comic_prev": "Case précédente",
        "comic_close": "Fermer",
        "comic_order_rtl": "Cette bande dessinée se lit de droite à gauche, comme l'original : "
        "suivez les numéros des cases.",
        "comic_order_ltr": "Cette bande dessinée se lit de gauche à droite, comme l'original : "
        "suivez les numéros des cases.",
        "kind_caption": "Récitatif",
        "kind_speech": "Bulle",
        "kind_thought": "Pensée",
        "kind_shout": "Cri",
        "kind_sfx": "Bruitage",
        "comic_speech_by": "{speaker}",
        "comic_thought_by": "{speaker} (pensée)",
        "comic_shout_by": "{speaker} (cri)",
        "panel_of": "Case {n} sur {total}",
        "cover": "Couverture",
        "titlepage": "Page de titre",
        "toc": "Sommaire",
        "landmarks": "Repères",
        "start": "Début de la lecture",
        "issue_n": "N° {n}",
        "epub_transcript": "Transcription : {title}",
        "transcript_short": "Transcription",
        "comic_page_title": "{title}, page {n}",
        "editorial_team": "{magazine}, la rédaction",
        "cover_of": "Couverture : {magazine}",
        "in_this_issue": "Dans ce numéro",
        "photo": "Photo",
        "a11y_summary": (
            "Un numéro de la revue de la police. Les textes ont un ordre de lecture "
            "logique, un sommaire et des titres structurés ; chaque image a un texte "
            "de remplacement. Les pages de bande dessinée sont des images en mise en page "
            "fixe, suivies d'une transcription qui décrit chaque case et reprend le texte "
            "des bulles dans l'ordre de lecture. Aucun risque de flash, de son ni de mouvement."
        ),
        "colon": " : ",
        "comma": ", ",
        "semicolon": "\u00a0; ",
        # French sets its guillemets off with no-break spaces
        "quote_open": "«\u00a0",
        "quote_close": "\u00a0»",
    },
    # for comic editions lettered in English (readers include tourists)
    "en": {
        "issue": "Issue",
        "latest": "The new issue",
        "contents": "Contents",
        "archive": "Archive",
        "by": "By",
        "epub": "Download the issue (EPUB)",
        "search": "Search",
        "search_label": "Search the magazine",
        "search_go": "Search",
        "search_count": "Results: {n}",
        "search_none": "No results for “{q}”. Try another word, or a shorter one.",
        "search_failed": "Search is unavailable right now. Try again in a moment.",
        "search_more": "More results",
        "search_noscript": "Search needs JavaScript. Browse the issues in the archive.",
        "preview_draft": "Draft: this page will not be published while it is a draft",
        "preview_embargo": "Under embargo until {when}",
        "preview_error_title": "The preview could not be built",
        "preview_error_hint": "Fix what follows and save the file: the page reloads by itself.",
        "preview_building": "Building the preview… The page reloads by itself.",
        "comic": "Comic",
        "home": "Home",
        "all_issues": "All issues",
        "theme": "In focus",
        "sections": "Sections",
        "developers": "App developers",
        "newer": "Newer",
        "older": "Older",
        "page": "Page",
        "previous_issues": "Previous issues",
        "sections_bar": "Magazine sections",
        "read_issue": "Read the issue",
        "next_article": "Next",
        "previous_article": "Previous",
        "article_nav": "In this issue",
        "back_to_issue": "All of {issue}",
        "more_from": "More in {section}",
        "share": "Share",
        "share_label": "Share this page",
        "share_email": "Email",
        "publisher": "Publisher",
        "contact": "Contact",
        "phone": "Phone",
        "email": "Email",
        "emergency": "Police emergency",
        "legal": "Legal notice",
        "follow": "Follow us",
        "about": "About",
        "masthead_home": "{magazine}, home page",
        "not_found": "Page not found",
        "not_found_text": "This page may have moved or is no longer published. Search the magazine or go back to the home page.",
        "back_home": "Back to the home page",
        "credit": "Photo",
        "page_n": "Page {n}",
        "page_of": "Page {n} of {total}",
        "panel_n": "Panel {n}",
        "transcript": "Transcript",
        "comic_other": "Also in",
        "comic_alt_more": "full text in the transcript below",
        "comic_guided": "Panel by panel",
        "comic_pages": "Comic pages",
        "comic_next": "Next panel",
        "comic_prev": "Previous panel",
        "comic_close": "Close",
        "comic_order_rtl": "This comic reads right to left, like the original: follow the panel numbers.",
        "comic_order_ltr": "This comic reads left to right, like the original: follow the panel numbers.",
        "kind_caption": "Caption",
        "kind_speech": "Speech",
        "kind_thought": "Thought",
        "kind_shout": "Shout",
        "kind_sfx": "Sound",
        "comic_speech_by": "{speaker}",
        "comic_thought_by": "{speaker} (thinking)",
        "comic_shout_by": "{speaker} (shouting)",
        "panel_of": "Panel {n} of {total}",
        "cover": "Cover",
        "titlepage": "Title page",
        "toc": "Contents",
        "landmarks": "Landmarks",
        "start": "Start of reading",
        "issue_n": "Issue {n}",
        "epub_transcript": "Transcript: {title}",
        "transcript_short": "Transcript",
        "comic_page_title": "{title}, page {n}",
        "editorial_team": "{magazine} editorial team",
        "cover_of": "Cover of {magazine}",
        "in_this_issue": "In this issue",
        "photo": "Photo",
        "a11y_summary": (
            "An issue of the police magazine. The texts have a logical reading order, a "
            "table of contents and structured headings; every image has a text alternative. "
            "Comic pages are fixed-layout images, each followed by a transcript that "
            "describes every panel and gives the text of its balloons in reading order. "
            "No flashing, sound or motion hazards."
        ),
        "colon": ": ",
        "comma": ", ",
        "semicolon": "; ",
        "quote_open": "“",
        "quote_close": "”",
    },
}

#: The languages the build writes its own words in.
LANGUAGES: tuple[str, ...] = tuple(STRINGS)

#: Each language's name in itself (links to other language editions).
LANGUAGE_NAMES: dict[str, str] = {"ar": "العربية", "fr": "Français", "en": "English"}

#: Section labels when mkdocs.yml declares none (``section_labels:`` merges over these).
DEFAULT_SECTION_LABELS: dict[str, dict[str, str]] = {
    "news": {"ar": "أخبار", "fr": "Actualités", "en": "News"},
    "awareness": {"ar": "توعية", "fr": "Prévention", "en": "Prevention"},
    "dossier": {"ar": "ملف العدد", "fr": "Dossier", "en": "In focus"},
    "legal": {"ar": "قانون", "fr": "Droit", "en": "The law"},
    "jobs": {"ar": "مباريات وتوظيف", "fr": "Concours et emplois", "en": "Recruitment"},
    "honours": {"ar": "تكريم", "fr": "Distinctions", "en": "Honours"},
    "comics": {"ar": "قصص مصورة", "fr": "Bandes dessinées", "en": "Comics"},
}

#: Words a number is never separated from by a line break, before it ("العدد 112",
#: "N° 112"); used by the web edition's typography (policemag.site.typography).
NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    "ar": ("العدد", "عدد", "رقم", "الرقم", "المادة", "الفصل", "الصفحة", "سنة", "عام", "الساعة"),
    "fr": ("N°", "n°", "numéro", "Numéro", "art.", "article", "page", "p."),
    "en": ("No.", "no.", "Issue", "issue", "page", "p."),
}

#: Units a number keeps on its line, after it ("50 كلم", "112 km", "20 %").
UNITS: dict[str, tuple[str, ...]] = {
    "ar": (
        "كلم", "كم", "متر", "أمتار", "م", "كلغ", "كغ", "غرام", "لتر", "درهم", "دراهم", "أورو",
        "يورو", "دولار", "ثانية", "ثوان", "دقيقة", "دقائق", "ساعة", "ساعات", "يوم", "يوما",
        "يومًا", "أيام", "أسبوع", "أسابيع", "شهر", "شهرا", "شهرًا", "أشهر", "سنة", "سنوات",
        "عاما", "عامًا", "أعوام", "ألف", "آلاف", "مليون", "ملايين", "مليار", "%", "٪",
    ),
    "fr": (
        "km", "m", "cm", "kg", "g", "l", "h", "min", "s", "€", "DH", "MAD", "dirhams", "euros",
        "%", "ans", "mois", "jours", "heures", "minutes", "semaines", "millions", "milliards",
    ),
    "en": ("km", "m", "kg", "h", "min", "%", "MAD", "€"),
}  # fmt: skip

_FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# as Moroccan (and Algerian, Tunisian) institutions write them
_MAGHREB_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو",
    "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر",
)  # fmt: skip
# as Egypt and the Gulf write them
_MASHRIQ_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip

#: Month names by language and style (``months:``); only Arabic has two.
MONTHS: dict[str, dict[str, tuple[str, ...]]] = {
    "ar": {"maghreb": _MAGHREB_MONTHS, "mashriq": _MASHRIQ_MONTHS},
    "fr": {"maghreb": _FRENCH_MONTHS, "mashriq": _FRENCH_MONTHS},
    "en": {"maghreb": _ENGLISH_MONTHS, "mashriq": _ENGLISH_MONTHS},
}


def primary(lang: str) -> str:
    """The primary subtag of a BCP 47 tag, lower case.

    >>> primary("ar-MA"), primary("fr-CA"), primary("FR"), primary("fr_BE")
    ('ar', 'fr', 'fr', 'fr')
    """
    return lang.replace("_", "-").split("-")[0].strip().lower()


def ui_lang(lang: str, fallback: str = DEFAULT_LANG) -> str:
    """The language our words are written in for ``lang``: its primary subtag when we
    have its words, else the magazine's language ``fallback`` (never English).

    >>> ui_lang("ar-MA"), ui_lang("FR"), ui_lang("es"), ui_lang("es", fallback="fr-FR")
    ('ar', 'fr', 'ar', 'fr')
    """
    for candidate in (primary(lang), primary(fallback)):
        if candidate in STRINGS:
            return candidate
    return DEFAULT_LANG


def format_number(n: int, lang: str) -> str:
    """A number as the magazine prints it in every language: Western digits, no
    grouping (issue 112, page 3, year 2026), as Moroccan institutions write them.

    >>> format_number(112, "ar"), format_number(2026, "fr")
    ('112', '2026')
    """
    return str(n)


def t(lang: str, key: str, *, fallback: str = DEFAULT_LANG, **fields: object) -> str:
    """The interface string ``key`` in ``lang`` (primary subtag; a language we have no
    words for, or a key it lacks, takes the magazine's language ``fallback``, then
    Arabic). ``fields`` fill its ``{name}`` placeholders (numbers by
    :func:`format_number`). An unknown key raises KeyError.

    >>> t("fr-CA", "issue_n", n=7), t("es", "issue_n", n=7), t("es", "issue_n", fallback="fr", n=7)
    ('N° 7', 'العدد 7', 'N° 7')
    """
    ui = ui_lang(lang, fallback)
    text = STRINGS[ui].get(key)
    if text is None:
        text = STRINGS[ui_lang(fallback)].get(key) or STRINGS[DEFAULT_LANG][key]
    if not fields:
        return text
    values = {k: format_number(v, ui) if isinstance(v, int) else v for k, v in fields.items()}
    return text.format(**values)


def month_name(
    month: int, lang: str, *, months: str = DEFAULT_MONTHS, fallback: str = DEFAULT_LANG
) -> str:
    """The name of ``month`` (1-12) in ``lang``, Maghreb or Mashriq names for Arabic."""
    if months not in MONTH_STYLES:
        raise ValueError(f"months: {months!r} is not one of {', '.join(MONTH_STYLES)}")
    return MONTHS[ui_lang(lang, fallback)][months][month - 1]


def format_date(
    day: date, lang: str, *, months: str = DEFAULT_MONTHS, fallback: str = DEFAULT_LANG
) -> str:
    """A date in words, the same on the web, in the EPUB and wherever else it is printed.

    >>> d = date(2026, 11, 15)
    >>> format_date(d, "ar"), format_date(d, "ar-MA", months="mashriq"), format_date(d, "fr")
    ('15 نونبر 2026', '15 نوفمبر 2026', '15 novembre 2026')
    """
    ui = ui_lang(lang, fallback)
    name = month_name(day.month, ui, months=months)
    return f"{format_number(day.day, ui)} {name} {format_number(day.year, ui)}"


def language_name(lang: str) -> str:
    """A language's name in itself (``fr`` -> ``Français``); the tag when unknown."""
    return LANGUAGE_NAMES.get(primary(lang), lang)


@dataclass(frozen=True)
class Words:
    """The words of one magazine: :func:`t` and :func:`format_date` with its language
    (the fallback) and its month names. ``MagazineConfig.words`` makes one."""

    lang: str = DEFAULT_LANG
    months: str = DEFAULT_MONTHS

    def __post_init__(self) -> None:
        if self.months not in MONTH_STYLES:
            raise ValueError(f"months: {self.months!r} is not one of {', '.join(MONTH_STYLES)}")

    def t(self, lang: str, key: str, **fields: object) -> str:
        """:func:`t` with this magazine's language as the fallback."""
        return t(lang, key, fallback=self.lang, **fields)

    def date(self, day: date, lang: str) -> str:
        """:func:`format_date` with this magazine's month names and fallback."""
        return format_date(day, lang, months=self.months, fallback=self.lang)

    def ui_lang(self, lang: str) -> str:
        """:func:`ui_lang` with this magazine's language as the fallback."""
        return ui_lang(lang, self.lang)
