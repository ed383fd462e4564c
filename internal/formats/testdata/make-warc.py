#!/usr/bin/env python3
"""Writes crawl.warc and crawl.warc.gz (one gzip member per record): the
invented WARC seed files of internal/formats' tests. Run from this folder."""
import gzip

page = open("page.html", "rb").read()
small = (b"<html><head><title>Second page</title>"
         b'<meta property="article:published_time" content="2020-05-06">'
         b"</head><body><article><p>The second page says that the museum will reopen in May, "
         b"after two years of building work that cost more than planned.</p>"
         b"<p>Visitors will find a new wing for the bronze age collection.</p></article></body></html>")


def http(status, headers, body):
    head = b"HTTP/1.1 " + status + b"\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers) + b"\r\n"
    return head + body


def chunked(body):
    out = b""
    for i in range(0, len(body), 100):
        c = body[i:i + 100]
        out += b"%x\r\n" % len(c) + c + b"\r\n"
    return out + b"0\r\n\r\n"


def record(typ, uri, ctype, block, n):
    h = [b"WARC/1.1", b"WARC-Type: " + typ, b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>" % n,
         b"WARC-Date: 2023-04-13T10:00:00Z"]
    if uri:
        h.append(b"WARC-Target-URI: " + uri)
    h += [b"Content-Type: " + ctype, b"Content-Length: %d" % len(block)]
    return b"\r\n".join(h) + b"\r\n\r\n" + block + b"\r\n\r\n"


recs = [
    record(b"warcinfo", None, b"application/warc-fields", b"software: hand-made\r\nformat: WARC File Format 1.1\r\n", 1),
    record(b"request", b"https://courier.example.org/news/2023/04/ferry-link", b"application/http; msgtype=request",
           b"GET /news/2023/04/ferry-link HTTP/1.1\r\nHost: courier.example.org\r\n\r\n", 2),
    record(b"response", b"https://courier.example.org/news/2023/04/ferry-link", b"application/http; msgtype=response",
           http(b"200 OK", [(b"Content-Type", b"text/html; charset=utf-8"), (b"Content-Encoding", b"gzip")],
                gzip.compress(page, mtime=0)), 3),
    record(b"response", b"https://courier.example.org/logo.png", b"application/http; msgtype=response",
           http(b"200 OK", [(b"Content-Type", b"image/png")], b"\x89PNG\r\n\x1a\nnot really"), 4),
    record(b"response", b"https://courier.example.org/missing", b"application/http; msgtype=response",
           http(b"404 Not Found", [(b"Content-Type", b"text/html")], b"<html><body>gone</body></html>"), 5),
    record(b"response", b"https://museum.example.org/news/reopening", b"application/http; msgtype=response",
           http(b"200 OK", [(b"Content-Type", b"text/html"), (b"Transfer-Encoding", b"chunked")], chunked(small)), 6),
    record(b"metadata", b"https://museum.example.org/news/reopening", b"application/warc-fields", b"via: test\r\n", 7),
]
open("crawl.warc", "wb").write(b"".join(recs))
with open("crawl.warc.gz", "wb") as f:
    for r in recs:
        f.write(gzip.compress(r, mtime=0))
