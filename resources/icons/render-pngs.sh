#!/usr/bin/env bash
# Renders the application icon's PNG sizes from mlp-studio.svg into png/.
# The PNGs are committed, so a build needs no SVG renderer; run this after
# changing the SVG (needs rsvg-convert: apt-get install librsvg2-bin).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mkdir -p png
for size in 16 22 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" mlp-studio.svg --output "png/mlp-studio-$size.png"
done
