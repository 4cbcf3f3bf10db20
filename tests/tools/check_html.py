#!/usr/bin/python3
"""Checks that an HTML file is well-formed and self-contained, and prints a JSON summary.

Fails (non-zero exit, message on stderr) on: an end tag that does not match the open element, an
element left open, a stray '<' or '&' that is not markup or a character reference, a duplicate
id, a link to a missing '#id', or anything that would fetch a resource over the network or from
disk (src=/srcset= attributes, <link>, <script src>, <iframe>, <object>, <embed>, CSS url()
or @import other than '#fragment', href that is not a '#fragment').

The summary lists the tags used, the ids, the timeline entry groups (<g class="entry ...">) with
their mark (tag, left edge, width), the classes of their parts, their link target, label and
tooltip, and the sentence anchors.

Usage: check_html.py FILE.html
"""
import json
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FORBIDDEN = {"script", "iframe", "object", "embed", "link", "img", "base", "frame", "audio", "video"}


def fail(msg):
    sys.exit("check_html: " + msg)


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack = []
        self.tags = set()
        self.ids = {}
        self.hrefs = []
        self.entries = []
        self.sentences = []
        self.entry = None
        self.entry_depth = None
        self.in_label = False
        self.in_title = False
        self.text = []
        self.style = []

    def where(self):
        line, col = self.getpos()
        return f"line {line}, column {col + 1}"

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs, selfclosing=False)

    def handle_startendtag(self, tag, attrs):
        self.start(tag, attrs, selfclosing=True)

    def start(self, tag, attrs, selfclosing):
        self.tags.add(tag)
        a = dict(attrs)
        if tag in FORBIDDEN:
            fail(f"{self.where()}: <{tag}> is not allowed in a self-contained page")
        for k, v in attrs:
            if v is None:
                continue
            if k in ("src", "srcset", "data", "poster", "background", "xlink:href"):
                fail(f"{self.where()}: attribute {k}={v!r} loads a resource")
            if k == "href" and not v.startswith("#"):
                fail(f"{self.where()}: href={v!r} leaves the page")
            if k == "style" or k.startswith("marker") or k in ("fill", "stroke", "filter", "clip-path", "mask"):
                for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", v):
                    if not u.startswith("#"):
                        fail(f"{self.where()}: {k} references {u!r}")
        if "id" in a:
            if a["id"] in self.ids:
                fail(f"{self.where()}: duplicate id {a['id']!r}")
            self.ids[a["id"]] = tag
        if "href" in a:
            self.hrefs.append(a["href"])
        cls = (a.get("class") or "").split()
        if tag == "g" and "entry" in cls:
            self.entry = {"id": a.get("id"), "class": cls, "marks": [], "parts": [], "href": None, "label": "",
                          "title": ""}
            self.entry_depth = len(self.stack)
        elif self.entry is not None:
            if tag == "a":
                self.entry["href"] = a.get("href")
            self.entry["parts"].extend(cls)
            if "mark" in cls:
                # left edge and width of the mark in SVG user units
                if tag == "circle":
                    x, w = float(a["cx"]) - float(a["r"]), 2 * float(a["r"])
                else:
                    x, w = float(a.get("x", 0)), float(a.get("width", 0))
                self.entry["marks"].append({"tag": tag, "x": x, "width": w})
            if tag == "text" and "label" in cls:
                self.in_label = True
            if tag == "title":
                self.in_title = True
        if tag == "span" and "sentence" in cls:
            self.sentences.append(a.get("id"))
        if not selfclosing and tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            fail(f"{self.where()}: </{tag}> closes nothing")
        open_tag, pos = self.stack.pop()
        if open_tag != tag:
            fail(f"{self.where()}: </{tag}> closes <{open_tag}> opened at line {pos[0]}")
        if tag == "text":
            self.in_label = False
        if tag == "title":
            self.in_title = False
        if tag == "g" and self.entry is not None and len(self.stack) == self.entry_depth:
            self.entries.append(self.entry)
            self.entry = None

    def handle_data(self, data):
        if "<" in data:
            fail(f"{self.where()}: stray '<' in text")
        if self.stack and self.stack[-1][0] == "style":
            self.style.append(data)
        elif "&" in data:
            fail(f"{self.where()}: unescaped '&' in text")
        self.add_text(data)

    def add_text(self, data):
        """Text as a browser shows it (references decoded)."""
        if self.entry is not None:
            if self.in_label:
                self.entry["label"] += data
            if self.in_title:
                self.entry["title"] += data
        self.text.append(data)

    def handle_entityref(self, name):
        if name not in ("amp", "lt", "gt", "quot", "apos", "nbsp"):
            fail(f"{self.where()}: unknown entity &{name};")
        self.add_text({"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0"}[name])

    def handle_charref(self, name):
        try:
            code = int(name[1:], 16) if name[:1] in ("x", "X") else int(name)
            self.add_text(chr(code))
        except ValueError:
            fail(f"{self.where()}: bad character reference &#{name};")


def main():
    if len(sys.argv) != 2:
        fail("usage: check_html.py FILE.html")
    raw = open(sys.argv[1], "rb").read()
    try:
        src = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"not UTF-8: {e}")
    if not src.lstrip().lower().startswith("<!doctype html>"):
        fail("missing <!DOCTYPE html>")
    c = Checker()
    c.feed(src)
    c.close()
    if c.stack:
        tag, pos = c.stack[-1]
        fail(f"<{tag}> opened at line {pos[0]} is never closed")
    css = "".join(c.style)
    if "@import" in css:
        fail("CSS @import loads a resource")
    for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", css):
        if not u.startswith("#"):
            fail(f"CSS url({u}) loads a resource")
    for h in c.hrefs:
        if h.startswith("#") and h[1:] not in c.ids:
            fail(f"link {h} has no target")
    json.dump({"tags": sorted(c.tags), "ids": sorted(c.ids), "entries": c.entries, "sentences": c.sentences,
               "text": "".join(c.text)}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


main()
