#!/usr/bin/env python3
"""Summarises bench/run.sh results: markdown tables on stdout and an SVG plot
of ingest time against corpus size (log-log). Sizes without a measurement are
extrapolated linearly from the largest measured size and drawn hollow. An
omindex run stopped by `run.sh -L` is a lower bound: its time shows as "≥",
its ratio to ours likewise, and the plot marks it with an upward triangle.

    bench/report.py WORK_DIR [--svg docs/benchmarks-time.svg] [--extrapolate 100000] [--note TEXT]

--note adds a line under the plot's title (say, the date and the commit measured).
"""
import glob
import math
import os
import sys
from xml.sax.saxutils import escape

TOOLS = [  # (metric, label, colour)
    ("pdftotext", "pdftotext per file (floor, CLI)", "#888888"),
    ("poppler_floor", "poppler-cpp in one process, no colour management (floor)", "#444444"),
    ("poppler_floor_cms", "poppler-cpp in one process, as shipped", "#aaaaaa"),
    ("omindex", "Omega omindex", "#d62728"),
    ("ingest_j1", "scrutiny ingest --jobs 1", "#1f77b4"),
    ("ingest_j2", "scrutiny ingest --jobs 2", "#2ca02c"),
]


def load(work):
    runs = {}
    for path in glob.glob(os.path.join(work, "results-*.tsv")):
        r = {}
        for line in open(path):
            if "\t" in line:
                k, v = line.rstrip("\n").split("\t", 1)
                try:
                    r[k] = float(v)
                except ValueError:
                    r[k] = v
        if "size" in r:
            runs[int(r["size"])] = r
    return dict(sorted(runs.items()))


def fmt(v, digits=1):
    return "–" if v is None else f"{v:,.{digits}f}"


def stopped(r, key):
    """(seconds, files indexed) when run.sh -L stopped KEY before it finished, else None."""
    if key == "omindex" and r.get("omindex_limit_s"):
        return r["omindex_limit_s"], int(r.get("omindex_files") or 0)
    return None


def tables(runs):
    out = []
    out.append("| documents | PDF pages | tool | time (s) | pages/s | docs/s | peak RSS (MiB) | no-change re-run (s) |")
    out.append("|---:|---:|---|---:|---:|---:|---:|---:|")
    for size, r in runs.items():
        pages = r.get("pdf_pages", 0)
        for key, label, _ in TOOLS:
            t = r.get(key + "_s")
            if t is None:
                continue
            rerun = r.get(key + "_rerun_s")
            rss = r.get(key + "_rss_kb")
            stop = stopped(r, key)
            if stop:
                limit, files = stop
                out.append(f"| {size:,} | {int(pages):,} | {label}, stopped after {files:,} files | ≥ {fmt(limit)} | – | "
                           f"{fmt(files / limit, 1)} | {fmt(rss / 1024 if rss else None, 0)} | – |")
                continue
            out.append(f"| {size:,} | {int(pages):,} | {label} | {fmt(t)} | {fmt(pages / t if t else None, 0)} | "
                       f"{fmt(size / t if t else None, 1)} | {fmt(rss / 1024 if rss else None, 0)} | {fmt(rerun, 2)} |")
    return "\n".join(out)


def ratios(runs):
    out = ["| documents | j1 ÷ omindex speed (target ≥ 4) | j2 ÷ j1 (≥ 1.7) | j1 ÷ poppler floor (≥ 0.6) | "
           "j1 ÷ pdftotext CLI | index ÷ omindex size (≤ 1.5) | compacted ÷ omindex |",
           "|---:|---:|---:|---:|---:|---:|---:|"]
    for size, r in runs.items():
        def ratio(a, b):
            return r[a] / r[b] if r.get(a) and r.get(b) else None
        j1, j2 = r.get("ingest_j1_s"), r.get("ingest_j2_s")
        vs_omindex = fmt(ratio('omindex_s', 'ingest_j1_s'), 2)
        stop = stopped(r, "omindex")
        if stop and j1:
            # Omindex only slows as its index grows, so its pace so far bounds the rest too.
            limit, files = stop
            vs_omindex = f"≥ {limit / j1:.2f} (≥ {limit * size / files / j1:.2f} at its pace so far)" if files else f"≥ {limit / j1:.2f}"
        out.append(f"| {size:,} | {vs_omindex} | {fmt(j1 / j2 if j1 and j2 else None, 2)} | "
                   f"{fmt(ratio('poppler_floor_s', 'ingest_j1_s'), 2)} | {fmt(ratio('pdftotext_s', 'ingest_j1_s'), 2)} | "
                   f"{fmt(ratio('ours_db_kb', 'omega_db_kb'), 2)} | "
                   f"{fmt(ratio('ours_db_compact_kb', 'omega_db_kb'), 2)} |")
    return "\n".join(out)


