#!/usr/bin/env python3
"""Writes large service exports for the import benchmark, from a seed (stdlib only):

- pocket-N.zip: Pocket's export zip, part_000000.csv... of 10,000 rows each
  (title,url,time_added,tags,status), plus annotations/part_000000.json with highlights on
  one link in fifty;
- onetab-N.txt: OneTab's "Export URLs" text, `url | title` lines (one in ten a bare URL,
  some titles holding " | "), in groups of 1 to 60 tabs separated by blank lines.

Usage: gen_service_exports.py --n 100000 --seed 1 --out DIR
Prints a JSON truth line per file: its links, groups and highlighted links.
"""
import argparse
import json
import os
import random
import zipfile

WORDS = ("rust sqlite pearl tree garden river review notes guide recipe history design "
         "music travel climate market science python cache index search design ocean "
         "Übersetzung café 日本語 пример").split()
HOSTS = ["example.org", "news.example.com", "blog.example.net", "docs.example.io",
         "www.example.fr", "shop.example.de", "wiki.example.jp"]


def title(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8))).capitalize()


def url(rng, i):
    host = rng.choice(HOSTS)
    path = "/".join(rng.choice(WORDS[:20]) for _ in range(rng.randint(1, 3)))
    query = f"?id={i}&ref={rng.choice(WORDS[:20])}" if rng.random() < 0.4 else ""
    return f"https://{host}/{path}/{i}{query}"


def pocket(n, rng, out):
    path = os.path.join(out, f"pocket-{n}.zip")
    highlighted = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part in range((n + 9999) // 10000):
            rows = ["title,url,time_added,tags,status"]
            for i in range(part * 10000, min(n, (part + 1) * 10000)):
                t = title(rng)
                if "," in t or rng.random() < 0.1:
                    t = '"' + t.replace('"', '""') + ', quoted"'
                tags = "|".join(rng.sample(WORDS[:20], rng.randint(0, 3)))
                u = url(rng, i)
                rows.append(f"{t},{u},{1500000000 + i * 97},{tags},"
                            f"{'unread' if rng.random() < 0.6 else 'archive'}")
                if rng.random() < 0.02:
                    highlighted.append({"url": u, "title": "", "highlights": [
                        {"quote": title(rng), "created_at": 1600000000 + i}]})
            z.writestr(f"part_{part:06d}.csv", "\n".join(rows) + "\n")
        z.writestr("annotations/part_000000.json", json.dumps(highlighted))
    print(json.dumps({"file": path, "links": n, "highlighted": len(highlighted)}))


def onetab(n, rng, out):
    path = os.path.join(out, f"onetab-{n}.txt")
    lines, groups, left, i = [], 0, 0, 0
    while i < n:
        if left == 0:
            if groups:
                lines.append("")
            groups += 1
            left = rng.randint(1, 60)
        u = url(rng, i)
        r = rng.random()
        if r < 0.1:
            lines.append(u)
        elif r < 0.2:
            lines.append(f"{u} | {title(rng)} | {rng.choice(HOSTS)}")
        else:
            lines.append(f"{u} | {title(rng)}")
        left -= 1
        i += 1
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
    print(json.dumps({"file": path, "links": n, "groups": groups}))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=100000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    pocket(a.n, random.Random(a.seed), a.out)
    onetab(a.n, random.Random(a.seed + 1), a.out)


if __name__ == "__main__":
    main()
