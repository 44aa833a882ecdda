"""Small, valid PDF files written from our own text, for the demo content's downloads.

No dependency: a letter-size page, the PDF core fonts Helvetica and Helvetica-Bold
(WinAnsi encoding, which covers English and Spanish), text wrapped by the fonts'
published character widths. The same text gives the same bytes, so loading the demo
twice finds nothing to change.
"""

import re
from dataclasses import dataclass

PAGE_W, PAGE_H = 612, 792  # US letter, in points
MARGIN = 72
TEXT_W = PAGE_W - 2 * MARGIN

# Helvetica advance widths (per 1000 em) from the Adobe core font metrics, for the
# printable ASCII range; other characters use the width of "n" (accented letters
# share their base letter's width, close enough for wrapping).
_HELVETICA = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
        "abcdefghijklmnopqrstuvwxyz{|}~",
        [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278]
        + [556] * 10
        + [278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278]
        + [500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667]
        + [611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222]
        + [222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500]
        + [500, 334, 260, 334, 584],
        strict=True,
    )
)


def text_width(text: str, size: float, bold: bool = False) -> float:
    factor = 1.06 if bold else 1.0  # Helvetica-Bold is slightly wider
    return sum(_HELVETICA.get(ch, 556) for ch in text) * size / 1000 * factor


def wrap(text: str, size: float, width: float = TEXT_W, bold: bool = False) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


@dataclass
class Block:
    text: str
    size: float = 11
    bold: bool = False
    bullet: bool = False
    space_before: float = 6


def blocks_from_markdown(text: str) -> list[Block]:
    """Paragraphs and "- " bullets from the small Markdown our content uses."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text or ""):
        for line in chunk.splitlines() if chunk.lstrip().startswith("-") else [chunk]:
            plain = re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m.group(1) or m.group(2), line)
            plain = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", plain).strip()
            if not plain:
                continue
            if plain.startswith(("- ", "* ")):
                blocks.append(Block(plain[2:], bullet=True, space_before=2))
            elif plain.startswith("#"):
                blocks.append(Block(plain.lstrip("# "), size=13, bold=True, space_before=10))
            else:
                blocks.append(Block(" ".join(plain.split())))
    return blocks


def _escape(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(title: str, blocks: list[Block], footer: str, lang: str = "en") -> bytes:
    """A PDF with a bold title, the blocks, and a footer line on every page."""
    pages: list[list[bytes]] = [[]]
    y: float = PAGE_H - MARGIN

    def put(line: str, x: float, size: float, bold: bool) -> None:
        font = b"/F2" if bold else b"/F1"
        pages[-1].append(
            b"BT " + font + b" %g Tf %g %g Td (" % (size, x, y) + _escape(line) + b") Tj ET"
        )

    for block in [Block(title, size=18, bold=True, space_before=0), *blocks]:
        indent = 14 if block.bullet else 0
        lines = wrap(block.text, block.size, TEXT_W - indent, block.bold)
        leading = block.size * 1.35
        y -= block.space_before
        for number, line in enumerate(lines):
            if y - leading < MARGIN + 24:
                pages.append([])
                y = PAGE_H - MARGIN
            y -= leading
            if block.bullet and number == 0:
                put("\u2022", MARGIN + 2, block.size, False)
            put(line, MARGIN + indent, block.size, block.bold)

    objects: list[bytes] = []  # object n is objects[n - 1]
    objects.append(b"")  # 1: catalog, filled in below
    objects.append(b"")  # 2: page tree, filled in below
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    objects.append(b"<< /Title (" + _escape(title) + b") /Producer (Medical Home Portal demo) >>")
    kids = []
    for index, ops in enumerate(pages, start=1):
        page_footer = f"{footer}  ·  {index}/{len(pages)}"
        ops = [
            *ops,
            b"BT /F1 8 Tf %g %g Td (" % (MARGIN, MARGIN - 24) + _escape(page_footer) + b") Tj ET",
        ]
        stream = b"\n".join(ops)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_ref = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (PAGE_W, PAGE_H, content_ref)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R /Lang (" + lang.encode() + b") >>"
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
