import pytest

from medhome.text import plain_text, render_markdown


@pytest.mark.parametrize("dangerous", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="data:text/html,hi">x</a>',
    '<p style="color:red">x</p>',
    '<iframe src="https://evil.example"></iframe>',
])  # fmt: skip
def test_markdown_output_drops_scripts_events_styles_and_odd_links(dangerous):
    html = str(render_markdown(dangerous))
    for banned in ("<script", "onerror", "javascript:", "data:", "style=", "<iframe", "<img"):
        assert banned not in html


def test_markdown_keeps_links_lists_and_headings():
    html = str(
        render_markdown("## Steps\n\n- [AAP](https://www.aap.org)\n- mail [us](mailto:a@b.org)")
    )
    assert "<h2>Steps</h2>" in html
    assert '<a href="https://www.aap.org" rel="noopener noreferrer">AAP</a>' in html
    assert 'href="mailto:a@b.org"' in html


def test_plain_text_strips_markup():
    assert plain_text("**Bold** and [link](https://x.org)") == "Bold and link"
