#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets, generated from the grammar corpora.

usage: make_seeds.py GRAMMAR_DIR OUT_DIR
Creates OUT_DIR/{annotate,normalize,timeml,jsonl}/ with one seed per file:
  annotate   every corpus text (braces removed), and documents of many lines
  normalize  8 header bytes (DCT, tense, strategy; see fuzz_normalize.cpp) + the expression
  timeml     TimeML documents with TIMEX3 tags at the braced parts, a DCT, entities, no DCT, CDATA
  jsonl      JSON Lines streams: records of corpus lines, with and without "dct", and bad lines
"""
import json
import pathlib
import re
import sys
from xml.sax.saxutils import escape, quoteattr

TENSES = {"unknown": 0, "auto": 0, "past": 1, "present": 2, "future": 3}
STRATEGIES = {"news": 0, "narrative": 1, "past": 2, "future": 3}


def read_corpora(grammar_dir):
    """(text, extent or None, dct, tense, strategy, type, value) of every corpus line."""
    lines = []
    for path in sorted(pathlib.Path(grammar_dir).glob("*.corpus")):
        dct, tense, strategy = "2024-01-19", "auto", "news"
        for raw in path.read_text(encoding="utf-8").splitlines():
            raw = raw.strip()
            if not raw or raw.startswith("#"):
                continue
            if raw.startswith("@dct "):
                dct = raw[5:].strip()
            elif raw.startswith("@tense "):
                tense = raw[7:].strip()
            elif raw.startswith("@strategy "):
                strategy = raw[10:].strip()
            elif raw.startswith("!"):
                lines.append((raw[1:].strip(), None, dct, tense, strategy, None, None))
            elif "=>" in raw:
                text, _, rhs = raw.partition("=>")
                parts = rhs.split()
                typ, value = (parts + ["DATE", "XXXX"])[:2]
                lines.append((text.strip(), None, dct, tense, strategy, typ, value))
    return lines


def plain(text):
    return text.replace("{", "").replace("}", "")


def extent(text):
    m = re.search(r"\{([^}]*)\}", text)
    return m.group(1) if m else plain(text)


def header(dct, tense, strategy):
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?", dct)
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    hour = int(m.group(4)) if m.group(4) else 24
    minute = int(m.group(5)) if m.group(5) else 0
    y -= 1
    return bytes([y >> 8, y & 0xFF, mo - 1, d - 1, hour, minute,
                  TENSES.get(tense, 0), STRATEGIES.get(strategy, 0)])


def timeml(body, dct="2024-01-19", docid="seed"):
    dct_part = ""
    if dct:
        dct_part = ('<DCT><TIMEX3 tid="t0" type="DATE" value="%s" temporalFunction="false" '
                    'functionInDocument="CREATION_TIME">%s</TIMEX3></DCT>\n' % (dct, dct))
    return ('<?xml version="1.0" ?>\n<TimeML>\n<DOCID>%s</DOCID>\n%s<TEXT>\n%s\n</TEXT>\n</TimeML>\n'
            % (escape(docid), dct_part, body))


def tagged(text, typ, value, tid):
    """The corpus text as TimeML, with a TIMEX3 around the braced part (or the whole text)."""
    m = re.search(r"\{([^}]*)\}", text)
    before, inner, after = (text[:m.start()], m.group(1), text[m.end():]) if m else ("", text, "")
    tag = '<TIMEX3 tid="t%d" type=%s value=%s>%s</TIMEX3>' % (tid, quoteattr(typ), quoteattr(value), escape(inner))
    return escape(plain(before)) + tag + escape(plain(after))


def main():
    grammar_dir, out_dir = sys.argv[1], pathlib.Path(sys.argv[2])
    corpus = read_corpora(grammar_dir)
    dirs = {k: out_dir / k for k in ("annotate", "normalize", "timeml", "jsonl")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
        for old in d.iterdir():
            old.unlink()

    def write(kind, n, data):
        (dirs[kind] / ("seed-%05d" % n)).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    positives = [c for c in corpus if c[5]]
    for i, (text, _, dct, tense, strategy, _, _) in enumerate(corpus):
        write("annotate", i, plain(text))
        write("normalize", i, header(dct, tense, strategy) + extent(text).encode("utf-8"))
    # Documents: a dateline header, then sentences built from corpus lines, in paragraphs.
    for k in range(0, len(corpus), 25):
        group = [plain(c[0]) for c in corpus[k:k + 25]]
        doc = "WASHINGTON, Jan. 19, 2024 (AP) \u2014 " + ". ".join(group[:12]) + ".\n\n" + ". ".join(group[12:]) + "."
        write("annotate", 100000 + k, doc)

    n = 0
    for k in range(0, len(positives), 8):
        group = positives[k:k + 8]
        body = " ".join(tagged(c[0], c[5], c[6], i + 1) + "." for i, c in enumerate(group))
        write("timeml", n, timeml(body, group[0][2][:10], "seed%d" % n))
        n += 1
    # Variants: no DCT, entities and character references, CDATA, comments, EVENT tags, a broken tail.
    write("timeml", n, timeml("Sales fell &amp; rose &lt;again&gt; on <TIMEX3 tid=\"t1\" type=\"DATE\" "
                              "value=\"2024-01-12\">Friday</TIMEX3> &#8212; &#x263A;.", None)); n += 1
    write("timeml", n, timeml("<![CDATA[a <b> ]]> they <EVENT eid=\"e1\" class=\"OCCURRENCE\">met</EVENT> "
                              "<!-- note --> last week.")); n += 1
    write("timeml", n, timeml("On <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2024-01-12\">Friday")[:-20]); n += 1
    write("timeml", n, "<TEXT>Officials met on March 3, 2023.</TEXT>"); n += 1

    n = 0
    for k in range(0, len(corpus), 6):
        recs = []
        for i, c in enumerate(corpus[k:k + 6]):
            r = {"id": "d%d" % (k + i), "text": plain(c[0])}
            if i % 2 == 0:
                r["dct"] = c[2][:10]
            recs.append(json.dumps(r, ensure_ascii=(i % 3 == 0)))
        write("jsonl", n, "\n".join(recs) + "\n")
        n += 1
    bad = ['{"id":1,"text":"They met on Friday."}', 'not json', '{"id":2}', '{"id":3,"text":42}',
           '{"id":4,"dct":"2024-02-30","text":"last week"}', '{"id":5,"dct":7,"text":"today"}', '[1,2]', '',
           '{"id":6,"text":"caf\\u00e9 \\u0000 on Friday"}', '{"text":"\\ud800 lone surrogate"}\r']
    write("jsonl", n, "\n".join(bad) + "\n")
    print("make_seeds: %d annotate, %d normalize, %d timeml, %d jsonl seeds in %s" % tuple(
        [len(list(dirs[k].iterdir())) for k in ("annotate", "normalize", "timeml", "jsonl")] + [out_dir]))


if __name__ == "__main__":
    main()
