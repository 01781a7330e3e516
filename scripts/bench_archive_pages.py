#!/usr/bin/env python3
"""Article pages with images and stylesheets, for the archive benchmark (loopback only).

Serves N articles at /a/<i> on 127.0.0.1 .. 127.0.0.K (same port): each has navigation, a
footer, about 500 words of text, three images (/img/<i>-<k>.png, 8 to 40 KiB each) and a
stylesheet (/css/<i mod 10>.css) that imports another and names a background image. Every
response waits --latency-ms first, in its own thread. Writes a Netscape bookmark file of the
articles (--bookmarks-out) once it listens, and the port to --port-file. Stops by itself after
--time-limit seconds.
"""

import argparse
import random
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = ("la prise de la bastille forteresse foule parisienne révolution histoire "
         "river garden science engine memory pearl archive library lumière école "
         "voyage lecture journal article network browser texte idée façade").split()
PNG_HEAD = b"\x89PNG\r\n\x1a\n"


def article(i: int) -> bytes:
    rng = random.Random(i)
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(60)) + ".</p>" for _ in range(8))
    images = "".join(f'<img src="/img/{i}-{k}.png" alt="figure {k} of article {i}">' for k in range(3))
    return (f"<!doctype html><html><head><meta charset=utf-8><title>Article {i}</title>"
            f'<link rel="stylesheet" href="/css/{i % 10}.css"><script src="/js/app.js"></script></head>'
            f'<body><nav><a href="/">Home</a> <a href="/about">About</a></nav><article><h1>Article {i}</h1>'
            f"{paragraphs}{images}</article><footer>© the site</footer></body></html>").encode()


def image(name: str) -> bytes:
    rng = random.Random(name)
    return PNG_HEAD + rng.randbytes(rng.randint(8, 40) * 1024)


class Handler(BaseHTTPRequestHandler):
    latency = 0.05

    def log_message(self, *args):
        pass

    def do_GET(self):
        time.sleep(self.latency)
        path = self.path
        if path.startswith("/a/"):
            body, kind = article(int(path[3:])), "text/html; charset=utf-8"
        elif path.startswith("/img/"):
            body, kind = image(path), "image/png"
        elif path == "/css/base.css":
            body, kind = b"body { font: 16px/1.5 serif; color: #222 }", "text/css"
        elif path.startswith("/css/"):
            body, kind = b"@import '/css/base.css';\nh1 { background: url(/img/bg.png) }", "text/css"
        elif path == "/js/app.js":
            body, kind = b"document.body.innerHTML = ''", "text/javascript"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--port-file")
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--hosts", type=int, default=50)
    p.add_argument("--latency-ms", type=float, default=50)
    p.add_argument("--time-limit", type=float, default=600)
    p.add_argument("--bookmarks-out")
    a = p.parse_args()
    Handler.latency = a.latency_ms / 1000
    ThreadingHTTPServer.daemon_threads = True
    socketserver.TCPServer.allow_reuse_address = True
    first = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    port = first.server_address[1]
    servers = [first] + [ThreadingHTTPServer((f"127.0.0.{k}", port), Handler) for k in range(2, a.hosts + 1)]
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    if a.bookmarks_out:
        with open(a.bookmarks_out, "w") as f:
            f.write("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><H3>Articles</H3>\n<DL><p>\n")
            for i in range(a.n):
                f.write(f'<DT><A HREF="http://127.0.0.{i % a.hosts + 1}:{port}/a/{i}">Article {i}</A>\n')
            f.write("</DL><p>\n</DL><p>\n")
    if a.port_file:
        with open(a.port_file, "w") as f:
            f.write(str(port))
    time.sleep(a.time_limit)


if __name__ == "__main__":
    main()
