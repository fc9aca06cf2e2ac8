#!/usr/bin/env python3
"""Trains descent's default network in PyTorch and prints JSON comparable to
`descent train --format json`: the same Llama-style transformer (RMSNorm, RoPE attention with
optional grouped-query heads, SwiGLU, untied head; Hugging Face names), the same modular-addition
task (a + b mod p as [a, b, =], loss on the last position, half the pairs for training), the same
batch size and optimizer settings, on a fixed number of CPU threads (2 by default).

Run by hand from the repository root:
    tools/.venv/bin/python tools/bench_torch_training.py --optimizer adamw --steps 1500
    tools/.venv/bin/python tools/bench_torch_training.py --optimizer adam-mini
and compare `tokens_per_second` with
    descent train --optimizer adamw --steps 1500 --format json
or let the script run both, and torch a second time with subnormals flushed, and print the ratios:
    tools/.venv/bin/python tools/bench_torch_training.py --descent .build/release/descent

The data split and initial weights come from torch's RNG, not descent's, so losses agree in
trend, not digit for digit; throughput is the point.
"""
import argparse
import json
import math
import subprocess
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Attention(nn.Module):
    def __init__(self, dim, heads, kv_heads):
        super().__init__()
        self.heads, self.kv_heads, self.hs = heads, kv_heads, dim // heads
        self.q_proj = nn.Linear(dim, dim, bias=False)
        self.k_proj = nn.Linear(dim, kv_heads * self.hs, bias=False)
        self.v_proj = nn.Linear(dim, kv_heads * self.hs, bias=False)
        self.o_proj = nn.Linear(dim, dim, bias=False)

    def forward(self, x, cos, sin):
        B, T, C = x.shape
        q = self.q_proj(x).view(B, T, self.heads, self.hs).transpose(1, 2)
        k = self.k_proj(x).view(B, T, self.kv_heads, self.hs).transpose(1, 2)
        v = self.v_proj(x).view(B, T, self.kv_heads, self.hs).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=self.kv_heads != self.heads)
        return self.o_proj(y.transpose(1, 2).reshape(B, T, C))


class MLP(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden, bias=False)
        self.up_proj = nn.Linear(dim, hidden, bias=False)
        self.down_proj = nn.Linear(hidden, dim, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Layer(nn.Module):
    def __init__(self, dim, heads, kv_heads, hidden, eps):
        super().__init__()
        self.self_attn = Attention(dim, heads, kv_heads)
        self.mlp = MLP(dim, hidden)
        self.input_layernorm = RMSNorm(dim, eps)
        self.post_attention_layernorm = RMSNorm(dim, eps)

    def forward(self, x, cos, sin):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin)
        return x + self.mlp(self.post_attention_layernorm(x))


class Body(nn.Module):
    def __init__(self, vocab, dim, layers, heads, kv_heads, hidden, eps):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.layers = nn.ModuleList(Layer(dim, heads, kv_heads, hidden, eps) for _ in range(layers))
        self.norm = RMSNorm(dim, eps)


class Transformer(nn.Module):
    def __init__(self, vocab, context, dim, layers, heads, kv_heads, hidden, eps=1e-5, base=10000.0):
        super().__init__()
        self.model = Body(vocab, dim, layers, heads, kv_heads, hidden, eps)
        self.lm_head = nn.Linear(dim, vocab, bias=False)
        hs = dim // heads
        inv_freq = 1.0 / (base ** (torch.arange(0, hs, 2, dtype=torch.float64) / hs))
        angles = torch.outer(torch.arange(context, dtype=torch.float64), inv_freq)
        emb = torch.cat((angles, angles), dim=-1)
        self.register_buffer("cos", emb.cos().float(), persistent=False)
        self.register_buffer("sin", emb.sin().float(), persistent=False)
        # descent's initialisation: embeddings N(0, 1), linears N(0, 1/in), residual projections / sqrt(2L).
        for name, p in self.named_parameters():
            if p.dim() == 2:
                std = 1.0 if "embed_tokens" in name else 1 / math.sqrt(p.shape[1])
                if "o_proj" in name or "down_proj" in name:
                    std /= math.sqrt(2 * layers)
                nn.init.normal_(p, std=std)

    def forward(self, tokens):
        x = self.model.embed_tokens(tokens)
        for layer in self.model.layers:
            x = layer(x, self.cos, self.sin)
        return self.lm_head(self.model.norm(x))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--optimizer", choices=["adamw", "adam-mini"], default="adamw")
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--modulus", type=int, default=97)
    parser.add_argument("--train-fraction", type=float, default=0.5)
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--layers", type=int, default=1)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--kv-heads", type=int, default=None)
    parser.add_argument("--hidden", type=int, default=None)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--weight-decay", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--flush-denormal", action="store_true", help="flush subnormal floats to zero (descent's training does)")
    parser.add_argument("--descent", metavar="BINARY", action="append", help="also run this descent binary (repeatable) "
                        "on the same settings, and torch with and without flushing, and print tokens/s ratios "
                        "(descent uses every core, so give --threads the machine's core count)")
    args = parser.parse_args()
    if args.descent:
        compare(args)
    else:
        print(json.dumps(train(args, args.flush_denormal), sort_keys=True))


