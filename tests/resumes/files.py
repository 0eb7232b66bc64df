"""Real resume files built in the tests: DOCX (python-docx), PDF (WeasyPrint and a
hand-written minimal PDF), encrypted and broken variants. The person is fictional."""

import io

NAME = "Jordan Rivera"
CONTACT = "jordan.rivera@example.com | Portland, OR"
SUMMARY = "Backend engineer with seven years of experience building Python services and data pipelines."
BULLETS = [
    "Designed a Django and PostgreSQL order platform handling 2 million orders a month.",
    "Cut API latency by 40% with Redis caching and query tuning.",
]
JOB = "Senior Software Engineer, Northwind Logistics (2020-2025)"
EDUCATION = "B.S. Computer Science, Oregon State University, 2017"
SKILLS = "Python, Django, Flask, PostgreSQL, Redis, Docker, Airflow, AWS"


def docx_resume() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(NAME, style="Title")
    document.add_paragraph(CONTACT)
    document.add_heading("Summary", level=1)
    document.add_paragraph(SUMMARY)
    document.add_heading("Experience", level=1)
    document.add_heading(JOB, level=2)
    for bullet in BULLETS:
        document.add_paragraph(bullet, style="List Bullet")
    # A section title typed as plain text in capitals, as many templates do.
    document.add_paragraph("EDUCATION")
    document.add_paragraph(EDUCATION)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Skills"
    table.cell(0, 1).text = SKILLS
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def weasyprint_pdf_resume() -> bytes:
    from weasyprint import HTML

    bullets = "".join(f"<p>• {bullet}</p>" for bullet in BULLETS)
    html = (
        f"<h1>{NAME}</h1><p>{CONTACT}</p><h2>SUMMARY</h2><p>{SUMMARY}</p>"
        f"<h2>EXPERIENCE</h2><p>{JOB}</p>{bullets}<h2>EDUCATION</h2><p>{EDUCATION}</p>"
        f"<h2>SKILLS</h2><p>{SKILLS}</p>"
    )
    return HTML(string=html).write_pdf()


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF of Helvetica text lines, with a correct cross-reference table."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    operations = [
        "BT",
        "/F1 11 Tf",
        "14 TL",
        "72 760 Td",
        *(f"({escape(line)}) Tj T*" for line in lines),
        "ET",
    ]
    stream = "\n".join(operations).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return pdf_document(objects)


def pdf_document(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (the first is the catalog), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def minimal_pdf_resume() -> bytes:
    return minimal_pdf(
        [
            NAME,
            CONTACT,
            "PROFESSIONAL EXPERIENCE",
            JOB,
            *(f"• {bullet}" for bullet in BULLETS),
            "Education:",
            EDUCATION,
        ]
    )


def encrypted_pdf(*, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(minimal_pdf_resume())))
    # RC4 needs no optional crypto library, in pypdf or here.
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
