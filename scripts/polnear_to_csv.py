"""Turn PolNeAR's development splits into one CSV that ``python -m analysis import`` reads.

    python scripts/polnear_to_csv.py POLNEAR_DIR OUT.csv [--splits train dev] [--flatten]

PolNeAR (Newell, Margolin & Ruths 2018; ``github.com/networkdynamics/PolNeAR``) holds 2016
US election coverage by 7 publishers, one text file per article under
``data/<split>/text/`` and its metadata in ``data/metadata.tsv``.  The CSV has the columns
the package's table importer detects (``id``, ``outlet``, ``published``, ``title``,
``author``, ``text``); ``text`` is the file's text exactly (``--flatten`` joins its lines
with spaces, as scrapers that drop line breaks deliver pages).

Only ``train`` and ``dev`` are meant for development: ``data/test/`` is held out for
evaluation, and this script refuses to read it.  Keep the corpus and the CSV out of the
repository.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

HELD_OUT = {"test"}


def polnear_rows(root: Path, splits: list[str], flatten: bool = False):
    """One dict per article of the named splits, in split then file-name order."""
    if HELD_OUT & set(splits):
        raise SystemExit("error: PolNeAR's test split is held out for evaluation; use train and dev")
    meta_path = root / "data" / "metadata.tsv"
    if not meta_path.is_file():
        raise SystemExit(f"error: {meta_path}: not found (give the PolNeAR checkout's folder)")
    with meta_path.open(encoding="utf-8", newline="") as handle:
        meta = {(row["compartment"], row["filename"]): row for row in csv.DictReader(handle, delimiter="\t")}
    for split in splits:
        folder = root / "data" / split / "text"
        if not folder.is_dir():
            raise SystemExit(f"error: {folder}: not found")
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if flatten:
                text = " ".join(line.strip() for line in text.splitlines() if line.strip())
            info = meta.get((split, path.stem), {})
            yield {"id": path.stem[:60].rstrip("-_."), "outlet": info.get("publisher", ""),
                   "published": info.get("publication_date", ""), "title": info.get("title", ""),
                   "author": info.get("author", ""), "split": split, "text": text}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("polnear", type=Path, help="the PolNeAR checkout (holds data/metadata.tsv)")
    parser.add_argument("out", type=Path, help="CSV to write")
    parser.add_argument("--splits", nargs="+", default=["train", "dev"], choices=["train", "dev"])
    parser.add_argument("--flatten", action="store_true", help="one line per article (no line breaks)")
    args = parser.parse_args(argv)
    rows = list(polnear_rows(args.polnear, args.splits, args.flatten))
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "outlet", "published", "title", "author", "split", "text"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} articles from {', '.join(args.splits)} written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
