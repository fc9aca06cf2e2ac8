#!/usr/bin/env python3
"""Eigenvalues for the block-heterogeneity quadratics, taken from a GPT-2's block Hessians.

Run by hand (never in CI) from the repository root, inside the virtualenv described in
tools/README.md:

    tools/.venv/bin/python tools/make_heterogeneous_spectra.py

Prints the `blocks = [...]` lines of scenarios/heterogeneous-transformer.toml and
scenarios/homogeneous-cnn-like.toml.

The construction follows Zhang et al. 2024 ("Why Transformers Need Adam: A Hessian
Perspective", arXiv 2402.16788, the quadratic Case 1): four blocks of 25 eigenvalues, each
drawn from the Hessian spectrum of one parameter block of a GPT-2 at initialisation (the token
embedding, and the query, value and MLP input weights of the third layer), then mapped together,
one map for all 100, onto [1, 5000], so the whole Hessian's condition number is 5000 and the
blocks keep their order and their shapes.

Here the GPT-2 is a small one (transformers' GPT2LMHeadModel: 4 layers, width 16, 2 heads, a
vocabulary of 64, random initialisation with seed 0, float64), the loss the language-model
cross-entropy on one fixed batch of random tokens, and each block's Hessian is exact
(torch.func.hessian on that block alone). "Drawn from the spectrum" is made deterministic: the
25 values are quantiles of the block's positive eigenvalues at 0.1, ..., 1 (evenly spaced; the
lowest tenth is left out because it reaches down to rounding noise, 1e-18 and below).

One departure from the paper: it shifts and scales linearly. This network's block spectra at
initialisation are half negative and their positive parts span nine decades (the query block's
largest eigenvalue is 4e-6, the embedding's 1.8), and a linear map onto [1, 5000] collapses the
query, value and MLP blocks onto one value. So the map is linear on the log scale instead,
lambda' = c lambda^p, which keeps each block's shape on a log axis, where such spectra are drawn.
The homogeneous counterpart deals the same 100 values out in turn (sorted, the i-th to block
i mod 4), so every block has the shape of the whole spectrum, as the paper's Case 4 is made
from Case 3: same overall spectrum, no heterogeneity.
"""

import numpy as np
import torch
from transformers import GPT2Config, GPT2LMHeadModel

BLOCK_SIZE = 25
LOW, HIGH = 1.0, 5000.0


def model_and_batch():
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=64, n_positions=16, n_embd=16, n_layer=4, n_head=2,
                        resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
    # Plain attention: the fused kernels have no forward-mode derivative for the Hessian.
    config._attn_implementation = "eager"
    model = GPT2LMHeadModel(config).double().eval()
    tokens = torch.randint(0, config.vocab_size, (8, 16), generator=torch.Generator().manual_seed(1))
    return model, tokens


def block_hessian(model, tokens, name, columns=None):
    """The exact Hessian of the loss in one parameter tensor (or a column range of it)."""
    params = dict(model.named_parameters())
    full = params[name].detach()
    piece = full if columns is None else full[:, columns[0]:columns[1]]

    def loss(x):
        if columns is None:
            value = x
        else:
            value = torch.cat([full[:, :columns[0]], x, full[:, columns[1]:]], dim=1)
        replaced = {k: (value if k == name else v.detach()) for k, v in params.items()}
        out = torch.func.functional_call(model, replaced, (tokens,), {"labels": tokens})
        return out.loss

    h = torch.func.hessian(loss)(piece.clone())
    n = piece.numel()
    return h.reshape(n, n).numpy()


def main():
    model, tokens = model_and_batch()
    width = model.config.n_embd
    layer = "transformer.h.2"
    blocks = [
        ("embedding", "transformer.wte.weight", None),
        ("query (layer 3)", f"{layer}.attn.c_attn.weight", (0, width)),
        ("value (layer 3)", f"{layer}.attn.c_attn.weight", (2 * width, 3 * width)),
        ("MLP (layer 3)", f"{layer}.mlp.c_fc.weight", None),
    ]
    drawn = []
    for label, name, columns in blocks:
        h = block_hessian(model, tokens, name, columns)
        eig = np.linalg.eigvalsh((h + h.T) / 2)
        positive = eig[eig > 0]
        print(f"# {label}: {eig.size} eigenvalues in [{eig[0]:.4g}, {eig[-1]:.4g}], {positive.size} positive")
        drawn.append(np.quantile(positive, np.linspace(0.1, 1.0, BLOCK_SIZE)))
    logs = [np.log(d) for d in drawn]
    low, high = min(l.min() for l in logs), max(l.max() for l in logs)
    span = np.log(HIGH) - np.log(LOW)
    scaled = [np.exp(np.log(LOW) + (l - low) * span / (high - low)) for l in logs]

    def line(spectrum):
        return "  { eigenvalues = [" + ", ".join(f"{x:.6g}" for x in sorted(spectrum)) + "] },"

    print("# heterogeneous (transformer-shaped)")
    print("blocks = [")
    for spectrum in scaled:
        print(line(spectrum))
    print("]")
    everything = np.sort(np.concatenate(scaled))
    print("# homogeneous (the same values dealt out in turn)")
    print("blocks = [")
    for b in range(len(blocks)):
        print(line(everything[b::len(blocks)]))
    print("]")


if __name__ == "__main__":
    main()
