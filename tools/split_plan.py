#!/usr/bin/env python3
"""Splits the published plan text into chapters, sections and articles (catalog/plan.yaml).

Usage: tools/split_plan.py SOURCE.txt OUT_DIR
Paragraphs broken by the source's page wraps (a paragraph that does not end a sentence and
is followed by a line that is neither a heading nor a numbered article) are joined.
"""
import re, sys, yaml

CN = "一二三四五六七八九十"
def cn_num(s):
    if s == "十": return 10
    if s.startswith("十"): return 10 + CN.index(s[1]) + 1
    if s.endswith("十"): return (CN.index(s[0]) + 1) * 10
    if "十" in s: a, b = s.split("十"); return (CN.index(a)+1)*10 + CN.index(b)+1
    return CN.index(s) + 1

chapter_re = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
section_re = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*(.+)$")
article_re = re.compile(r"^(\d{1,3})[.．](.+)$")
ENDS = "。；！？"

def main(src, out):
    raw = [l.rstrip("\n") for l in open(src, encoding="utf-8")]
    lines = [l.strip() for l in raw if l.strip()]
    title, preamble = lines[0], lines[1]
    # join page-wrap artefacts
    joined = []
    for l in lines[2:]:
        heading = chapter_re.match(l) or section_re.match(l) or article_re.match(l)
        if joined and not heading and joined[-1][-1] not in ENDS and not (chapter_re.match(joined[-1]) or section_re.match(joined[-1])):
            joined[-1] += l
        else:
            joined.append(l)
    chapters, articles = [], []
    ch = sec = art = None
    for l in joined:
        if m := chapter_re.match(l):
            ch = {"number": cn_num(m[1]), "title": m[2].strip(), "introduction": [], "sections": []}
            chapters.append(ch); sec = None; art = None
        elif m := section_re.match(l):
            sec = {"number": cn_num(m[1]), "title": m[2].strip()}
            ch["sections"].append(sec); art = None
        elif m := article_re.match(l):
            n = int(m[1]); body = m[2].strip()
            t = body.split("。", 1)[0]
            art = {"number": n, "chapter": ch["number"], "section": sec["number"] if sec else None,
                   "title": t, "paragraphs": [body]}
            articles.append(art)
        else:
            if art is None: ch["introduction"].append(l)
            else: art["paragraphs"].append(l)
    assert [a["number"] for a in articles] == list(range(1, 161)), "articles out of order"
    for c in chapters:
        c["introduction"] = "\n".join(c["introduction"])
    for a in articles:
        a["text"] = "\n".join(a.pop("paragraphs"))
    doc = {"title": title, "preamble": preamble, "chapters": chapters, "articles": articles}
    with open(f"{out}/plan.yaml", "w", encoding="utf-8") as f:
        f.write("# The text of the plan, split into chapters, sections and articles by tools/split_plan.py.\n")
        yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False, width=100000)

if __name__ == "__main__":
    main(*sys.argv[1:])