def commands(runs):
    """Whole commands, per run: search and quest over the query set, themes and status repeated."""
    rows = [("cmd_search", "`scrutiny search` (query set)"), ("cmd_quest", "Omega `quest` (query set)"),
            ("cmd_themes", "`scrutiny themes` (20 runs)"), ("cmd_status", "`scrutiny status` (20 runs)")]
    out = ["| documents | command | p50 (ms) | p95 (ms) | p99 (ms) |", "|---:|---|---:|---:|---:|"]
    for size, r in runs.items():
        for key, label in rows:
            if r.get(key + "_p50_ms") is None:
                continue
            out.append(f"| {size:,} | {label} | {fmt(r.get(key + '_p50_ms'))} | {fmt(r.get(key + '_p95_ms'))} | "
                       f"{fmt(r.get(key + '_p99_ms'))} |")
    return "\n".join(out)


def svg(runs, path, extrapolate, note=None):
    sizes = sorted(set(list(runs) + extrapolate))
    points = {}  # tool -> [(size, seconds, measured)]
    bounds = {}  # tool -> [(size, seconds it ran before run.sh -L stopped it)]
    for key, _, _ in TOOLS:
        measured = [(s, runs[s][key + "_s"]) for s in runs if runs[s].get(key + "_s") and not stopped(runs[s], key)]
        bounds[key] = [(s, stopped(runs[s], key)[0]) for s in runs if stopped(runs[s], key)]
        if not measured:
            continue
        last_size, last_t = measured[-1]
        pts = [(s, t, True) for s, t in measured]
        pts += [(s, last_t * s / last_size, False) for s in sizes if s > last_size]
        for s, t in bounds[key]:  # a measured lower bound beats an extrapolation
            pts = [p for p in pts if p[0] != s] + [(s, t, "bound")]
        pts.sort(key=lambda p: p[0])
        points[key] = pts
    if not points:
        return
    W, H, L, R, T, B = 720, 440, 70, 250, 30, 50
    xs = [p[0] for v in points.values() for p in v]
    ys = [p[1] for v in points.values() for p in v]
    x0, x1 = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.1
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))

    def px(x):
        return L + (math.log10(x) - x0) / (x1 - x0) * (W - L - R)

    def py(y):
        return H - B - (math.log10(y) - y0) / (y1 - y0) * (H - T - B)

    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{L}" y="18" font-size="14">Ingest time against corpus size (log-log; hollow = extrapolated, '
         f'▲ = stopped there, at least that long)</text>']
    if note:
        s.append(f'<text x="{W - R + 15}" y="{H - B + 16}" fill="#555">{escape(note)}</text>')
    for e in range(y0, y1 + 1):
        y = py(10 ** e)
        s.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - R}" y2="{y:.1f}" stroke="#ddd"/>')
        s.append(f'<text x="{L - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g} s</text>')
    for size in sizes:
        x = px(size)
        s.append(f'<line x1="{x:.1f}" y1="{T}" x2="{x:.1f}" y2="{H - B}" stroke="#eee"/>')
        s.append(f'<text x="{x:.1f}" y="{H - B + 16}" text-anchor="middle">{size:,}</text>')
    s.append(f'<text x="{(L + W - R) / 2:.0f}" y="{H - 12}" text-anchor="middle">documents</text>')
    for i, (key, label, colour) in enumerate(TOOLS):
        if key not in points:
            continue
        pts = points[key]
        for (a, b) in zip(pts, pts[1:]):
            dash = "" if b[2] is True else ' stroke-dasharray="5,4"'
            s.append(f'<line x1="{px(a[0]):.1f}" y1="{py(a[1]):.1f}" x2="{px(b[0]):.1f}" y2="{py(b[1]):.1f}" '
                     f'stroke="{colour}" stroke-width="2"{dash}/>')
        for (x, y, measured) in pts:
            if measured == "bound":
                cx, cy = px(x), py(y)
                s.append(f'<polygon points="{cx:.1f},{cy - 6:.1f} {cx - 5:.1f},{cy + 4:.1f} {cx + 5:.1f},{cy + 4:.1f}" '
                         f'fill="{colour}" stroke="{colour}"/>')
                continue
            fill = colour if measured else "white"
            s.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="4" fill="{fill}" stroke="{colour}" stroke-width="2"/>')
        ly = T + 20 + i * 20
        s.append(f'<line x1="{W - R + 15}" y1="{ly - 4}" x2="{W - R + 40}" y2="{ly - 4}" stroke="{colour}" stroke-width="2"/>')
        s.append(f'<text x="{W - R + 46}" y="{ly}">{label}</text>')
    s.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(s) + "\n")


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    work = args[0]
    svg_path = args[args.index("--svg") + 1] if "--svg" in args else None
    extra = [int(args[args.index("--extrapolate") + 1])] if "--extrapolate" in args else [100000]
    note = args[args.index("--note") + 1] if "--note" in args else None
    runs = load(work)
    print(tables(runs))
    print()
    print(ratios(runs))
    print()
    print(commands(runs))
    if svg_path:
        svg(runs, svg_path, extra, note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
