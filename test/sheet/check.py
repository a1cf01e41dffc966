#!/usr/bin/env python3
"""Checks of the reference sheet's HTML, for test/sheet/run.sh.

  check.py wellformed FILE      every element closed and nested right, no
                                external resource, no script
  check.py rows DOM CODES       the DOM Chromium built (--dump-dom) has one
                                row per code of CODES ("code<TAB>phrase"
                                lines) holding that phrase, and no other row

Prints one line per check, "ok: ..." or "FAILED: ...", and exits 1 when
any check failed.
"""
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}

failures = 0


def report(ok, what):
    global failures
    print(("ok: " if ok else "FAILED: ") + what)
    if not ok:
        failures += 1


class Nesting(HTMLParser):
    """Every non-void element closed, in the right order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags = [], [], {}
        self.external = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name in ("src", "href") or (name == "style" and "url(" in (value or "")):
                self.external.append("%s %s=%r" % (tag, name, value))
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append("end tag of void element </%s> at %s" % (tag, self.getpos()))
        elif not self.stack:
            self.errors.append("</%s> with nothing open at %s" % (tag, self.getpos()))
        elif self.stack[-1][0] != tag:
            open_tag, pos = self.stack[-1]
            self.errors.append("</%s> at %s closes <%s> opened at %s"
                               % (tag, self.getpos(), open_tag, pos))
            # resynchronise on the matching element, if any
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == tag:
                    del self.stack[i:]
                    break
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "style" and ("url(" in data or "@import" in data):
            self.external.append("style sheet loads a resource")


def wellformed(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    p = Nesting()
    p.feed(text)
    p.close()
    unclosed = ["<%s> opened at %s" % (t, pos) for t, pos in p.stack]
    report(not p.errors and not unclosed,
           "every element is closed in order (%d elements)%s"
           % (sum(p.tags.values()), "".join("; " + e for e in p.errors + unclosed)))
    report(text.startswith("<!DOCTYPE html>"), "starts with <!DOCTYPE html>")
    report(p.tags.get("script", 0) == 0 and p.tags.get("link", 0) == 0
           and p.tags.get("img", 0) == 0 and not p.external,
           "self-contained: no script, link, image or external URL%s"
           % "".join("; " + e for e in p.external))
    report(p.tags.get("style", 0) == 1, "one inline style sheet")


class Rows(HTMLParser):
    """The text of each <tr data-code>, and of its phrase's <b>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows = []      # (code, row text, phrase text)
        self.row = None
        self.in_phrase = 0
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-code" in a:
            self.row = {"code": a["data-code"], "text": [], "phrase": []}
        elif self.row is not None and tag == "td" and "phrase" in (a.get("class") or "").split():
            self.in_phrase = 1
        elif self.in_phrase and tag == "b":
            self.in_phrase = 2

    def handle_endtag(self, tag):
        if tag == "b" and self.in_phrase == 2:
            self.in_phrase = 1
        elif tag == "td":
            self.in_phrase = 0
        elif tag == "tr" and self.row is not None:
            self.rows.append((self.row["code"], "".join(self.row["text"]),
                              "".join(self.row["phrase"])))
            self.row = None

    def handle_data(self, data):
        if self.row is not None:
            self.row["text"].append(data)
            if self.in_phrase == 2:
                self.row["phrase"].append(data)


def rows(dom_path, codes_path):
    with open(dom_path, encoding="utf-8") as f:
        dom = f.read()
    with open(codes_path, encoding="utf-8") as f:
        want = [line.rstrip("\n").split("\t", 1) for line in f if line.strip()]
    p = Rows()
    p.feed(dom)
    p.close()
    by_code = {}
    for code, text, phrase in p.rows:
        by_code.setdefault(code, []).append((text, phrase))
    report(len(want) == 77, "the module lists 77 codes (%d)" % len(want))
    report(len(p.rows) == len(want), "the DOM has one row per code (%d rows)" % len(p.rows))
    for code, phrase in want:
        found = by_code.get(code, [])
        ok = len(found) == 1 and found[0][1] == phrase and phrase in found[0][0]
        report(ok, "%s has exactly one row, with phrase %r (%d rows%s)"
               % (code, phrase, len(found),
                  ", phrase %r" % found[0][1] if len(found) == 1 else ""))
    extra = sorted(set(by_code) - {c for c, _ in want})
    report(not extra, "no row for a code the module does not list%s"
           % (": " + ", ".join(extra) if extra else ""))


def main(argv):
    if len(argv) == 3 and argv[1] == "wellformed":
        wellformed(argv[2])
    elif len(argv) == 4 and argv[1] == "rows":
        rows(argv[2], argv[3])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
