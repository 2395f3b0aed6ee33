#!/usr/bin/env bash
# Writes the fuzzer's seed corpus to $1: small PDF, HTML and text files, each
# prefixed with the selector byte for every entry point, plus the bundled
# corpus/ documents when present.
set -euo pipefail
out=$1
mkdir -p "$out"
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
content='BT /F1 12 Tf 72 720 Td (Care leavers and the front door) Tj ET'
{
  printf '%%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'
  printf '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n'
  printf '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>\nendobj\n'
  printf '4 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n'
  printf '5 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n' "${#content}" "$content"
  printf 'trailer\n<< /Root 1 0 R >>\n%%%%EOF\n'
} > "$tmp/seed.pdf"
printf '<html><head><meta charset="windows-1252"><title>Minutes</title></head><body><nav>Home</nav><h1>Corporate Parenting Board</h1><p>The \x93front door\x94 caf\xe9.</p><ul><li>one</li></ul><script>x()</script></body></html>' > "$tmp/seed.html"
printf 'Executive report\n\n\xe2\x80\xa2 Council\xe2\x80\x99s plan for care-\nleavers.\n\nNa\xefve Windows-1252 line.\n' > "$tmp/seed.txt"
for f in "$tmp"/seed.* "$src"/corpus/*.{pdf,html,htm,txt}; do
  [[ -f "$f" ]] || continue
  [[ $(stat -c %s "$f") -le 200000 ]] || continue  # keep seeds small: the run is short
  base=$(basename "$f")
  for sel in 0 1 2 3 4 5; do
    { printf "\\x3$sel"; cat "$f"; } > "$out/$sel-$base"
  done
done
