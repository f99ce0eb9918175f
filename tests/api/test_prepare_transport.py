"""``prepare_transport`` does on a worker thread what the first request would do on the
event loop (at startup the GUI thread): afterwards a first request imports nothing."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import asyncio, sys, threading
from http.server import BaseHTTPRequestHandler, HTTPServer

class Answer(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass

server = HTTPServer(("127.0.0.1", 0), Answer)
threading.Thread(target=server.serve_forever, daemon=True).start()

import httpx
from smsc_desktop.api.client import prepare_transport, shared_tls_context

thread = threading.Thread(target=prepare_transport)
thread.start()
thread.join()
before = set(sys.modules)

async def first_request():
    async with httpx.AsyncClient(verify=shared_tls_context()) as client:
        answer = await client.get(f"http://127.0.0.1:{server.server_port}/")
        assert answer.status_code == 200

asyncio.run(first_request())
new = sorted(set(sys.modules) - before)
assert not new, new
"""


def test_a_first_request_imports_nothing_after_prepare_transport() -> None:
    subprocess.run([sys.executable, "-c", CODE], check=True, timeout=60)
