#!/usr/bin/env python3
"""Time `descent partition` on a 70B-parameter model's sharded header set.

Run by hand from the repository root (standard library only; any python3, e.g.
tools/.venv/bin/python) after a release build:

    swift build -c release
    tools/.venv/bin/python tools/partition_speed.py [--descent .build/release/descent] [--runs 10]

Builds, in a temporary folder, a Llama-3-70B-shaped checkpoint: config.json,
model.safetensors.index.json and 30 shards whose headers are real and whose data
sections are holes (sparse files: about 141 GB claimed, nothing written). The
tensor list comes from `descent partition config.json` itself (transformers'
names for LlamaForCausalLM). Then runs `descent partition FOLDER --format json`
several times and prints the wall time of each run, the median and the fastest,
after checking the report covers all 723 tensors.
"""

import argparse
import json
import os
import statistics
import struct
import subprocess
import tempfile
import time

CONFIG = {
    "architectures": ["LlamaForCausalLM"], "hidden_size": 8192, "intermediate_size": 28672,
    "num_hidden_layers": 80, "num_attention_heads": 64, "num_key_value_heads": 8,
    "vocab_size": 128256, "tie_word_embeddings": False, "torch_dtype": "bfloat16",
}
SHARDS = 30


def write_shard(path, tensors):
    entries, offset = {"__metadata__": {"format": "pt"}}, 0
    for name, shape in tensors:
        size = 2
        for d in shape:
            size *= d
        entries[name] = {"dtype": "BF16", "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    header = json.dumps(entries, separators=(",", ":")).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header)))
        f.write(header)
        f.truncate(8 + len(header) + offset)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--descent", default=".build/release/descent")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, "config.json")
        with open(config, "w") as f:
            json.dump(CONFIG, f)
        listed = json.loads(subprocess.run([args.descent, "partition", config, "--format", "json"],
                                           check=True, capture_output=True, text=True).stdout)
        tensors = [(t["name"], t["shape"]) for t in listed["tensors"]]
        weight_map = {}
        for shard in range(SHARDS):
            name = "model-%05d-of-%05d.safetensors" % (shard + 1, SHARDS)
            part = tensors[shard * len(tensors) // SHARDS:(shard + 1) * len(tensors) // SHARDS]
            write_shard(os.path.join(folder, name), part)
            weight_map.update({n: name for n, _ in part})
        with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
            json.dump({"metadata": {"total_size": 2 * listed["parameters"]}, "weight_map": weight_map}, f)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            out = subprocess.run([args.descent, "partition", folder, "--format", "json"],
                                 check=True, capture_output=True, text=True).stdout
            times.append(time.perf_counter() - start)
        report = json.loads(out)
        assert len(report["tensors"]) == len(tensors) == 723, len(report["tensors"])
        print("model: %d tensors, %d parameters, %d shards (sparse), %s" %
              (len(tensors), report["parameters"], SHARDS, report["memory"]["dtype"]))
        print("runs: " + " ".join("%.3f" % t for t in times) + " s")
        print("median %.3f s, fastest %.3f s (target: under 0.5 s)" % (statistics.median(times), min(times)))


if __name__ == "__main__":
    main()
