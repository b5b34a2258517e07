#!/usr/bin/env python3
"""Turn the hand-written source files (src/*.txt) into pages/NNN-style.json.

Source format (one line of the page per source line, blank lines ignored):
  @@ <id> <outlet_style> [single]     starts a page
  H| headline     B| body        BD| body line that starts with a wire dateline
  Y| byline       T| date        C| caption     R| credit
  P| promo        E| embed       F| footer
In body lines (B|, BD|) the hand-placed sentence boundaries are marked with " ‖ ";
the line text is the sentences joined by one space.
"""
import json, os, sys, glob

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "pages")
ROLES = {"H": "headline", "B": "body", "BD": "body", "Y": "byline", "T": "date",
         "C": "caption", "R": "credit", "P": "promo", "E": "embed", "F": "footer"}
SEP = " ‖ "

def build():
    pages = []
    cur = None
    for path in sorted(glob.glob(os.path.join(HERE, "*.txt"))):
        for n, raw in enumerate(open(path, encoding="utf-8"), 1):
            raw = raw.rstrip("\n")
            if not raw.strip():
                continue
            where = f"{os.path.basename(path)}:{n}"
            if raw.startswith("@@ "):
                parts = raw[3:].split()
                cur = {"id": parts[0], "outlet_style": parts[1],
                       "single_line": len(parts) > 2 and parts[2] == "single", "lines": []}
                pages.append(cur)
                continue
            code, sep, rest = raw.partition("| ")
            if not sep or code not in ROLES:
                sys.exit(f"{where}: bad line {raw!r}")
            if rest != rest.strip() or not rest:
                sys.exit(f"{where}: stray whitespace / empty")
            line = {"role": ROLES[code]}
            if code in ("B", "BD"):
                sents = rest.split(SEP)
                for s in sents:
                    if not s or s != s.strip() or "‖" in s:
                        sys.exit(f"{where}: bad sentence split {s!r}")
                if code == "BD":
                    line["dateline"] = True
                line["text"] = " ".join(sents)
                line["sentences"] = sents
            else:
                if "‖" in rest:
                    sys.exit(f"{where}: separator in non-body line")
                line["text"] = rest
            # keep key order: role, dateline, text, sentences
            ordered = {"role": line["role"]}
            if line.get("dateline"):
                ordered["dateline"] = True
            ordered["text"] = line["text"]
            if "sentences" in line:
                ordered["sentences"] = line["sentences"]
            cur["lines"].append(ordered)
    ids = [p["id"] for p in pages]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"duplicate ids {dup}")
    os.makedirs(OUT, exist_ok=True)
    for f in glob.glob(os.path.join(OUT, "*.json")):
        os.remove(f)
    for p in pages:
        with open(os.path.join(OUT, p["id"] + ".json"), "w", encoding="utf-8") as fh:
            json.dump(p, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    print(f"wrote {len(pages)} pages to {OUT}")

if __name__ == "__main__":
    build()
