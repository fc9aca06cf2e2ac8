#!/usr/bin/env python3
"""Writes Tests/NetworksTests/Fixtures/network_reference.json: the loss and every parameter's
gradient of descent's transformer and MLP, computed by PyTorch in float64 on fixed weights and a
fixed batch. The Swift tests load the same weights and batch and compare with a tolerance.

Run by hand from the repository root (never in CI):
    tools/.venv/bin/python tools/make_network_fixture.py

The torch models below mirror Sources/Networks exactly: Hugging Face Llama names and conventions
(RMSNorm with eps inside the square root, RoPE with rotate_half, grouped-query heads via
repeat_interleave, SwiGLU MLP, no biases, untied output head), cross-entropy with ignore_index=-1.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.manual_seed(20240607)

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "NetworksTests", "Fixtures", "network_reference.json")


def rms_norm(x, w, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def rope(x, base):
    # x: (B, heads, T, hs)
    t, hs = x.shape[-2], x.shape[-1]
    inv_freq = 1.0 / (base ** (torch.arange(0, hs, 2, dtype=torch.float64) / hs))
    angles = torch.outer(torch.arange(t, dtype=torch.float64), inv_freq)
    emb = torch.cat((angles, angles), dim=-1)
    return x * emb.cos() + rotate_half(x) * emb.sin()


def transformer_loss(p, cfg, tokens, targets):
    B, T = tokens.shape
    C, H, KV = cfg["dim"], cfg["heads"], cfg["kv_heads"]
    hs = C // H
    eps, base = cfg["norm_epsilon"], cfg["rope_base"]
    x = p["model.embed_tokens.weight"][tokens]
    for i in range(cfg["layers"]):
        pre = f"model.layers.{i}."
        h = rms_norm(x, p[pre + "input_layernorm.weight"], eps)
        q = (h @ p[pre + "self_attn.q_proj.weight"].T).view(B, T, H, hs).transpose(1, 2)
        k = (h @ p[pre + "self_attn.k_proj.weight"].T).view(B, T, KV, hs).transpose(1, 2)
        v = (h @ p[pre + "self_attn.v_proj.weight"].T).view(B, T, KV, hs).transpose(1, 2)
        q, k = rope(q, base), rope(k, base)
        k = k.repeat_interleave(H // KV, dim=1)
        v = v.repeat_interleave(H // KV, dim=1)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(hs)
        mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
        att = scores.masked_fill(mask, float("-inf")).softmax(-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, C)
        x = x + y @ p[pre + "self_attn.o_proj.weight"].T
        h = rms_norm(x, p[pre + "post_attention_layernorm.weight"], eps)
        gate = h @ p[pre + "mlp.gate_proj.weight"].T
        up = h @ p[pre + "mlp.up_proj.weight"].T
        x = x + (F.silu(gate) * up) @ p[pre + "mlp.down_proj.weight"].T
    x = rms_norm(x, p["model.norm.weight"], eps)
    logits = x @ p["lm_head.weight"].T
    return F.cross_entropy(logits.reshape(B * T, -1), targets.reshape(-1), ignore_index=-1)


def transformer_case():
    cfg = dict(vocabulary=11, context=5, dim=8, layers=2, heads=2, kv_heads=1, hidden=12,
               rope_base=10000.0, norm_epsilon=1e-5)
    C, V, F_, kv = cfg["dim"], cfg["vocabulary"], cfg["hidden"], cfg["kv_heads"] * cfg["dim"] // cfg["heads"]
    shapes = [("model.embed_tokens.weight", (V, C))]
    for i in range(cfg["layers"]):
        pre = f"model.layers.{i}."
        shapes += [
            (pre + "self_attn.q_proj.weight", (C, C)),
            (pre + "self_attn.k_proj.weight", (kv, C)),
            (pre + "self_attn.v_proj.weight", (kv, C)),
            (pre + "self_attn.o_proj.weight", (C, C)),
            (pre + "mlp.gate_proj.weight", (F_, C)),
            (pre + "mlp.up_proj.weight", (F_, C)),
            (pre + "mlp.down_proj.weight", (C, F_)),
            (pre + "input_layernorm.weight", (C,)),
            (pre + "post_attention_layernorm.weight", (C,)),
        ]
    shapes += [("model.norm.weight", (C,)), ("lm_head.weight", (V, C))]
    params = {}
    for name, shape in shapes:
        if len(shape) == 1:
            t = 1.0 + 0.1 * torch.randn(shape)
        else:
            t = torch.randn(shape) / math.sqrt(shape[1])
        params[name] = t.requires_grad_()
    tokens = torch.randint(0, V, (3, cfg["context"]))
    targets = torch.randint(0, V, (3, cfg["context"]))
    targets[0, 0] = -1
    targets[2, 3] = -1
    loss = transformer_loss(params, cfg, tokens, targets)
    loss.backward()
    return dict(
        config=cfg,
        tokens=tokens.reshape(-1).tolist(),
        targets=targets.reshape(-1).tolist(),
        rows=3,
        loss=loss.item(),
        parameters={n: params[n].detach().reshape(-1).tolist() for n, _ in shapes},
        gradients={n: params[n].grad.reshape(-1).tolist() for n, _ in shapes},
        order=[n for n, _ in shapes],
    )


def mlp_case():
    widths = [3, 6, 5, 4]
    names = []
    params = {}
    for i in range(len(widths) - 1):
        bound = 1 / math.sqrt(widths[i])
        params[f"mlp.{i}.weight"] = ((torch.rand(widths[i + 1], widths[i]) * 2 - 1) * bound).requires_grad_()
        params[f"mlp.{i}.bias"] = ((torch.rand(widths[i + 1]) * 2 - 1) * bound).requires_grad_()
        names += [f"mlp.{i}.weight", f"mlp.{i}.bias"]
    x = torch.randn(7, widths[0])
    targets = torch.randint(0, widths[-1], (7,))
    h = x
    for i in range(len(widths) - 1):
        h = h @ params[f"mlp.{i}.weight"].T + params[f"mlp.{i}.bias"]
        if i < len(widths) - 2:
            h = F.gelu(h)
    loss = F.cross_entropy(h, targets)
    loss.backward()
    return dict(
        config=dict(inputs=widths[0], hidden=widths[1:-1], classes=widths[-1], activation="gelu"),
        features=x.reshape(-1).tolist(),
        targets=targets.tolist(),
        rows=7,
        loss=loss.item(),
        parameters={n: params[n].detach().reshape(-1).tolist() for n in names},
        gradients={n: params[n].grad.reshape(-1).tolist() for n in names},
        order=names,
    )


def main():
    fixture = dict(
        generator="tools/make_network_fixture.py",
        torch=torch.__version__,
        dtype="float64",
        transformer=transformer_case(),
        mlp=mlp_case(),
    )
    for case in ("transformer", "mlp"):
        assert math.isfinite(fixture[case]["loss"])
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT)}: transformer loss {fixture['transformer']['loss']:.6f}, "
          f"mlp loss {fixture['mlp']['loss']:.6f}")


if __name__ == "__main__":
    main()
