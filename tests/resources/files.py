"""Small but real documents for upload tests: a PDF, OLE2 (old Office) and OOXML files."""

import io
import struct
import zipfile

import pypdf
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def pdf(extra: bytes = b"", javascript: bool = False) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if javascript:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hi');"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = action
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue() + extra


def _dir_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00" if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1 if name else 0)
        + struct.pack("<III", NO_STREAM, NO_STREAM, child)
        + b"\x00" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\x00" * 16  # created, modified
        + struct.pack("<IQ", start, size)
    )


def ole2(stream: str = "WordDocument") -> bytes:
    """A minimal sound compound file: a FAT sector, a directory sector and one 4 KiB stream."""
    data_sectors = 8  # 4096 bytes: large enough to live outside the mini stream
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    fat = [FAT_SECTOR, END, *range(3, 2 + data_sectors), END]
    fat += [FREE] * (128 - len(fat))
    directory = (
        _dir_entry("Root Entry", 5, 1, END, 0)
        + _dir_entry(stream, 2, NO_STREAM, 2, 4096)
        + _dir_entry("", 0, NO_STREAM, 0, 0) * 2
    )
    return header + struct.pack("<128I", *fat) + directory + b"\x01" * 4096


def ooxml(main_type: str, members: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override PartName="/x" ContentType="{main_type}"/></Types>',
        )
        package.writestr("word/document.xml", "<w:document><w:body/></w:document>")
        for name, text in (members or {}).items():
            package.writestr(name, text)
    return buffer.getvalue()
