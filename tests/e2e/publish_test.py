#!/usr/bin/env python3
"""`mdplan publish`: the static site is complete and self-contained.

Every internal link (href, src) of every published HTML page resolves to a
file in the output folder; the folder works from a subpath (no link starts
with '/'); the sitemap lists every page; downloads are there.
"""
import html.parser
import os
import posixpath
import re
import sys
import urllib.parse

from tap import check, fresh_db, mdplan



def run(*args):
    return mdplan(*args, check_rc=False)


fresh_db("pub.db")
run("--db", "pub.db", "import", "plan", os.environ["PLAN"])
run("--db", "pub.db", "import", "followup", os.environ["FOLLOWUP"])
p = run("--db", "pub.db", "publish", "site", "--base-url", "https://example.go.jp/mdplan")
check("publish exits 0", p.returncode == 0, p.stderr)
m = re.search(r"published (\d+) files", p.stdout)
files = []
for d, _, fs in os.walk("site"):
    files += [os.path.join(d, f) for f in fs]
check("publish reports the files it wrote", m and int(m.group(1)) == len(files), p.stdout, len(files))


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "src") and v is not None:
                self.links.append(v)


pages = [f for f in files if f.endswith(".html")]
broken, absolute, checked = [], [], 0
for f in pages:
    parser = Links()
    with open(f, encoding="utf-8") as fh:
        parser.feed(fh.read())
    for link in parser.links:
        u = urllib.parse.urlsplit(link)
        if u.scheme or u.netloc:
            continue
        if link.startswith("/"):
            absolute.append((f, link))
            continue
        if not u.path:
            continue  # "#main"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(f), urllib.parse.unquote(u.path)))
        if u.path.endswith("/"):
            target = posixpath.join(target, "index.html")
        checked += 1
        if not target.startswith("site") or not os.path.isfile(target):
            broken.append((f, link))
check(f"every internal link resolves to a file ({checked} links in {len(pages)} pages)",
      checked > 1000 and not broken, broken[:10])
check("no root-absolute links (works from a subpath)", not absolute, absolute[:5])
check("both languages published", os.path.isfile("site/index.html") and os.path.isfile("site/en/index.html")
      and os.path.isfile("site/en/items/40/index.html"))
for f in ("site/downloads/followup-2025.csv", "site/downloads/followup-2025.xlsx",
          "site/downloads/followup-2025.json", "site/downloads/followup-2025-meti.csv",
          "site/static/mdplan.css"):
    check(f"{f} written", os.path.isfile(f) and os.path.getsize(f) > 100)
with open("site/downloads/followup-2025.csv", "rb") as fh:
    check("published CSV has its BOM", fh.read(3) == b"\xef\xbb\xbf")
with open("site/sitemap.xml", encoding="utf-8") as fh:
    sm = fh.read()
locs = re.findall(r"<loc>(.*?)</loc>", sm)
check("sitemap lists every page with the base URL",
      len(locs) == len(pages) and all(l.startswith("https://example.go.jp/mdplan/") for l in locs),
      len(locs), len(pages))
items = [f for f in pages if re.fullmatch(r"site/items/\d+/index.html", f)]
check("a page per action item", len(items) == 60, len(items))

# The published page is the page the server renders.
with open("site/goals/3/index.html", encoding="utf-8") as fh:
    check("published goal page has its content", "ゴール3" in fh.read())

p = run("--db", "pub.db", "publish")
check("publish without a folder: exit 2", p.returncode == 2)
open("afile", "w").close()
p = run("--db", "pub.db", "publish", "afile/sub")
check("publish into a file: exit 1 with the path", p.returncode == 1 and "afile" in p.stderr, p.returncode, p.stderr)
sys.exit(0)
