#!/usr/bin/env python3
"""Writes the UniMorph part of eval/stem-gold.tsv: a deterministic sample of shared/data/az/lexicon/unimorph-aze.tsv.

Usage: python3 tools/make-stem-gold.py ../shared/data/az/lexicon/unimorph-aze.tsv > /tmp/unimorph-part.tsv
Every 20th single-word row (in file order, starting from the 7th) whose form differs from its lemma; verb lemmas
(infinitives in -maq/-mək) are reduced to their root, which is what the stemmer returns ("ağlamaq" -> "ağla").
"""
import sys

rows = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        lemma, form, feats = parts
        if " " in form or " " in lemma or form == lemma:
            continue
        rows.append((lemma, form, feats))
seen = set()
for i, (lemma, form, feats) in enumerate(rows):
    if i % 20 != 6 or form in seen:
        continue
    seen.add(form)
    stem = lemma
    if feats.startswith("V") and (lemma.endswith("maq") or lemma.endswith("mək")):
        stem = lemma[:-3]
    print(f"{form}\t{stem}\tunimorph")
