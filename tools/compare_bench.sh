#!/usr/bin/env bash
# Runs descent bench and tools/bench_torch_optim.py back to back on the same model size and
# threads, and prints the ratios that matter. Run by hand; needs a release build and the venv
# of tools/requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
params=${2:-16000000}
python=${PYTHON:-tools/.venv/bin/python}
descent=$(.build/release/descent bench --threads "$threads" --params "$params" --optimizers adamw,adam-mini,adam,sgd,momentum,adagrad,rmsprop --format json)
torch=$("$python" tools/bench_torch_optim.py --threads "$threads" --params "$params")
python3 - "$descent" "$torch" <<'PY'
import json, sys
d, t = json.loads(sys.argv[1]), json.loads(sys.argv[2])
ours = {r["optimizer"]: r for r in d["results"]}
theirs = {r["optimizer"]: r for r in t["results"]}
print(f"descent roofline {d['bandwidth_gb_per_s']:.1f} GB/s, torch's in-place add {t['bandwidth_gb_per_s']:.1f} GB/s")
for name, r in ours.items():
    print(f"  descent {name:10s} {r['ns_per_param']:.3f} ns/param  {100 * r['roofline_fraction']:.0f}% of roofline  state {r['state_bytes'] / 1e6:.1f} MB")
for name, r in theirs.items():
    print(f"  {name:26s} {r['ns_per_param']:.3f} ns/param")
fused = theirs["torch-adamw-fused"]["ns_per_param"]
print(f"descent adamw vs torch fused adamw: {fused / ours['adamw']['ns_per_param']:.2f}x as fast")
print(f"descent adam-mini vs torch fused adamw: {fused / ours['adam-mini']['ns_per_param']:.2f}x as fast")
print(f"descent adam-mini vs official adam-mini: {theirs['official-adam-mini']['ns_per_param'] / ours['adam-mini']['ns_per_param']:.1f}x as fast")
PY
