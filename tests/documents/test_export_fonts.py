"""PDF renders reuse one font configuration per thread instead of loading the fonts anew."""

import threading

from weasyprint.text.fonts import FontConfiguration

from documents.export.pdf import pdf_from_html

PAGE = "<html><body><h1>Ada Lovelace</h1><p>Analytical engines, weaving algebraic patterns.</p></body></html>"


def in_a_new_thread(work):
    results, errors = [], []

    def run():
        try:
            results.append(work())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    assert not errors, errors
    return results[0]


def counting_font_configurations(monkeypatch) -> list:
    made = []
    original = FontConfiguration.__init__

    def counted(self, *args, **kwargs):
        made.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(FontConfiguration, "__init__", counted)
    return made


def test_two_renders_in_a_thread_share_one_font_configuration(monkeypatch):
    made = counting_font_configurations(monkeypatch)
    pdfs = in_a_new_thread(lambda: [pdf_from_html(PAGE), pdf_from_html(PAGE, page_size="Letter")])
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs)
    assert len(made) == 1


def test_each_thread_has_its_own_font_configuration(monkeypatch):
    made = counting_font_configurations(monkeypatch)
    in_a_new_thread(lambda: pdf_from_html(PAGE))
    in_a_new_thread(lambda: pdf_from_html(PAGE))
    assert len(made) == 2
