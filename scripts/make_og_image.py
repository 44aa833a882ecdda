"""Draw the default sharing image (Open Graph, 1200 x 630) into static/img/og-default.png.

    .venv/bin/python scripts/make_og_image.py

No imaging library: the picture is a few flat shapes in the portal's colours (the
header band, the "MH" mark, the map's three indicators), written as a PNG with zlib.
"""

import struct
import zlib
from pathlib import Path

W, H = 1200, 630
INK_DARK = (0x00, 0x3F, 0x63)  # primary-dark, the header band
WHITE = (0xFF, 0xFF, 0xFF)
SURFACE = (0xF4, 0xF6, 0xF8)
TEAM, PLAN, PROMISE = (0x1E, 0x6B, 0x4E), (0x00, 0x5A, 0x8C), (0x6B, 0x3A, 0x94)
ACCENT = (0xA8, 0x39, 0x1A)

# 5 x 7 letters, one string a row.
LETTERS = {
    "M": ["X...X", "XX.XX", "X.X.X", "X.X.X", "X...X", "X...X", "X...X"],
    "H": ["X...X", "X...X", "X...X", "XXXXX", "X...X", "X...X", "X...X"],
}


def draw() -> bytes:
    pixels = [[INK_DARK] * W for _ in range(H)]

    def rect(x0, y0, x1, y1, colour, shape="square"):
        cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2
        for y in range(max(0, y0), min(H, y1)):
            for x in range(max(0, x0), min(W, x1)):
                if shape == "circle" and (x - cx) ** 2 + (y - cy) ** 2 > r * r:
                    continue
                if shape == "diamond" and abs(x - cx) + abs(y - cy) > r:
                    continue
                pixels[y][x] = colour

    rect(0, 560, W, H, SURFACE)  # the page below the band
    rect(0, 552, W, 560, ACCENT)
    rect(120, 150, 420, 450, WHITE)  # the brand mark
    cell = 22
    for n, letter in enumerate("MH"):
        left = 150 + n * 6 * cell + 9
        for row, bits in enumerate(LETTERS[letter]):
            for col, bit in enumerate(bits):
                if bit == "X":
                    x, y = left + col * cell, 223 + row * cell
                    rect(x, y, x + cell, y + cell, INK_DARK)
    # A tiny tile map: rows of tiles carrying the three indicators.
    for row in range(4):
        for col in range(6):
            x, y = 540 + col * 100, 130 + row * 100
            rect(x, y, x + 88, y + 88, WHITE)
            kind = (row * 6 + col * 5) % 4
            if kind == 0:
                rect(x + 14, y + 46, x + 40, y + 72, TEAM)
            if kind in (0, 1):
                rect(x + 48, y + 46, x + 74, y + 72, PLAN, "circle")
            if kind == 2:
                rect(x + 30, y + 40, x + 62, y + 72, PROMISE, "diamond")
    raw = b"".join(b"\x00" + bytes(c for px in line for c in px) for line in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "static" / "img" / "og-default.png"
    target.write_bytes(draw())
    print(target)
