#!/usr/bin/env python3
"""Writes a follow-up table of N action rows in the shape of the real one
(data/followup-r7.tsv): its header row repeated every page of 15 rows, its
vision and goal rows, and its action rows cycled (plain and HTML cells as
they come), each copy's action item made unique by a number before its
ministry tag so that no copy repeats another. The 実績・状況 and 取組予定
cells are cut to their first 20 characters (kept as HTML when they were)
so that 100,000 rows stay under the 64 MiB a document may have.

usage: followup_gen.py REAL.tsv N OUT.tsv"""
import re
import sys

real, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = open(real, encoding="utf-8").read().split("\n")
header = next(l for l in lines if "実績" in l and "予定" in l)
ncols = header.count("\t") + 1
tag = re.compile(r"(【|［|〔|\[)[^【［〔\[]*(】|］|〕|\])")
markup = re.compile(r"<[^>]*>")


def short(cell):
    text = markup.sub("", cell).strip()[:20]
    return "<p>%s</p>" % text if markup.search(cell) else text


actions, bands = [], []
for l in lines:
    f = l.split("\t")
    if len(f) != ncols or l == header:
        continue
    cell = f[ncols - 3]
    if (f[ncols - 2] or f[ncols - 1]) and list(tag.finditer(cell)):
        f[ncols - 2], f[ncols - 1] = short(f[ncols - 2]), short(f[ncols - 1])
        actions.append(f)
    elif not f[ncols - 2] and not f[ncols - 1] and any(f):
        bands.append(l)
page = 15
with open(out, "w", encoding="utf-8") as o:
    for i in range(n):
        if i % page == 0:
            o.write("\n" + header + "\n")
            if i % (page * 4) == 0:
                o.write(bands[(i // page) % len(bands)] + "\n")
        f = list(actions[i % len(actions)])
        cell = f[ncols - 3]
        m = list(tag.finditer(cell))[-1]
        f[ncols - 3] = cell[:m.start()] + "（写%d）" % i + cell[m.start():]
        o.write("\t".join(f) + "\n")
