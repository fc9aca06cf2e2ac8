#!/usr/bin/env python3
"""Times torch's AdamW (fused and foreach) and the official Adam-mini on the same transformer-shaped
float32 model as `descent bench`, with the same threads, and prints the same JSON, so the
comparison is one command away:

    tools/.venv/bin/python tools/bench_torch_optim.py --threads 2
    .build/release/descent bench --threads 2 --format json

Run by hand (needs torch and adam-mini, see requirements.txt); never in CI.
"""
import argparse
import json
import resource
import statistics
import time

import torch


def layout(parameters):
    """The same Llama-style tensors as descent's BenchModel (width 512, 8 heads, MLP 1376 from 6.4M up)."""
    dim = 512
    while dim > 32 and 2 * 3200 * dim // 4 + 4 * dim * dim + 3 * dim * (dim * 43 // 16) > parameters:
        dim //= 2
    hidden, vocab = dim * 43 // 16, (3200 if dim == 512 else 800)
    per_layer = 4 * dim * dim + 3 * dim * hidden + 2 * dim
    layers = max(1, round((parameters - (2 * vocab * dim + dim)) / per_layer))
    tensors = [("model.embed_tokens.weight", (vocab, dim))]
    for i in range(layers):
        p = f"model.layers.{i}."
        tensors += [(p + "self_attn.q_proj.weight", (dim, dim)), (p + "self_attn.k_proj.weight", (dim, dim)),
                    (p + "self_attn.v_proj.weight", (dim, dim)), (p + "self_attn.o_proj.weight", (dim, dim)),
                    (p + "mlp.gate_proj.weight", (hidden, dim)), (p + "mlp.up_proj.weight", (hidden, dim)),
                    (p + "mlp.down_proj.weight", (dim, hidden)),
                    (p + "input_layernorm.weight", (dim,)), (p + "post_attention_layernorm.weight", (dim,))]
    tensors += [("model.norm.weight", (dim,)), ("lm_head.weight", (vocab, dim))]
    return tensors, dim, 8


class Named(torch.nn.Module):
    """A module whose named_parameters() are exactly the given names."""

    def __init__(self, tensors):
        super().__init__()
        self._names = []
        for name, shape in tensors:
            key = name.replace(".", "__")
            self.register_parameter(key, torch.nn.Parameter(torch.empty(shape).uniform_(-0.01, 0.01)))
            self._names.append((name, key))

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        for name, key in self._names:
            yield name, getattr(self, key)


def timed(step, repetitions):
    for _ in range(3):
        step()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--params", type=int, default=16_000_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repetitions", type=int, default=15)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    tensors, dim, heads = layout(args.params)
    count = sum(torch.Size(s).numel() for _, s in tensors)

    x = torch.ones(count)
    y = torch.full((count,), 1e-7)
    bandwidth = 12 * count / statistics.median(timed(lambda: x.add_(y, alpha=0.5), args.repetitions)) / 1e9
    del x, y

    results = []

    def run(label, make, bytes_per_param):
        model = Named(tensors)
        for p in model.parameters():
            p.grad = torch.empty_like(p).uniform_(-5e-4, 5e-4)
        optimizer = make(model)
        times = timed(optimizer.step, args.repetitions)
        t = statistics.median(times)
        state = sum(v.numel() * v.element_size() for s in optimizer.state.values() for v in s.values()
                    if torch.is_tensor(v) and v.dim() > 0)
        results.append({"optimizer": label, "parameters": count, "threads": args.threads,
                        "ns_per_param": t * 1e9 / count, "bytes_per_param": bytes_per_param,
                        "gb_per_s": bytes_per_param * count / t / 1e9,
                        "roofline_fraction": bytes_per_param * count / t / 1e9 / bandwidth,
                        "state_bytes": state, "median_ms": t * 1e3, "min_ms": min(times) * 1e3, "max_ms": max(times) * 1e3})

    run("torch-adamw-fused", lambda m: torch.optim.AdamW(m.parameters(), lr=1e-3, fused=True), 28)
    run("torch-adamw-foreach", lambda m: torch.optim.AdamW(m.parameters(), lr=1e-3, foreach=True), 28)
    from adam_mini import Adam_mini
    run("official-adam-mini", lambda m: Adam_mini(named_parameters=list(m.named_parameters()), lr=1e-3, dim=dim,
                                                n_heads=heads, verbose=False), 20)
    print(json.dumps({"bandwidth_gb_per_s": bandwidth,
                      "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                      "results": results}))


if __name__ == "__main__":
    main()
