"""Small files that ask a parser for huge work, built in the tests (nothing big is committed).

Each reproduces one found by probing the upload: a heading line that made the old regex
backtrack for minutes, a PDF whose pages share one content stream of empty text
operators, a DOCX whose XML is tens of megabytes of empty paragraphs, and a DOCX whose ZIP
directory lies about a member's size. Repeated data is compressed once and its deflate
segment repeated (a full flush makes each segment stand alone), so building a gigabyte
bomb takes milliseconds.
"""

import io
import struct
import zipfile
import zlib

from tests.resumes import files

MIB = 1024 * 1024


def text_heading_line_separators() -> bytes:
    """(a) 9 KB: a heading, then 3,000 U+2028 LINE SEPARATORs, then a letter."""
    return ("# Jordan Rivera" + "\u2028" * 3000 + "x\n").encode()


def text_heading_hashes() -> bytes:
    """(a) A heading line of 60,000 `#`."""
    return ("# " + "#" * 60_000 + "x\n").encode()


def pdf_shared_content_stream(*, pages: int = 50, stream_bytes: int = 2 * MIB) -> bytes:
    """(b) ~11 KB: `pages` pages drawing one 2 MB compressed stream of empty `() Tj`."""
    operation = b"() Tj\n"
    content = b"BT /F1 11 Tf 72 760 Td\n" + operation * (stream_bytes // len(operation)) + b"ET\n"
    compressed = zlib.compress(content, 9)
    font = 4 + pages
    kids = " ".join(f"{4 + index} 0 R" for index in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed) + compressed + b"\nendstream",
        *(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents 3 0 R >>" % font
            for _ in range(pages)
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return files.pdf_document(objects)


def _deflate_repeated(head: bytes, block: bytes, times: int, tail: bytes) -> bytes:
    """Raw deflate of head + block * times + tail, compressing `block` only once."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    segment = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush(zlib.Z_FINISH)
    return start + segment * times + end


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP of (name, raw deflate data, declared size, CRC) members, as the directory says."""
    out = io.BytesIO()
    directory = []
    for name, raw, size, crc in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(raw), size, len(encoded), 0)
        )
        out.write(encoded + raw)
        # Signature, versions, flags, method, time, date, CRC, sizes, name length, extra,
        # comment, disk, attributes, and where the local header starts.
        entry = (0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(raw), size, len(encoded), 0, 0, 0, 0, 0, offset)
        directory.append(struct.pack("<IHHHHHHIIIHHHHHII", *entry) + encoded)
    start = out.tell()
    out.write(b"".join(directory))
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), out.tell() - start, start, 0)
    )
    return out.getvalue()


def _docx_with_document(document: tuple[bytes, int, int]) -> bytes:
    """The test resume's DOCX with its `word/document.xml` replaced by (raw deflate, size, CRC)."""
    members = []
    with zipfile.ZipFile(io.BytesIO(files.docx_resume())) as source:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                members.append((info.filename, *document))
                continue
            content = source.read(info.filename)
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            raw = compressor.compress(content) + compressor.flush()
            members.append((info.filename, raw, len(content), zlib.crc32(content)))
    return _zip(members)


_DOCUMENT_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
_DOCUMENT_TAIL = b"</w:body></w:document>"


def docx_empty_paragraphs(*, megabytes: int = 46) -> bytes:
    """(c) ~110 KB: a `word/document.xml` of 46 MB of `<w:p/>`, honestly declared."""
    block = b"<w:p/>" * (MIB // 6)
    size = len(_DOCUMENT_HEAD) + len(block) * megabytes + len(_DOCUMENT_TAIL)
    crc = zlib.crc32(_DOCUMENT_HEAD)
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(_DOCUMENT_TAIL, crc)
    raw = _deflate_repeated(_DOCUMENT_HEAD, block, megabytes, _DOCUMENT_TAIL)
    return _docx_with_document((raw, size, crc))


def docx_lying_size(*, declared: int = 1024, megabytes: int = 1024) -> bytes:
    """(d) ~1 MB: `word/document.xml` declares 1 KB and inflates to 1 GB."""
    raw = _deflate_repeated(_DOCUMENT_HEAD, b" " * MIB, megabytes, _DOCUMENT_TAIL)
    return _docx_with_document((raw, declared, 0))
