#!/usr/bin/env bash
# Regenerates the README's pictures from the example scenarios (1200x675 PNGs in docs/images),
# and a screenshot of the reseller's report.html taken with headless Chromium (skipped, with a
# message, when no chromium is installed: apt-get install -y chromium).
# Usage: bash docs/make-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/readme-images
images=docs/images
mkdir -p "$images"
sidecast() { cargo run --release --quiet -- "$@" --quiet --size 1200x675 > /dev/null; }

sidecast run scenarios/reseller.toml --actuals scenarios/history.csv --paths 3 --out "$out/reseller"
cp "$out/reseller/fan-gross-profit.png" "$images/fan-gross-profit.png"
cp "$out/reseller/histogram-cumulative-net-profit.png" "$images/histogram-cumulative-net-profit.png"
rm -f "$images/histogram-cumulative-gross-profit.png"   # the reseller has costs: its histograms are net

# The top of report.html on a desktop, offline, with a fresh profile.
if command -v chromium > /dev/null 2>&1; then
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --disable-quic --hide-scrollbars --user-data-dir="$profile" \
    --window-size=1000,1500 --screenshot="$images/report.png" "file://$PWD/$out/reseller/report.html" > /dev/null 2>&1
  rm -rf "$profile"
else
  echo "no chromium: docs/images/report.png not updated (apt-get install -y chromium)" >&2
fi

# The explorable on a phone, and the live page of `serve` on a desktop with churn at 15%
# (its address carries the change; the virtual time budget lets the page's run finish).
cargo run --release --quiet -- run scenarios/reseller.toml --explore reseller.churn=0.05..0.2:7 \
  --explore reseller.arrivals=0.5..3:6 --charts none --quiet --out "$out/explore" > /dev/null
if command -v chromium > /dev/null 2>&1; then
  shot() {
    profile=$(mktemp -d)
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
      --disable-sync --no-first-run --disable-quic --hide-scrollbars --user-data-dir="$profile" \
      --window-size="$1" --virtual-time-budget=30000 --screenshot="$2" "$3" > /dev/null 2>&1
    rm -rf "$profile"
  }
  shot 390,1500 "$images/explore.png" "file://$PWD/$out/explore/explore.html"
  target/release/sidecast serve scenarios/reseller.toml --port 0 > "$out/serve.txt" &
  server=$!
  until grep -q http "$out/serve.txt" 2> /dev/null; do sleep 0.2; done
  url=$(grep -o 'http://[^ ]*' "$out/serve.txt")
  shot 1280,1000 "$images/serve.png" "${url}#set=reseller.churn%3D0.15"
  kill -INT "$server"
  wait "$server"
fi

cargo run --release --quiet -- fit retention --cohorts scenarios/cohorts.csv --size 1200x675 --out "$out/fit" > /dev/null
cp "$out/fit/survival.png" "$images/survival-fit.png"
sidecast calibrate scenarios/reseller-calibrate.toml --actuals scenarios/history.csv --project scenarios/reseller.toml \
  --out "$out/calibrate"
cp "$out/calibrate/posterior-reseller-churn.png" "$images/posterior-churn.png"
echo "Wrote $(ls "$images" | wc -l) images to $images"

whatif=docs/what-if
mkdir -p "$whatif"
sidecast compare scenarios/reseller.toml --vary reseller.churn=0.10,0.17 --out "$out/compare"
cp "$out/compare/overlay.png" "$whatif/churn-overlay.png"
cp "$out/compare/difference.png" "$whatif/churn-difference.png"
sidecast sweep scenarios/reseller.toml --vary reseller.arrivals=0.5..3:11 -n 2000 --out "$out/sweep"
cp "$out/sweep/sweep.png" "$whatif/arrivals-sweep.png"
sidecast sensitivity scenarios/side-hustle.toml --out "$out/sensitivity"
cp "$out/sensitivity/tornado.png" "$whatif/side-hustle-tornado.png"
echo "Wrote $(ls "$whatif" | wc -l) images to $whatif"
sidecast sweep scenarios/reseller.toml --vary reseller.churn=0.05..0.2:4 --vary reseller.arrivals=0.5,1,2 --target-prob 30000 -n 2000 --out "$out/heatmap"
cp "$out/heatmap/heatmap.png" "$whatif/churn-arrivals-heatmap.png"
sidecast solve scenarios/reseller.toml --target "gross_profit >= 2500 in 30" --vary reseller.arrivals=0.5..10 --vary reseller.churn=0.01..0.2 --out "$out/solve"
cp "$out/solve/solve-reseller.arrivals.png" "$whatif/solve-arrivals.png"
cp "$out/solve/solve-reseller.churn.png" "$whatif/solve-churn.png"
