#!/bin/sh
# Regenerates the two committee-report PDFs of corpus/ (run once; the PDFs are
# committed). scripts/corpus_reports.py writes each report as Flat ODT in its
# published layout; LibreOffice headless converts it to PDF.
# Needs: python3, libreoffice-writer-nogui (soffice).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus="$here/../corpus"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/corpus_reports.py" "$work" >/dev/null
# A private profile so a running LibreOffice or a fresh $HOME does not interfere.
soffice -env:UserInstallation="file://$work/profile" --headless \
  --convert-to pdf --outdir "$corpus" "$work"/*.fodt
ls -l "$corpus"/*.pdf
