#!/usr/bin/env python3
"""Writes a JSON article list of COUNT generated Azerbaijani articles of about CHARS characters each.

Used for the list-paging and streaming-import benchmarks in docs/benchmarks.md:
    python3 bench/make-article-list.py 20000 700 /tmp/list-20k.json
"""
import json
import sys
from datetime import datetime, timedelta, timezone

SENTENCES = [
    "Bakıda yeni metro stansiyasının tikintisi davam edir və sərnişinlər üçün xidmət gələn il başlayacaq.",
    "Nazirlər Kabinetinin iclasında regionların sosial-iqtisadi inkişafı ilə bağlı məsələlər müzakirə olunub.",
    "Azərbaycan və Qazaxıstan arasında ticarət dövriyyəsi ötən ilin eyni dövrü ilə müqayisədə artıb.",
    "Hava proqnozuna görə, sabah paytaxtda küləkli hava şəraiti gözlənilir, temperatur bir qədər enəcək.",
]


def main() -> None:
    count, chars, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    start = datetime(2025, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=4)))
    with open(path, "w", encoding="utf-8") as out:
        out.write("[\n")
        for i in range(count):
            parts = [f"Xəbər nömrəsi {i}."]
            k = 0
            while sum(len(p) + 1 for p in parts) < chars:
                parts.append(SENTENCES[(i + k) % len(SENTENCES)] + (f" ({i}-{k})" if k % 3 == 0 else ""))
                k += 1
            item = {
                "title": f"Xəbər {i}: yeni layihə",
                "text": "\n\n".join(" ".join(parts[j:j + 5]) for j in range(0, len(parts), 5)),
                "url": f"https://example.az/news/{i}",
                "published": (start + timedelta(minutes=i)).isoformat(),
                "site": "example.az",
            }
            out.write(json.dumps(item, ensure_ascii=False))
            out.write(",\n" if i + 1 < count else "\n]\n")


if __name__ == "__main__":
    main()
