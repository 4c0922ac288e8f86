"""content/smarty.py: smarty's output, without its pass over text it cannot change."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from policemag.content.markdown import EXTENSIONS, extension_configs

STOCK = [("smarty" if name == "policemag.content.smarty" else name) for name in EXTENSIONS]

SAMPLES = [
    "L'école \"ouverte\" -- et la suite... « Bonjour » d'accord 'oui' --- fin.",
    "الأمن أولا. لا شيء هنا يتغير: أرقام 2026 وعلامات ؟ ! ، ؛",
    "**gras 'cité'** et *\"emphase\"* avec `code 'brut' -- ici` puis [lien 'a'](https://x.example/'b')",
    "'80s, '\"mixte\"', \"'inverse'\", 'fin'\n\n> citation \"bloc\" ... suite\n\n- liste 'un'\n- liste -- deux",
    "Titre\n=====\n\n## Sous-titre 'entre' -- tirets\n\n| a 'b' | c |\n|---|---|\n| \"d\" | e... |",
    "Note[^1] 'ici'.\n\n[^1]: La note \"complète\" -- avec... tout.",
    "Texte avec \\\"échappé\\\" et \\'simple\\' et <span>html 'brut'</span> \"après\"",
    "Term\n: définition 'une' -- deux...\n\n*[HTML]: Hyper 'Text'",
    "<<angles>> et >>encore<< -- ----- .... ..",
]


def render(text: str, extensions: list[str]) -> str:
    return str(markdown.markdown(text, extensions=extensions, extension_configs=extension_configs(), output_format="xhtml"))


@pytest.mark.parametrize("text", SAMPLES)
def test_same_html_as_smarty(text: str) -> None:
    assert render(text, EXTENSIONS) == render(text, STOCK)


def test_same_html_as_smarty_on_the_sample_magazine() -> None:
    bodies = sorted(Path(__file__).parents[2].glob("issues/*/*.md"))
    assert bodies
    for path in bodies:
        text = path.read_text(encoding="utf-8")
        assert render(text, EXTENSIONS) == render(text, STOCK), path


def test_quotes_dashes_and_ellipses_are_still_educated() -> None:
    html = render("L'école \"ouverte\" -- et la suite...", EXTENSIONS)
    assert html == "<p>L&rsquo;école &ldquo;ouverte&rdquo; &ndash; et la suite&hellip;</p>"


def test_text_without_quotes_is_not_handed_to_the_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    from markdown.treeprocessors import InlineProcessor

    seen: list[str] = []
    original = InlineProcessor._InlineProcessor__handleInline  # type: ignore[attr-defined]

    def spy(self: InlineProcessor, data: str, patternIndex: int = 0) -> str:
        if self is md.treeprocessors["smarty"]:
            seen.append(data)
        return str(original(self, data, patternIndex))

    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__handleInline", spy)
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=extension_configs())
    md.convert("# الأمن أولا\n\nنص بلا علامات.\n\nL'école.")
    assert seen == ["L'école."]
