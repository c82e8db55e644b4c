"""Hostile content in a programme cannot make the PDF renderer read files or make requests."""

import base64
import http.server
import threading
import urllib.request

import pytest
import weasyprint

from programme.documents import render as pdf
from programme.documents.document import DocumentKind
from programme.documents.fetcher import STATIC_ORIGIN, BlockedURLError, StaticOnlyURLFetcher
from programme.documents.selectors import programme_document_context
from tests.factories import MeasureFactory

from .pdf_support import raw_streams, reader

# A 1×1 PNG: embedded as an image XObject if anyone loads it.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SECRET = b"HEMLIGT-INNEHALL-4711"


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def secret_files(tmp_path):
    image = tmp_path / "secret.png"
    image.write_bytes(PNG)
    text = tmp_path / "secret.txt"
    text.write_bytes(SECRET)
    return image, text


@pytest.fixture
def file_reads(monkeypatch):
    """Record every file:// URL that urllib would open."""
    opened = []
    original = urllib.request.FileHandler.file_open

    def spy(handler, req):
        opened.append(req.full_url)
        return original(handler, req)

    monkeypatch.setattr(urllib.request.FileHandler, "file_open", spy)
    return opened


def _hostile_html(server: str, image, text) -> str:
    return f"""<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Test</title>
    <link rel="stylesheet" href="{STATIC_ORIGIN}pdf/programme.css">
    <link rel="stylesheet" href="{server}/style.css">
    <link rel="attachment" href="file://{text}" title="hemlig">
    <link rel="attachment" href="file:///etc/hostname">
    <link rel="attachment" href="{server}/attachment.txt">
    <style>
      @import url({server}/import.css);
      body {{ background: url({server}/background.png); }}
      @font-face {{ font-family: X; src: url(file:///etc/passwd); }}
    </style></head><body>
    <h1>Åtgärd</h1>
    <img src="file:///etc/passwd" alt="a">
    <img src="file://{image}" alt="b">
    <img src="{server}/image.png" alt="c">
    <img src="{STATIC_ORIGIN}pdf/../../templates/base.html" alt="d">
    <img src="{STATIC_ORIGIN}fonts/../../manage.py" alt="e">
    <div style="background-image: url('{server}/inline.png')">Stil</div>
    <a href="file:///etc/shadow">länk</a>
    </body></html>"""


def _image_count(content: bytes) -> int:
    count = 0
    for page in reader(content).pages:
        objects = page["/Resources"].get("/XObject", {})
        count += sum(1 for x in objects.values() if x.get_object().get("/Subtype") == "/Image")
    return count


def test_hostile_references_are_neither_read_nor_requested_nor_embedded(
    http_server, secret_files, file_reads
):
    image, text = secret_files
    fetcher = StaticOnlyURLFetcher()

    content, pages = pdf.html_to_pdf(_hostile_html(http_server, image, text), fetcher=fetcher)

    assert pages >= 1 and content.startswith(b"%PDF-")
    assert _Recorder.requests == []
    assert file_reads == []
    assert _image_count(content) == 0
    root = reader(content).trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    assert "/AF" not in root
    assert SECRET not in raw_streams(content)
    assert any("/etc/hostname" in url for url in fetcher.blocked)
    assert any(url.startswith(http_server) for url in fetcher.blocked)


def test_a_data_uri_image_is_embedded_so_the_image_check_can_see_images():
    data = "data:image/png;base64," + base64.b64encode(PNG).decode()
    html = f'<html lang="sv"><body><p>Bild</p><img src="{data}" alt="punkt"></body></html>'
    content, _pages = pdf.html_to_pdf(html)
    assert _image_count(content) == 1


def test_the_default_fetcher_would_have_read_the_file(http_server, secret_files, file_reads):
    # The control experiment: without the restricted fetcher the same HTML leaks.
    image, text = secret_files
    html = _hostile_html(http_server, image, text)
    content = weasyprint.HTML(string=html).write_pdf()
    assert file_reads and _Recorder.requests
    assert SECRET in raw_streams(content)


def test_the_fetcher_serves_only_the_pdf_stylesheet_and_fonts():
    fetcher = StaticOnlyURLFetcher()
    css = fetcher.fetch(f"{STATIC_ORIGIN}pdf/programme.css")
    assert css.content_type == "text/css" and b"@font-face" in css.read()
    font = fetcher.fetch(f"{STATIC_ORIGIN}fonts/open-sans/OpenSans-Regular.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"
    for url in (
        f"{STATIC_ORIGIN}css/app.css",
        f"{STATIC_ORIGIN}pdf/../../manage.py",
        f"{STATIC_ORIGIN}fonts/%2e%2e/%2e%2e/manage.py",
        "file:///etc/passwd",
        "http://127.0.0.1:1/x.png",
        "https://example.org/x.css",
        "ftp://example.org/x",
    ):
        with pytest.raises(BlockedURLError):
            fetcher.fetch(url)


@pytest.mark.django_db
def test_a_measure_description_with_hostile_markup_still_renders_and_leaks_nothing(
    http_server, secret_files, file_reads
):
    image, text = secret_files
    measure = MeasureFactory(
        title="Åtgärd med fientlig text",
        description=(
            f'<p>Text</p><img src="file://{image}"><img src="{http_server}/m.png">'
            f'<link rel="attachment" href="file:///etc/hostname">'
            f'<p style="background: url({http_server}/css.png)">Stil</p>'
            f'<a href="file://{text}">länk</a>'
        ),
    )
    document = programme_document_context(
        programme=measure.section.programme, kind=DocumentKind.DRAFT
    )

    rendered = pdf.document_render(document)

    assert rendered.pages >= 1
    assert _Recorder.requests == []
    assert file_reads == []
    assert _image_count(rendered.content) == 0
    assert SECRET not in raw_streams(rendered.content)
    assert "/EmbeddedFiles" not in reader(rendered.content).trailer["/Root"].get("/Names", {})