def compare(args):
    """Runs descent, stock torch and torch with subnormals flushed, one after the other."""
    # torch does not clip: --clip 1e9 is a bound never reached (older descent builds have no --clip 0).
    command = ["train", "--optimizer", args.optimizer, "--steps", str(args.steps),
               "--modulus", str(args.modulus), "--train-fraction", str(args.train_fraction), "--dim", str(args.dim),
               "--layers", str(args.layers), "--heads", str(args.heads), "--batch", str(args.batch),
               "--lr", str(args.lr), "--weight-decay", str(args.weight_decay), "--seed", str(args.seed),
               "--schedule", "constant", "--clip", "1e9", "--format", "json"]
    if args.kv_heads:
        command += ["--kv-heads", str(args.kv_heads)]
    if args.hidden:
        command += ["--hidden", str(args.hidden)]
    runs = []
    for binary in args.descent:
        output = json.loads(subprocess.run([binary] + command, check=True, capture_output=True, text=True).stdout)
        runs.append((binary, output[0] if isinstance(output, list) else output))
    stock = train(args, False)
    flushed = train(args, True)
    for name, result in runs + [("torch", stock), ("torch flush_denormal", flushed)]:
        print(json.dumps(dict(run=name, tokens_per_second=result["tokens_per_second"],
                              eval_accuracy=result["eval_accuracy"], seconds=result["seconds"])))
    for binary, result in runs:
        rate = result["tokens_per_second"]
        print(f"{binary} / torch: {rate / stock['tokens_per_second']:.2f}x   "
              f"/ torch flush_denormal: {rate / flushed['tokens_per_second']:.2f}x")


def train(args, flush):
    """Trains torch's copy of the model and returns the summary `descent train --format json` prints."""
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(flush)
    torch.manual_seed(args.seed)
    p = args.modulus
    kv_heads = args.kv_heads or args.heads
    hidden = args.hidden or 4 * args.dim

    pairs = torch.randperm(p * p)
    cut = round(p * p * args.train_fraction)
    def examples(indices):
        a, b = indices // p, indices % p
        return torch.stack([a, b, torch.full_like(a, p)], dim=1), (a + b) % p
    train_x, train_y = examples(pairs[:cut])
    val_x, val_y = examples(pairs[cut:])

    net = Transformer(p + 1, 3, args.dim, args.layers, args.heads, kv_heads, hidden)
    if args.optimizer == "adamw":
        opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay, foreach=False)
    else:
        from adam_mini import Adam_mini
        opt = Adam_mini(net.named_parameters(), lr=args.lr, weight_decay=args.weight_decay,
                        dim=args.dim, n_heads=args.heads, n_kv_heads=kv_heads, verbose=False)

    def loss_of(x, y):
        return F.cross_entropy(net(x)[:, -1, :], y)

    losses = []
    start = time.perf_counter()
    for _ in range(args.steps):
        idx = torch.randint(0, len(train_x), (args.batch,))
        loss = loss_of(train_x[idx], train_y[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    seconds = time.perf_counter() - start
    with torch.no_grad():
        logits = net(val_x)[:, -1, :]
        eval_loss = F.cross_entropy(logits, val_y).item()
        eval_accuracy = (logits.argmax(-1) == val_y).double().mean().item()
    state = sum(t.numel() for s in opt.state.values() for k, t in s.items()
                if torch.is_tensor(t) and k in ("exp_avg", "exp_avg_sq", "m", "v", "vmean"))
    tail = losses[-20:]
    return dict(
        model="transformer (torch)", optimizer=args.optimizer, threads=args.threads, torch=torch.__version__,
        parameters=sum(t.numel() for t in net.parameters()),
        initial_loss=losses[0] if losses else None, final_loss=sum(tail) / len(tail) if tail else None,
        eval_loss=eval_loss, eval_accuracy=eval_accuracy, chance_accuracy=1 / p,
        optimizer_state_elements=state, steps=args.steps, seconds=seconds,
        flush_denormal=flush, tokens_per_second=args.steps * args.batch * 3 / seconds)


if __name__ == "__main__":
    main()
