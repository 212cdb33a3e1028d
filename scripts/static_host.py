"""A built site served on loopback the way a static host (GitHub Pages) serves it,
for the browser tests and the page-weight benchmark."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix``; any other address, or a missing file,
    gets the site's root 404.html with status 404, as GitHub Pages does."""

    def __init__(self, *args, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def do_GET(self):
        if not self.path.startswith(self.prefix):
            return self.send_error(404)
        self.path = "/" + self.path[len(self.prefix):]
        return super().do_GET()

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 under ``prefix``; yields the address
    without the prefix (``http://127.0.0.1:PORT``)."""
    handler = functools.partial(StaticHost, directory=str(directory), prefix=prefix)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
