#!/usr/bin/env bash
# `dubbelkoll serve` on a round of 1,000 generated submissions: how long
# from start to the first page (with a warm cache), and from a changed
# file to the page that shows it. Usage: benches/serve.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
cargo build --release --locked --quiet
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
cargo run --release --locked --quiet --example gen_corpus -- --count "$count" --out "$work/in" --seed 7 >/dev/null
bin="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/dubbelkoll"
export XDG_CACHE_HOME="$work/cache"
(cd "$work" && "$bin" check in >/dev/null 2>&1 || true)   # warm the cache
ms() { date +%s%3N; }
start=$(ms)
(cd "$work" && exec "$bin" serve in >"$work/url" 2>"$work/err") &
pid=$!
until grep -q http "$work/url" 2>/dev/null; do
  kill -0 $pid 2>/dev/null || { cat "$work/err"; exit 2; }
  sleep 0.01
done
url=$(grep -o 'http://[^ ]*' "$work/url")
curl -fs "$url" -o /dev/null
first=$(( $(ms) - start ))
gen=$(curl -fs "${url}generation")
changed=$(cd "$work/in" && find . -name "*.txt" | sort | sed -n 1p)
start=$(ms)
printf '\nEtt tillägg i efterhand.\n' >> "$work/in/$changed"
until [ "$(curl -fs "${url}generation")" != "$gen" ]; do sleep 0.01; done
curl -fs "$url" -o /dev/null
reflected=$(( $(ms) - start ))
echo "$count submissions: first page ${first} ms after start (warm cache); a changed file shown ${reflected} ms after the change"
