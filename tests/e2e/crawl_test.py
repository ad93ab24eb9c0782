#!/usr/bin/env python3
"""Links that always work: a crawl of the whole site on the real server.

Starts from / and /en/, each with and without ?lang=en, follows every
same-site href and src (a, link, img, script, form actions) of every HTML
page it reaches, and fetches every page found both as it is and with
?lang=en added. Every link must answer 200 (no redirect, no error), and a
link with a #fragment must find that id on its page. Bounded: at most
MAX_FETCHES requests.

Prints "ok N - name" / "not ok N - name" lines for tests/run.sh.
"""
import html.parser
import os
import sys
import urllib.parse

from tap import Server, check, fresh_db, mdplan, write_fy2024

PLAN = os.environ["PLAN"]
FOLLOWUP = os.environ["FOLLOWUP"]
DATA = os.path.join(os.environ["top"], "data")
MAX_FETCHES = 6000

# two fiscal years, so that the pages comparing years are linked
write_fy2024(FOLLOWUP, "followup-r6.tsv")
fresh_db("crawl.db")
mdplan("--db", "crawl.db", "import", "plan", PLAN)
mdplan("--db", "crawl.db", "import", "followup", "followup-r6.tsv")
mdplan("--db", "crawl.db", "import", "followup", FOLLOWUP)
mdplan("--db", "crawl.db", "import", "indicator-defs", os.path.join(DATA, "indicator-defs.csv"))
mdplan("--db", "crawl.db", "import", "indicators", os.path.join(DATA, "indicators.csv"))
srv = Server("crawl.db")
site = f"http://127.0.0.1:{srv.port}"


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ("id", "name") if tag == "a" else ("id",):
            if a.get(k):
                self.ids.add(a[k])
        for k in ("href", "src", "action"):
            if a.get(k) is not None and tag in ("a", "link", "img", "script", "form", "area"):
                self.links.append(a[k])


def with_lang(url):
    u = urllib.parse.urlsplit(url)
    q = urllib.parse.parse_qsl(u.query, keep_blank_values=True)
    if ("lang", "en") in q:
        return None
    return urllib.parse.urlunsplit(u._replace(query=urllib.parse.urlencode(q + [("lang", "en")]), fragment=""))


pages = {}        # url -> set of ids (HTML pages that answered 200)
status = {}       # url -> status
referrers = {}    # url -> the first page that linked to it
fragments = []    # (page, link, target url, fragment)
external = set()
queue = [site + p for p in ("/", "/en/", "/?lang=en", "/en/?lang=en")]
for q in queue:
    referrers[q] = "(start)"
fetches = 0
while queue and fetches < MAX_FETCHES:
    url = queue.pop(0)
    if url in status:
        continue
    path = url[len(site):]
    st, hdrs, body = srv.get(path)
    fetches += 1
    status[url] = st
    if st != 200 or not hdrs.get("content-type", "").startswith("text/html"):
        continue
    p = Links()
    p.feed(body.decode("utf-8"))
    pages[url] = p.ids
    found = []
    for link in p.links:
        target = urllib.parse.urljoin(url, link)
        t = urllib.parse.urlsplit(target)
        if t.scheme not in ("http", "https"):
            continue     # mailto:
        if t.netloc != urllib.parse.urlsplit(site).netloc:
            external.add(target)
            continue
        bare = urllib.parse.urlunsplit(t._replace(fragment=""))
        if t.fragment:
            fragments.append((url, link, bare, urllib.parse.unquote(t.fragment)))
        found.append(bare)
        if not t.query and t.path.endswith("/"):
            found.append(with_lang(bare))
    for f in found:
        if f and f not in status and f not in referrers:
            referrers[f] = url
            queue.append(f)

check(f"the crawl finished within its bound ({fetches} requests)", not queue, len(queue))
broken = sorted((u, s, referrers.get(u)) for u, s in status.items() if s != 200)
check(f"every link answers 200 ({len(status)} URLs, {len(pages)} pages)", not broken,
      *[f"{s} {u[len(site):]} (linked from {r[len(site):] if r.startswith('http') else r})"
        for u, s, r in broken[:15]])
missing = [(p, l) for p, l, t, frag in fragments if t in pages and frag not in pages[t]]
check(f"every #fragment names an id on its page ({len(fragments)} links)", not missing,
      *[f"{l} on {p[len(site):]}" for p, l in missing[:10]])


def count(pred):
    return sum(1 for u in pages if pred(urllib.parse.urlsplit(u)))


kinds = ["", "visions/", "goals/", "measures/", "items/", "changes/", "ministries/", "followups/",
         "indicators/", "search/"]
for lang, pre in (("Japanese", "/"), ("English", "/en/")):
    for k in kinds:
        n = count(lambda u: u.path.startswith(pre + k) if k != "changes/" else
                  u.path.startswith(pre + "items/") and u.path.endswith("/changes/"))
        check(f"the crawl reached {lang} pages {pre}{k}", n > 0, n)
check("the crawl reached the ?lang=en form of the pages",
      count(lambda u: "lang=en" in u.query and u.path.startswith("/en/")) > 100 and
      count(lambda u: "lang=en" in u.query and not u.path.startswith("/en/")) > 100)
check("the crawl reached English search results with ?lang=en",
      count(lambda u: u.path == "/en/search/" and "q=" in u.query and "lang=en" in u.query) > 0)
check("the crawl fetched downloads and the style sheet",
      any("/downloads/" in u for u in status) and any(u.endswith("mdplan.css") for u in status))

rc, out, err = srv.stop()
check("server stopped", rc == 0, err)
sys.exit(0)
