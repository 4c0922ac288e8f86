"""Typography of the web edition: where a line may not break, and French punctuation.

French (``fr``), as the Imprimerie nationale sets it:

- a narrow no-break space (U+202F) before ``; : ! ?`` and inside ``« »``, whether the
  editor typed a space, a no-break space or none ("Par:" becomes "Par :");
- curly apostrophes (``l'arnaque`` becomes ``l’arnaque``);
- no break inside a date (a day, its month and its year), after "N°", before a unit ("112 km")
  or between groups of digits ("10 000").

Arabic (``ar``): no break between العدد and its number, a day and its month, a month and
its year, a number and its unit ("50 كلم"). The words come from policemag.i18n
(``NUMBER_WORDS``, ``UNITS``, ``MONTHS``).

Two entry points: :func:`typeset` for a plain string (titles and summaries the build
prints itself), :func:`typeset_html` for rendered HTML, which changes text only:
never a tag or an attribute (URLs stay as they are), never inside ``code``, ``pre``,
``kbd``, ``samp``, ``script``, ``style`` or ``textarea``, and each text in the language of
its nearest ``lang`` attribute. Both are idempotent: typesetting twice changes nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache

from policemag.i18n import MONTHS, NUMBER_WORDS, UNITS, primary

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"
_SPACE = "[ \u00a0\u202f]"  # what an editor may have typed before a punctuation mark
_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
#: Text that must not be touched even in prose: addresses and e-mails.
_URLISH = re.compile(r"\S*(?:://|www\.|@)\S*")


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _months(lang: str) -> tuple[str, ...]:
    styles = MONTHS.get(lang, {})
    return tuple({name for names in styles.values() for name in names})


@cache
def _rules(lang: str) -> tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...]:
    """(pattern, replacement) pairs for ``lang`` (a primary subtag), in order."""
    rules: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = []
    before = _alternatives(NUMBER_WORDS.get(lang, ()))
    units = _alternatives(UNITS.get(lang, ()))
    months = _alternatives(_months(lang))
    end = r"(?![^\W\d_])"  # the word ends here (a letter may not follow)
    if before:
        rules.append((re.compile(rf"(?<![^\W\d_])({before}){_SPACE}+(?={_DIGIT})"), rf"\1{NBSP}"))
    if months:
        rules.append((re.compile(rf"(?<!\d)({_DIGIT}{{1,2}}(?:er)?){_SPACE}+({months}){end}"), rf"\1{NBSP}\2"))
        rules.append((re.compile(rf"({months}){_SPACE}+(?={_DIGIT}{{4}}(?!\d))"), rf"\1{NBSP}"))
    if units:
        rules.append((re.compile(rf"({_DIGIT}){_SPACE}+({units}){end}"), rf"\1{NBSP}\2"))
    if lang == "fr":
        rules += [
            # digit groups: 10 000, 1 250 000
            (re.compile(rf"(?<=\d){_SPACE}(?=\d{{3}}(?!\d))"), NNBSP),
            (re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_]|«)"), "\u2019"),
            (re.compile(r"«\s*"), "«" + NNBSP),
            (re.compile(r"\s*»"), NNBSP + "»"),
            # ; ! ? (and runs such as ?!) after a word, a number or a closing sign
            (re.compile(rf"(?<=[^\s;:!?«(\[/]){_SPACE}?([;!?]+)"), NNBSP + r"\1"),
            # : before a space or the end (not 10:30, not a:b)
            (re.compile(rf"(?<=[^\s;:!?«(\[/]){_SPACE}?:(?=\s|$|[»”)])"), NNBSP + ":"),
        ]
    return tuple(rules)


@cache
def _trigger(lang: str) -> re.Pattern[str]:
    """A character every rule of ``lang`` needs in order to match: a text without one is
    left as it is without running the rules (most Arabic text has no digit). Every
    rule above needs a digit (``_DIGIT`` is a subset of ``\\d``); the French ones also
    fire on an apostrophe, guillemets and ``; ! ? :``."""
    return re.compile(r"[\d'«»;!?:]" if lang == "fr" else r"\d")


def _apply(text: str, lang: str, before: str = "") -> str:
    """``text`` typeset; ``before`` is the character that precedes it (in an earlier text
    node): "<b>Visa</b> : ..." gets its space before the colon made narrow too."""
    code = primary(lang)
    rules = _rules(code)
    if not rules or not text.strip():
        return text
    if _trigger(code).search(before + text) is None:
        return text  # no rule can match (the rules see ``before`` too)
    if "@" not in text and "://" not in text and "www." not in text:
        return _apply_plain(text, rules, before)  # _URLISH cannot match
    # addresses keep their characters: typeset only what lies between them
    out, last = [], 0
    for m in _URLISH.finditer(text):
        out.append(_apply_plain(text[last : m.start()], rules, before))
        out.append(m.group(0))
        before, last = m.group(0)[-1:], m.end()
    out.append(_apply_plain(text[last:], rules, before))
    return "".join(out)


def _apply_plain(
    text: str,
    rules: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...],
    before: str,
) -> str:
    if not text:
        return text
    done = before + text
    for pattern, replacement in rules:
        done = pattern.sub(replacement, done)
    if done.startswith(before):
        return done[len(before) :]
    # a rule changed the character before (it was set already): without it
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def typeset(text: str, lang: str) -> str:
    """``text`` (plain, not HTML) set by the rules of ``lang``.

    >>> "sereinement\\u202f: nos" in typeset("Passer la frontière sereinement : nos conseils", "fr")
    True
    >>> typeset("Par: Claire l'agent", "fr") == "Par\\u202f: Claire l\\u2019agent"
    True
    >>> typeset("« Attention ! »", "fr") == "«\\u202fAttention\\u202f!\\u202f»"
    True
    >>> from policemag.i18n import month_name
    >>> june = month_name(6, "ar")
    >>> typeset(f"العدد 99 صدر في 20 {june} 2026", "ar") == f"العدد\\u00a099 صدر في 20\\u00a0{june}\\u00a02026"
    True
    >>> typeset("https://x.example/?q=1 à 10:30", "fr")
    'https://x.example/?q=1 à 10:30'
    """
    return _apply(text, lang)


#: Elements whose text is code or not prose.
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "var"})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
})  # fmt: skip
_TOKEN = re.compile(r"<!--.*?-->|<(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.DOTALL)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def typeset_html(fragment: str, lang: str) -> str:
    """The HTML ``fragment`` with each text typeset in its own language (``lang`` where
    no element says otherwise); tags, attributes and verbatim elements untouched."""
    # one pass over tags and texts; this loop runs for every token of every page, so
    # the language in force is kept in ``here`` rather than looked up in the stack
    out: list[str] = []
    stack: list[tuple[str, str]] = []  # (tag, lang) of open elements
    here = lang  # the language of the innermost open element (``lang`` when none)
    verbatim = 0
    pos = 0
    before = ""  # the last character of the previous text
    for m in _TOKEN.finditer(fragment):
        start = m.start()
        if start > pos:
            text = fragment[pos:start]
            if verbatim:
                out.append(text)
                before = ""
            elif text.isspace():  # nothing to set (no entity either)
                out.append(text)
                before = text[-1]
            else:
                done = _text(text, here, before)
                out.append(done)
                before = html.unescape(done)[-1:]
        token = m.group(0)
        out.append(token)
        pos = m.end()
        tag = _TAG.match(token)
        if tag is None:  # a comment or a doctype
            continue
        name = tag.group(2).lower()
        if tag.group(1):  # closing: back to where ``name`` was opened, if it was
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    if verbatim:
                        verbatim -= sum(1 for t, _ in stack[i:] if t in _VERBATIM)
                    del stack[i:]
                    here = stack[-1][1] if stack else lang
                    break
            continue
        if name in _VOID or token.endswith("/>"):
            continue
        found = _LANG.search(token)
        if found:
            here = next(v for v in found.groups() if v is not None)
        here = html.unescape(here)
        stack.append((name, here))
        if name in _VERBATIM:
            verbatim += 1
    rest = fragment[pos:]
    if rest:
        out.append(rest if verbatim else _text(rest, here, before))
    return "".join(out)


def _text(raw: str, lang: str, before: str) -> str:
    """One text node: entities decoded, typeset, escaped again (``&``, ``<``, ``>``)."""
    plain = html.unescape(raw)
    done = _apply(plain, lang, before)
    return raw if done == plain else html.escape(done, quote=False)
