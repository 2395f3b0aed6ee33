#!/usr/bin/env python3
"""Compares two rankings of the same query set, written by
`query_bench --ranks 1` (one line per query: kind, query, flags, hits).

    bench/compare_ranks.py A.tsv B.tsv

Prints, over queries with hits in A: the mean overlap of the two top-10 sets,
how often the first hit is the same, how often all hits are in the same
order, and the queries that differ most.
"""
import sys


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                continue
            out[tuple(fields[:3])] = fields[3:]
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    a, b = load(sys.argv[1]), load(sys.argv[2])
    rows = []
    for key, hits_a in a.items():
        hits_b = b.get(key)
        if not hits_a or hits_b is None:
            continue
        overlap = len(set(hits_a) & set(hits_b)) / max(len(hits_a), len(hits_b))
        rows.append((overlap, hits_a[0] == (hits_b[0] if hits_b else None), key, hits_a == hits_b))
    if not rows:
        sys.exit("compare_ranks: no query with hits in both files")
    n = len(rows)
    print(f"queries\t{n}")
    print(f"mean_top10_overlap\t{sum(r[0] for r in rows) / n:.3f}")
    print(f"same_first_hit\t{sum(1 for r in rows if r[1]) / n:.3f}")
    print(f"same_order\t{sum(1 for r in rows if r[3]) / n:.3f}")
    for overlap, same_first, key, _ in sorted(rows)[:5]:
        print(f"{overlap:.1f}\t{'same' if same_first else 'other'} first\t{' '.join(k for k in key if k)}")


if __name__ == "__main__":
    main()
