#!/bin/sh
# Regenerates the frames the README shows, docs/flagship.svg and docs/adam-mini-toy.svg, from the
# shipped scenarios at their [run] steps, 160x48 cells, 24-bit colour.
#
#   tools/render-docs.sh                 # builds descent (release) first
#   tools/render-docs.sh path/to/descent # uses that binary
#
# Runs from anywhere; writes into the checkout this script belongs to.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ $# -ge 1 ]; then
    descent=$1
else
    swift build -c release --product descent
    descent=.build/release/descent
fi
mkdir -p docs
for name in flagship adam-mini-toy; do
    env -u NO_COLOR COLORTERM=truecolor "$descent" render "scenarios/$name.toml" \
        --width 160 --height 48 --svg --output "docs/$name.svg" --force
    echo "docs/$name.svg"
done
