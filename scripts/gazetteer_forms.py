#!/usr/bin/env python3
"""Regenerate data/gazetteer/country_forms.tsv: every case form of every country name.

Latvian forms come from the declension rules of sikg.loaders.morphology (checked by
hunspell-lv where it knows the word); English names and other names are listed as they are.
Run after editing countries.tsv:  .venv/bin/python scripts/gazetteer_forms.py
"""
from __future__ import annotations

import csv
from pathlib import Path

from sikg.loaders.gazetteer import gazetteer_path, load_countries
from sikg.loaders.morphology import analyse, decline


def main() -> None:
    out = Path(gazetteer_path("country_forms.tsv"))
    rows = []
    for c in load_countries():
        for case, form in decline(c.lv).items():
            rows.append((c.iso, form, case, "lv"))
        rows.append((c.iso, c.en, "nom", "en"))
        for other in c.other_names:
            if analyse(other.split()[-1]) and not other.isupper():  # a Latvian name: all its cases
                rows += [(c.iso, form, case, "lv") for case, form in decline(other).items()]
            else:
                rows.append((c.iso, other, "nom", "any"))
    rows = list(dict.fromkeys(rows))
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["iso", "form", "case", "language"])
        w.writerows(rows)
    print(f"wrote {len(rows)} forms to {out}")


if __name__ == "__main__":
    main()
