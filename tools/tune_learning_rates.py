#!/usr/bin/env python3
"""Grid-search each optimizer's learning rate in a scenario, with descent itself.

Run by hand from the repository root after `swift build` (standard library only; the
virtualenv of tools/README.md will do):

    tools/.venv/bin/python tools/tune_learning_rates.py scenarios/heterogeneous-transformer.toml

For every [[optimizer]] table of the file that sets `lr`, it writes a copy of the scenario
holding that optimizer alone (no claims) with `lr` set to each value of the grid, runs
`descent run --format json` on it for the scenario's [run] steps, and reports the rate with the
lowest final loss (a run that diverged counts as infinitely bad). The grid is every quarter
decade from 1e-6 to 10, the factor the visualizer's `{` and `}` keys step by: 29 rates. With
--refine it then tries an eighth of a decade on either side of the best one, and a sixteenth on
either side of the best after that.

The optimizer tables must each set `lr` on a line of its own (`lr = 0.05`), as the shipped
scenarios do; the file is otherwise copied as it is.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import tomllib

GRID = [10 ** (k / 4) for k in range(-24, 5)]


def sections(text):
    """The file split into its head and its [[optimizer]] and [[claim]] tables, in order."""
    parts = re.split(r"(?m)^(?=\[\[(?:optimizer|claim)\]\])", text)
    return parts[0], parts[1:]


def final_loss(descent, text, steps, folder):
    path = os.path.join(folder, "tune.toml")
    with open(path, "w") as f:
        f.write(text)
    out = subprocess.run([descent, "run", path, "--format", "json", "--steps", str(steps)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"descent run failed: {out.stderr.strip()}")
    racer = json.loads(out.stdout)["optimizers"][0]
    loss = racer["final_loss"]
    if racer["diverged_step"] is not None or loss is None or not math.isfinite(loss):
        return math.inf
    return loss


def tune(descent, path, refine):
    with open(path) as f:
        text = f.read()
    scenario = tomllib.loads(text)
    steps = scenario.get("run", {}).get("steps", 100)
    head, tables = sections(text)
    optimizers = [t for t in tables if t.startswith("[[optimizer]]")]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for table, entry in zip(optimizers, scenario.get("optimizer", [])):
            if "lr" not in entry:
                continue
            label = entry.get("label", entry["type"])

            def run(lr):
                changed = re.sub(r"(?m)^lr = .*$", f"lr = {lr:.6g}", table)
                return final_loss(descent, head + changed, steps, folder)

            losses = {lr: run(lr) for lr in GRID}
            best = min(losses, key=losses.get)
            if refine:
                for step in (10 ** 0.125, 10 ** 0.0625):
                    for lr in (best / step, best * step):
                        losses[lr] = run(lr)
                    best = min(losses, key=losses.get)
            results.append((label, entry["lr"], best, losses[best], losses))
    return steps, results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="+")
    parser.add_argument("--descent", default=".build/debug/descent")
    parser.add_argument("--refine", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every rate's final loss")
    args = parser.parse_args()
    for path in args.scenario:
        steps, results = tune(args.descent, path, args.refine)
        print(f"{path} ({steps} steps)")
        for label, current, best, loss, losses in results:
            print(f"  {label:30} best lr {best:.6g} (final loss {loss:.4g}); the file has {current:.6g}")
            if args.verbose:
                for lr in sorted(losses):
                    print(f"      lr {lr:<12.6g} {losses[lr]:.4g}")


if __name__ == "__main__":
    main()
