#!/usr/bin/env python3
"""Synthetic public records and a query mix for load-tests/archive-bench.sh.

The records are made like search's ArchiveBenchmark makes them: titles, letters and replies
are windows of the real letters' words in their real order (the jieba-segmented TipDM 附件2
in the shared data folder, 9,210 letters, 1.3 million words), joined without spaces as
Chinese is written, with random mailbox, nature, field, region (20), units (1-2 of 240),
dates 2015-2024 and timers. Nothing is written to the repository: the output goes to a
scratch folder.

  archive-records.py TOKENS_CSV COUNT OUT_DIR

writes OUT_DIR/records.tsv (PostgreSQL COPY text format, the columns of public_letters),
OUT_DIR/queries.tsv (q, region, year: the mix the raw runner reads) and OUT_DIR/paths.txt
(the same queries as /api/v1/archive?... paths, for wrk).
"""
import csv
import datetime
import os
import random
import re
import sys
import urllib.parse

MAILBOXES = ["mayor", "mayor", "mayor", "secretary", "hotline"]
NATURES = ["complaint", "complaint", "consultation", "consultation", "suggestion", "report", "praise"]
FIELDS = ["城乡建设", "劳动和社会保障", "教育文体", "商贸旅游", "环境保护", "卫生计生", "交通运输", "党务政务", "农村农业", "国土资源",
          "政法", "民政", "科技与信息产业", "纪检监察", "经济管理"]
BUREAUS = ["住房和城乡建设局", "城市管理局", "人力资源和社会保障局", "教育局", "市场监督管理局", "生态环境局", "卫生健康委员会", "交通运输局", "公安局",
           "自然资源和规划局", "民政局", "街道办事处"]
EPOCH = datetime.datetime(2015, 1, 1, tzinfo=datetime.timezone.utc)
CONTROL = re.compile(r"[\s\\]")
TWO_HAN = re.compile(r"^[\u4e00-\u9fff]{2}$")


def load(path):
    stream = []
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            if len(row) >= 2:
                # a few tokens hold line breaks or tabs: COPY's text format has no room for them
                stream.extend(w for w in row[1].split(" ") if w and not CONTROL.search(w))
    return stream


def window(stream, rnd, lo, hi):
    n = rnd.randint(lo, hi)
    start = rnd.randrange(len(stream) - n)
    return "".join(stream[start:start + n])


def sentences(stream, rnd, lo, hi, wlo, whi):
    return "".join(window(stream, rnd, wlo, whi) + ("。" if rnd.randrange(3) == 0 else "，")
                   for _ in range(rnd.randint(lo, hi)))


def region(rnd):
    n = rnd.randrange(20)
    return "A%d区" % (n + 1) if n < 9 else chr(ord("B") + n - 9) + "市"


def iso(at):
    return at.strftime("%Y-%m-%d %H:%M:%S+00")


def records(stream, count, out):
    rnd = random.Random(1)
    with open(os.path.join(out, "records.tsv"), "w", encoding="utf-8") as f:
        for number in range(count):
            place = region(rnd)
            units = [place + rnd.choice(BUREAUS)]
            if rnd.randrange(5) == 0:
                units.append(place + rnd.choice(BUREAUS))
            title = place + window(stream, rnd, 3, 7)
            letter = sentences(stream, rnd, 3, 6, 12, 30)
            reply = "网友您好！" + sentences(stream, rnd, 2, 4, 10, 25) + units[0]
            received = EPOCH + datetime.timedelta(seconds=rnd.randrange(10 * 365 * 24 * 3600))
            days = 1 + rnd.randrange(30)
            replied = received + datetime.timedelta(days=days * 7 // 5)
            published = replied + datetime.timedelta(days=1)
            f.write("\t".join([
                "BM%07d" % number, rnd.choice(MAILBOXES), rnd.choice(NATURES), rnd.choice(FIELDS), place,
                "{" + ",".join('"%s"' % u for u in units) + "}", title, letter, reply, iso(received), iso(received),
                iso(received), iso(replied), iso(published), str(days), "15", "t" if days <= 15 else "f",
                str(rnd.randrange(3)), "0"]) + "\n")


def word(stream, rnd):
    while True:
        w = stream[rnd.randrange(len(stream))]
        if TWO_HAN.match(w):
            return w


def phrase(stream, rnd):
    while True:
        at = rnd.randrange(len(stream) - 1)
        if TWO_HAN.match(stream[at]) and TWO_HAN.match(stream[at + 1]):
            return stream[at] + stream[at + 1]


def queries(stream, out):
    """200 each of: one word, two words, a quoted phrase, a word with region and year filters."""
    rnd = random.Random(7)
    mix = []
    for _ in range(200):
        mix.append((word(stream, rnd), "", ""))
        mix.append((word(stream, rnd) + " " + word(stream, rnd), "", ""))
        mix.append(('"' + phrase(stream, rnd) + '"', "", ""))
        mix.append((word(stream, rnd), region(rnd), str(2015 + rnd.randrange(10))))
    with open(os.path.join(out, "queries.tsv"), "w", encoding="utf-8") as tsv, \
            open(os.path.join(out, "paths.txt"), "w", encoding="utf-8") as paths:
        for q, place, year in mix:
            tsv.write("%s\t%s\t%s\n" % (q, place, year))
            params = [("q", q)] + ([("region", place), ("year", year)] if place else [])
            paths.write("/api/v1/archive?" + urllib.parse.urlencode(params) + "\n")


def main():
    tokens, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    stream = load(tokens)
    queries(stream, out)
    records(stream, count, out)


if __name__ == "__main__":
    main()
