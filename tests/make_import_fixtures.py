"""Build the tiny import fixtures in tests/fixtures/import/ (run once; the files are committed).

``python tests/make_import_fixtures.py``

Every format carries the same three articles (ARTICLES), so the tests can check each
importer against values written here, independently of the importer's code.  The Nexis Uni
files follow the layout documented in :mod:`analysis.ingest.importers.nexis` (cover page,
headline, source, date, edition, copyright, ``Section:``, ``Length:`` with a no-break space,
``Byline:``, ``Body``, paragraphs, a ``Graphic`` block, ``Classification`` with
``Load-Date:``, ``End of Document``).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "fixtures" / "import"

ARTICLES = [
    {"id": "a1", "story": "harbour-bridge", "outlet": "The Coastal Gazette", "headline": "Harbour bridge to close for repairs",
     "date": "2023-03-14 09:30:00", "iso": "2023-03-14", "nexis_date": "March 14, 2023 Tuesday",
     "url": "https://gazette.example/news/harbour-bridge",
     "paragraphs": ["The harbour bridge will close for six weeks from Monday while engineers replace its worn bearings, the council said.",
                    "\u201cWe know this will be hard for commuters,\u201d said Mr. Alan Reed, the council\u2019s head of transport.",
                    "Ferries will run every fifteen minutes during the closure."]},
    {"id": "a2", "story": "harbour-bridge", "outlet": "Daily Shoreline", "headline": "Bridge shut for six weeks as bearings fail",
     "date": "2023-03-15T07:00:00Z", "iso": "2023-03-15", "nexis_date": "15 March 2023",
     "url": "https://shoreline.example/2023/03/15/bridge-shut",
     "paragraphs": ["Commuters face six weeks of disruption after the council shut the harbour bridge.",
                    "Café owners said the last closure cost them \u201ca third of my summer takings\u201d."]},
    {"id": "a3", "story": "school-meals", "outlet": "Valley Post", "headline": "Free school meals extended to all pupils",
     "date": "2023-04-02", "iso": "2023-04-02", "nexis_date": "April 2, 2023 Sunday",
     "url": "https://valleypost.example/meals",
     "paragraphs": ["Every primary pupil in the valley will receive a free lunch from September, the county said.",
                    "The scheme will cost \u00a34.2 million a year."]},
]


def body(article: dict) -> str:
    return "\n\n".join(article["paragraphs"])


def expected_text(article: dict) -> str:
    """The raw file's text: headline, blank line, the paragraphs one per line (blank-line separated)."""
    return f"{article['headline']}\n\n{body(article)}"


def table_rows(schema: str = "scraper") -> list[dict]:
    if schema == "newsplease":
        return [{"title": a["headline"], "maintext": body(a), "date_publish": a["date"], "source_domain": a["outlet"],
                 "url": a["url"], "language": "en", "authors": []} for a in ARTICLES]
    if schema == "mediacloud":
        return [{"stories_id": a["id"], "title": a["headline"], "url": a["url"], "publish_date": a["date"],
                 "media_name": a["outlet"], "text": body(a)} for a in ARTICLES]
    return [{"id": a["id"], "story": a["story"], "headline": a["headline"], "body": body(a), "published": a["date"],
             "publisher": a["outlet"], "link": a["url"]} for a in ARTICLES]


def page(article: dict) -> bytes:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in article["paragraphs"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{article['headline']} | {article['outlet']}</title>
<meta property="og:title" content="{article['headline']}">
<meta property="og:site_name" content="{article['outlet']}">
<meta property="article:published_time" content="{article['date'].replace(' ', 'T')}">
<link rel="canonical" href="{article['url']}"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article><h1>{article['headline']}</h1>
{paragraphs}
</article></main><footer><p>All rights reserved.</p></footer></body></html>
""".encode("utf-8")


def nexis_lines() -> list[str]:
    lines = ["User Name: =Researcher", "Date and Time: Tuesday, March 21, 2023 10:02:00 AM GMT", "Job Number: 190000001",
             "Documents (3)", "1. Harbour bridge to close for repairs", "Client/Matter: -None-",
             "Search Terms: harbour bridge", "Search Type: Terms and Connectors", "", "", "", ""]
    for number, a in enumerate(ARTICLES, start=1):
        lines += [a["headline"], a["outlet"], a["nexis_date"]]
        if number == 1:
            lines += ["Online Edition", "Copyright 2023 Coastal Gazette Ltd All Rights Reserved"]
        lines += [f"Section:\u00a0NEWS; Version:{number}", f"Length:\u00a0{len(body(a).split())} words",
                  f"Byline:\u00a0Reporter {number}", "", "Body", ""]
        for paragraph in a["paragraphs"]:
            lines += [paragraph, ""]
        if number == 2:
            lines += ["Graphic", "", "The harbour bridge at dusk.", ""]
        lines += ["Classification", "", "Language:\u00a0ENGLISH", "Publication-Type:\u00a0Newspaper",
                  f"Load-Date:\u00a0{a['nexis_date'].split(' 2023')[0]} 2023", "", "End of Document", "", ""]
    return lines


def rtf_escape(line: str) -> str:
    out = []
    for char in line:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) > 127:
            out.append(f"\\u{ord(char) if ord(char) < 32768 else ord(char) - 65536}?")
        else:
            out.append(char)
    return "".join(out)


def write_all(folder: Path = FOLDER) -> None:
    import docx
    import openpyxl
    import pyarrow as pa
    import pyarrow.parquet as pq
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True, exist_ok=True)
    rows = table_rows()
    for name, delimiter in (("scraper.csv", ","), ("scraper.tsv", "\t")):
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    book.save(folder / "scraper.xlsx")
    with (folder / "mediacloud.jsonl").open("w", encoding="utf-8") as handle:
        for row in table_rows("mediacloud"):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    pq.write_table(pa.Table.from_pylist(table_rows("newsplease")), folder / "newsplease.parquet")
    pages = folder / "newsplease-json"
    pages.mkdir(exist_ok=True)
    for a, row in zip(ARTICLES, table_rows("newsplease")):
        (pages / f"{a['id']}.json").write_text(json.dumps(row, ensure_ascii=False, indent=2), encoding="utf-8")
    saved = folder / "pages"
    saved.mkdir(exist_ok=True)
    for a in ARTICLES:
        (saved / f"{a['id']}.html").write_bytes(page(a))
    with (folder / "crawl.warc.gz").open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for a in ARTICLES:
            request = writer.create_warc_record(a["url"], "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(a["url"], "response", payload=io.BytesIO(page(a)), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2023-03-20T12:00:00Z"})
            writer.write_record(record)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://gazette.example/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=image,
                                                      warc_headers_dict={"WARC-Date": "2023-03-20T12:00:00Z"}))
    document = docx.Document()
    for line in nexis_lines():
        document.add_paragraph(line)
    document.save(folder / "nexis.docx")
    rtf = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n" + "".join(
        rtf_escape(line) + "\\par\n" for line in nexis_lines()) + "}\n"
    (folder / "nexis.rtf").write_bytes(rtf.encode("ascii"))


if __name__ == "__main__":
    write_all()
    print(f"wrote {sorted(p.name for p in FOLDER.iterdir())}")
