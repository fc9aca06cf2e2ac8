#!/usr/bin/env python3
"""Generate golden reference fixtures for the optimizer core tests.

Run by hand (never in CI) from the repository root, inside the virtualenv
described in tools/README.md:

    tools/.venv/bin/python tools/make_fixtures.py

Writes, under Tests/OptimizerCoreTests/Fixtures/:
  trajectories.json    optimizer trajectories from torch.optim and the official Adam-mini
  schedules.json       learning rates per step from torch.optim.lr_scheduler
  adam_mini_blocks.json  the official Adam-mini's block counts and weight-decay flags

Everything is deterministic: fixed seeds, one thread, torch's single-tensor
optimizer code paths (foreach=False, fused off).

The gradient rule used for every trajectory (the Swift side reproduces it):
at each step the current parameters are cast to float64, the loss and its
gradient are computed in float64, the gradient is cast to the run's dtype and
assigned to .grad, then optimizer.step() is called.  Trajectory rows are the
float64 values of the (possibly float32) parameters; losses are float64.
"""

import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import adam_mini
from adam_mini import Adam_mini

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "Tests", "OptimizerCoreTests", "Fixtures")
GENERATOR = "tools/make_fixtures.py"
ADAM_MINI_VERSION = "1.1.1"

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)


def torch_version():
    return torch.__version__


def adam_mini_version():
    try:
        from importlib.metadata import version
        return version("adam-mini")
    except Exception:  # pragma: no cover
        return ADAM_MINI_VERSION


# ---------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------

def rosenbrock(v):
    x, y = v[0], v[1]
    return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2


def himmelblau(v):
    x, y = v[0], v[1]
    return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2


def beale(v):
    x, y = v[0], v[1]
    return ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2
            + (2.625 - x + x * y * y * y) ** 2)


SURFACES = {
    "rosenbrock": (rosenbrock, [-1.2, 1.0]),
    "himmelblau": (himmelblau, [-1.0, -1.0]),
    "beale": (beale, [1.0, 1.5]),
}

QUAD_BLOCK_SIZES = [3, 3, 3]
QUAD_EIG_RANGES = [(1.0, 2.0), (10.0, 20.0), (100.0, 200.0)]
QUAD_SEED = 20240611


def make_quadratic():
    """Block-diagonal H with three dense rotated 3x3 blocks, eigenvalues
    linspace(lo, hi, 3) per block; minimum m and start point from the seed."""
    rng = np.random.default_rng(QUAD_SEED)
    n = sum(QUAD_BLOCK_SIZES)
    H = np.zeros((n, n))
    off = 0
    for size, (lo, hi) in zip(QUAD_BLOCK_SIZES, QUAD_EIG_RANGES):
        q, r = np.linalg.qr(rng.standard_normal((size, size)))
        q = q * np.sign(np.diag(r))
        lam = np.linspace(lo, hi, size)
        blk = q @ np.diag(lam) @ q.T
        blk = 0.5 * (blk + blk.T)
        H[off:off + size, off:off + size] = blk
        off += size
    m = np.round(rng.uniform(-1.0, 1.0, n), 3)
    start = np.round(m + rng.uniform(-2.0, 2.0, n), 3)
    return H, m, start


QUAD_H, QUAD_M, QUAD_START = make_quadratic()
QUAD_H_T = torch.tensor(QUAD_H, dtype=torch.float64)
QUAD_M_T = torch.tensor(QUAD_M, dtype=torch.float64)


def quadratic_loss_grad(x64):
    """f = 1/2 (x-m)^T H (x-m), g = H (x-m), all float64."""
    d = x64 - QUAD_M_T
    g = QUAD_H_T @ d
    f = 0.5 * torch.dot(d, g)
    return f.item(), g


def surface_loss_grad(fn, x64):
    x = x64.detach().clone().requires_grad_(True)
    f = fn(x)
    (g,) = torch.autograd.grad(f, x)
    return f.item(), g.detach()


def loss_grad(problem, x64):
    if problem == "quadratic":
        return quadratic_loss_grad(x64)
    return surface_loss_grad(SURFACES[problem][0], x64)


# ---------------------------------------------------------------------------
# Optimizer configurations
# ---------------------------------------------------------------------------

SGD_DEFAULTS = dict(momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False)
ADAGRAD_DEFAULTS = dict(lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10)
RMSPROP_DEFAULTS = dict(alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False)
ADAM_DEFAULTS = dict(betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0, amsgrad=False)
ADAMW_DEFAULTS = dict(betas=[0.9, 0.999], eps=1e-8, weight_decay=0.01, amsgrad=False)
ADAM_MINI_DEFAULTS = dict(betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0,
                          dim=2048, n_heads=32, n_kv_heads=32)

# Learning rates per family and problem (chosen so that every run is finite
# and moving; checked by validate()).
LR = {
    "gd":       {"rosenbrock": 1e-3,  "himmelblau": 2e-3, "beale": 1e-2, "quadratic": 8e-3},
    "momentum": {"rosenbrock": 2e-4,  "himmelblau": 2e-3, "beale": 2e-3, "quadratic": 2e-3},
    "adaptive": {"rosenbrock": 5e-2,  "himmelblau": 1e-1, "beale": 5e-2, "quadratic": 5e-2},
    "adagrad":  {"rosenbrock": 2e-1,  "himmelblau": 3e-1, "beale": 2e-1, "quadratic": 2e-1},
    "rmsprop":  {"rosenbrock": 1e-2,  "himmelblau": 3e-2, "beale": 1e-2, "quadratic": 1e-2},
    "rmsprop_m": {"rosenbrock": 2e-3, "himmelblau": 5e-3, "beale": 2e-3, "quadratic": 2e-3},
}

# (id suffix, optimizer, lr family, options overriding the defaults, extra)
CONFIGS = [
    ("gd", "gd", "gd", {}),
    ("sgd/dampening", "sgd", "momentum", {"momentum": 0.9, "dampening": 0.5}),
    ("sgd/weight_decay", "sgd", "gd", {"weight_decay": 0.1}),
    ("sgd/momentum_dampening_weight_decay", "sgd", "momentum",
     {"momentum": 0.8, "dampening": 0.3, "weight_decay": 0.05}),
    ("momentum", "momentum", "momentum", {"momentum": 0.9}),
    ("nesterov", "nesterov", "momentum", {"momentum": 0.9, "nesterov": True}),
    ("nesterov/weight_decay", "nesterov", "momentum",
     {"momentum": 0.9, "nesterov": True, "weight_decay": 0.05}),
    ("adagrad", "adagrad", "adagrad", {}),
    ("adagrad/lr_decay", "adagrad", "adagrad", {"lr_decay": 0.05}),
    ("adagrad/initial_accumulator_value", "adagrad", "adagrad", {"initial_accumulator_value": 0.5}),
    ("adagrad/weight_decay", "adagrad", "adagrad", {"weight_decay": 0.1}),
    ("rmsprop", "rmsprop", "rmsprop", {}),
    ("rmsprop/centered", "rmsprop", "rmsprop", {"centered": True}),
    ("rmsprop/momentum", "rmsprop", "rmsprop_m", {"momentum": 0.9}),
    ("rmsprop/centered_momentum", "rmsprop", "rmsprop_m", {"centered": True, "momentum": 0.9}),
    ("rmsprop/weight_decay", "rmsprop", "rmsprop", {"weight_decay": 0.1}),
    ("adam", "adam", "adaptive", {}),
    ("adam/amsgrad", "adam", "adaptive", {"amsgrad": True}),
    ("adam/weight_decay", "adam", "adaptive", {"weight_decay": 0.1}),
    ("adamw", "adamw", "adaptive", {}),
    ("adamw/weight_decay", "adamw", "adaptive", {"weight_decay": 0.5}),
    ("adamw/amsgrad", "adamw", "adaptive", {"amsgrad": True}),
    ("adam-mini", "adam-mini", "adaptive", {}),
    ("adam-mini/weight_decay", "adam-mini", "adaptive", {"weight_decay": 0.1}),
    ("adam-mini/coordinate", "adam-mini", "adaptive", {}),
    # Quadratic only: the per-row and per-head rules on a (3, 3) parameter
    # whose rows / heads are exactly the three Hessian blocks.
    ("adam-mini/rows", "adam-mini", "adaptive", {"weight_decay": 0.1}),
    ("adam-mini/heads", "adam-mini", "adaptive", {"weight_decay": 0.1, "dim": 3, "n_heads": 3, "n_kv_heads": 3}),
]

PROBLEMS = ["rosenbrock", "himmelblau", "beale", "quadratic"]
STEPS = {"rosenbrock": 60, "himmelblau": 50, "beale": 50, "quadratic": 60}
VERBOSE = "-v" in sys.argv[1:]
DTYPES = {"double": torch.float64, "float": torch.float32}


def full_options(optimizer, lr, overrides):
    if optimizer in ("gd", "sgd", "momentum", "nesterov"):
        base = dict(SGD_DEFAULTS)
        if optimizer == "momentum":
            base["momentum"] = 0.9
        if optimizer == "nesterov":
            base.update(momentum=0.9, nesterov=True)
    elif optimizer == "adagrad":
        base = dict(ADAGRAD_DEFAULTS)
    elif optimizer == "rmsprop":
        base = dict(RMSPROP_DEFAULTS)
    elif optimizer == "adam":
        base = dict(ADAM_DEFAULTS)
    elif optimizer == "adamw":
        base = dict(ADAMW_DEFAULTS)
    elif optimizer == "adam-mini":
        base = dict(ADAM_MINI_DEFAULTS)
    else:
        raise ValueError(optimizer)
    base.update(overrides)
    opts = {"lr": lr}
    opts.update(base)
    return opts


def adam_mini_layout(suffix, problem):
    """Return (partition, parameter names, parameter shapes, slices of the flat vector)."""
    if problem == "quadratic":
        n = sum(QUAD_BLOCK_SIZES)
        if suffix == "adam-mini/coordinate":
            return "coordinate", ["x.bias"], [[n]]
        if suffix == "adam-mini/rows":
            return "rows", ["mlp.weight"], [[len(QUAD_BLOCK_SIZES), QUAD_BLOCK_SIZES[0]]]
        if suffix == "adam-mini/heads":
            return "heads", ["q_proj.weight"], [[len(QUAD_BLOCK_SIZES), QUAD_BLOCK_SIZES[0]]]
        names = ["block%d" % i for i in range(len(QUAD_BLOCK_SIZES))]
        return "blocks", names, [[s] for s in QUAD_BLOCK_SIZES]
    if suffix == "adam-mini/coordinate":
        return "coordinate", ["xy.bias"], [[2]]
    return "tensor", ["xy"], [[2]]


def make_optimizer(optimizer, opts, params, names):
    if optimizer in ("gd", "sgd", "momentum", "nesterov"):
        return torch.optim.SGD(params, lr=opts["lr"], momentum=opts["momentum"],
                               dampening=opts["dampening"], weight_decay=opts["weight_decay"],
                               nesterov=opts["nesterov"], foreach=False)
    if optimizer == "adagrad":
        return torch.optim.Adagrad(params, lr=opts["lr"], lr_decay=opts["lr_decay"],
                                   weight_decay=opts["weight_decay"],
                                   initial_accumulator_value=opts["initial_accumulator_value"],
                                   eps=opts["eps"], foreach=False, fused=None)
    if optimizer == "rmsprop":
        return torch.optim.RMSprop(params, lr=opts["lr"], alpha=opts["alpha"], eps=opts["eps"],
                                   weight_decay=opts["weight_decay"], momentum=opts["momentum"],
                                   centered=opts["centered"], foreach=False)
    if optimizer == "adam":
        return torch.optim.Adam(params, lr=opts["lr"], betas=tuple(opts["betas"]), eps=opts["eps"],
                                weight_decay=opts["weight_decay"], amsgrad=opts["amsgrad"],
                                foreach=False, fused=False)
    if optimizer == "adamw":
        return torch.optim.AdamW(params, lr=opts["lr"], betas=tuple(opts["betas"]), eps=opts["eps"],
                                 weight_decay=opts["weight_decay"], amsgrad=opts["amsgrad"],
                                 foreach=False, fused=False)
    if optimizer == "adam-mini":
        return Adam_mini(list(zip(names, params)), lr=opts["lr"], betas=tuple(opts["betas"]),
                         eps=opts["eps"], weight_decay=opts["weight_decay"], dim=opts["dim"],
                         n_heads=opts["n_heads"], n_kv_heads=opts["n_kv_heads"], verbose=False)
    raise ValueError(optimizer)


def run_case(suffix, optimizer, family, overrides, problem, precision):
    dtype = DTYPES[precision]
    lr = LR[family][problem]
    opts = full_options(optimizer, lr, overrides)
    start = list(QUAD_START) if problem == "quadratic" else list(SURFACES[problem][1])
    steps = STEPS[problem]

    if optimizer == "adam-mini":
        partition, names, shapes = adam_mini_layout(suffix, problem)
    else:
        partition, names, shapes = None, ["x" if problem == "quadratic" else "xy"], [[len(start)]]

    flat0 = torch.tensor(start, dtype=torch.float64).to(dtype)
    params, off = [], 0
    for shape in shapes:
        numel = int(np.prod(shape))
        params.append(nn.Parameter(flat0[off:off + numel].clone().reshape(shape)))
        off += numel
    assert off == len(start)

    opt = make_optimizer(optimizer, opts, params, names)

    def flat64():
        return torch.cat([p.detach().reshape(-1).to(torch.float64) for p in params])

    traj, losses = [], []
    for step in range(steps + 1):
        x64 = flat64()
        f, g = loss_grad(problem, x64)
        traj.append([float(v) for v in x64.tolist()])
        losses.append(float(f))
        if step == steps:
            break
        off = 0
        for p in params:
            numel = p.numel()
            p.grad = g[off:off + numel].to(dtype).reshape(p.shape).clone()
            off += numel
        opt.step()

    case = {
        "id": "%s/%s/%s" % (suffix, problem, precision),
        "optimizer": optimizer,
        "options": opts,
        "problem": problem,
        "precision": precision,
        "parameter_names": names,
        "parameter_shapes": shapes,
    }
    if partition is not None:
        case["partition"] = partition
    case.update({
        "start": start,
        "steps": steps,
        "trajectory": traj,
        "losses": losses,
    })
    return case


def validate(case):
    """Return a list of problems: not finite, stalls, barely moves, explodes."""
    traj = case["trajectory"]
    losses = case["losses"]
    issues = []
    if len(traj) != case["steps"] + 1:
        issues.append("wrong length")
    if not all(math.isfinite(v) for row in traj for v in row) or not all(math.isfinite(v) for v in losses):
        return issues + ["not finite"]
    # moving: every step changes the parameters, and the total move is visible.
    stalls = [i for i in range(1, len(traj)) if traj[i] == traj[i - 1]]
    if stalls:
        issues.append("stalls at steps %s" % stalls[:5])
    dist = math.sqrt(sum((a - b) ** 2 for a, b in zip(traj[-1], traj[0])))
    if dist < 1e-2:
        issues.append("barely moves (%g)" % dist)
    # sane: the loss never explodes.
    if max(losses) > 10.0 * losses[0] + 1.0:
        issues.append("loss explodes (%g)" % max(losses))
    return issues


def make_trajectories():
    problems = {
        "rosenbrock": {"type": "rosenbrock", "a": 1.0, "b": 100.0},
        "himmelblau": {"type": "himmelblau"},
        "beale": {"type": "beale"},
        "quadratic": {
            "type": "quadratic",
            "formula": "f(x) = 1/2 (x-m)^T H (x-m), gradient H (x-m)",
            "hessian": QUAD_H.tolist(),
            "minimum": QUAD_M.tolist(),
            "block_sizes": QUAD_BLOCK_SIZES,
            "block_eigenvalues": [np.linspace(lo, hi, s).tolist()
                                  for s, (lo, hi) in zip(QUAD_BLOCK_SIZES, QUAD_EIG_RANGES)],
            "seed": QUAD_SEED,
        },
    }
    cases, problems_found = [], []
    for suffix, optimizer, family, overrides in CONFIGS:
        quad_only = suffix in ("adam-mini/rows", "adam-mini/heads")
        for problem in PROBLEMS:
            if quad_only and problem != "quadratic":
                continue
            for precision in ("double", "float"):
                case = run_case(suffix, optimizer, family, overrides, problem, precision)
                issues = validate(case)
                if issues:
                    problems_found.append("%s: %s" % (case["id"], "; ".join(issues)))
                if VERBOSE:
                    print("%-55s f0=%-10.4g f=%-10.4g" % (case["id"], case["losses"][0], case["losses"][-1]))
                cases.append(case)
    if problems_found:
        sys.exit("fixture checks failed:\n  " + "\n  ".join(problems_found))
    return {
        "generator": GENERATOR,
        "torch": torch_version(),
        "adam_mini": adam_mini_version(),
        "gradient_rule": ("parameters cast to float64; loss and gradient in float64 "
                          "(autograd on the surfaces, H(x-m) on the quadratic); gradient cast "
                          "to the run's dtype and assigned to .grad; optimizer.step(). "
                          "Single-tensor code paths (foreach=False, fused off), one thread."),
        "problems": problems,
        "cases": cases,
    }


# ---------------------------------------------------------------------------
# Schedules
# ---------------------------------------------------------------------------

def scheduler_values(make_sched, base_lr, n):
    p = nn.Parameter(torch.zeros(1, dtype=torch.float64))
    opt = torch.optim.SGD([p], lr=base_lr)
    sched = make_sched(opt)
    values = []
    for _ in range(n):
        values.append(float(opt.param_groups[0]["lr"]))
        opt.step()
        sched.step()
    return values


def make_schedules():
    n = 51
    out = {"generator": GENERATOR, "torch": torch_version(), "schedules": []}

    base, step_size, gamma = 0.1, 10, 0.5
    vals = scheduler_values(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=step_size, gamma=gamma),
                            base, n)
    closed = [base * gamma ** (t // step_size) for t in range(n)]
    out["schedules"].append({
        "id": "step", "scheduler": "StepLR", "base_lr": base,
        "options": {"step_size": step_size, "gamma": gamma},
        "formula": "lr(t) = base_lr * gamma^floor(t / step_size)",
        "lrs": vals, "closed_form": closed,
    })

    base, T_max, eta_min = 0.1, 50, 0.001
    vals = scheduler_values(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=T_max, eta_min=eta_min),
                            base, n)
    closed = [eta_min + (base - eta_min) * (1 + math.cos(math.pi * t / T_max)) / 2 for t in range(n)]
    out["schedules"].append({
        "id": "cosine", "scheduler": "CosineAnnealingLR", "base_lr": base,
        "options": {"T_max": T_max, "eta_min": eta_min},
        "formula": "lr(t) = eta_min + (base_lr - eta_min) * (1 + cos(pi * t / T_max)) / 2 for 0 <= t <= T_max "
                   "(torch evaluates it recursively, so lrs differ from closed_form by rounding)",
        "lrs": vals, "closed_form": closed,
    })

    base, start_factor, warmup, T_max, eta_min = 0.1, 0.1, 10, 40, 0.001

    def warm_cos(o):
        s1 = torch.optim.lr_scheduler.LinearLR(o, start_factor=start_factor, end_factor=1.0, total_iters=warmup)
        s2 = torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=T_max, eta_min=eta_min)
        return torch.optim.lr_scheduler.SequentialLR(o, schedulers=[s1, s2], milestones=[warmup])

    vals = scheduler_values(warm_cos, base, n)

    def closed_wc(t):
        if t < warmup:
            return base * (start_factor + (1.0 - start_factor) * t / warmup)
        return eta_min + (base - eta_min) * (1 + math.cos(math.pi * (t - warmup) / T_max)) / 2

    closed = [closed_wc(t) for t in range(n)]
    out["schedules"].append({
        "id": "warmup_cosine", "scheduler": "SequentialLR(LinearLR, CosineAnnealingLR)", "base_lr": base,
        "options": {"start_factor": start_factor, "end_factor": 1.0, "warmup": warmup,
                    "T_max": T_max, "eta_min": eta_min, "milestones": [warmup]},
        "formula": "lr(t) = base_lr * (start_factor + (1 - start_factor) * t / warmup) for t < warmup; "
                   "eta_min + (base_lr - eta_min) * (1 + cos(pi * (t - warmup) / T_max)) / 2 for "
                   "warmup <= t <= warmup + T_max (torch evaluates both parts recursively, so lrs "
                   "differ from closed_form by rounding)",
        "lrs": vals, "closed_form": closed,
    })
    for s in out["schedules"]:
        s["max_abs_difference_from_closed_form"] = max(abs(a - b) for a, b in zip(s["lrs"], s["closed_form"]))
        s["steps"] = n
    return out


# ---------------------------------------------------------------------------
# Adam-mini block counts
# ---------------------------------------------------------------------------

class NamedParams(nn.Module):
    """A module whose named_parameters() yields exactly the given dotted names
    (intermediate modules are created on the fly)."""

    def __init__(self, spec, dtype=torch.float32):
        super().__init__()
        for name, shape in spec:
            parts = name.split(".")
            mod = self
            for part in parts[:-1]:
                if part not in mod._modules:
                    mod.add_module(part, nn.Module())
                mod = mod._modules[part]
            mod.register_parameter(parts[-1], nn.Parameter(torch.zeros(shape, dtype=dtype)))


def rule_of_state(state):
    if "v" in state:
        return "coordinate"
    if "head_per_gpu" in state:
        return "head"
    if "neuron_per_gpu" in state:
        return "row"
    if "block_numel" in state:
        return "tensor"
    return "none"


def adam_mini_blocks(spec, dim, n_heads, n_kv_heads, seed=0, weight_decay=0.1):
    """One step of the official Adam-mini with random gradients; read the block
    counts from its state.  Raises whatever the official code raises; the
    exception carries the weight-decay flags the constructor assigned."""
    torch.manual_seed(seed)
    model = NamedParams(spec)
    named = list(model.named_parameters())
    assert [n for n, _ in named] == [n for n, _ in spec], "names differ"
    opt = Adam_mini(model.named_parameters(), lr=1e-3, weight_decay=weight_decay,
                    dim=dim, n_heads=n_heads, n_kv_heads=n_kv_heads, verbose=False)
    groups = {id(g["params"][0]): g for g in opt.param_groups}
    wd = {name: groups[id(p)]["weight_decay"] > 0.0 for name, p in named}
    for _, p in named:
        p.grad = torch.randn_like(p)
    try:
        opt.step()
    except Exception as e:
        e.weight_decay_flags = wd
        raise
    tensors = []
    for name, p in named:
        st = opt.state[p]
        second = st["v"] if "v" in st else st["vmean"]
        tensors.append({
            "name": name,
            "shape": list(p.shape),
            "blocks": int(second.numel()),
            "rule": rule_of_state(st),
            "second_moment_shape": list(second.shape),
            "weight_decay": wd[name],
        })
    return tensors


def llama_spec(n_layers, dim, n_heads, n_kv_heads, vocab, hidden):
    head_dim = dim // n_heads
    kv = n_kv_heads * head_dim
    spec = [("model.embed_tokens.weight", [vocab, dim])]
    for i in range(n_layers):
        pre = "model.layers.%d." % i
        spec += [
            (pre + "self_attn.q_proj.weight", [dim, dim]),
            (pre + "self_attn.k_proj.weight", [kv, dim]),
            (pre + "self_attn.v_proj.weight", [kv, dim]),
            (pre + "self_attn.o_proj.weight", [dim, dim]),
            (pre + "mlp.gate_proj.weight", [hidden, dim]),
            (pre + "mlp.up_proj.weight", [hidden, dim]),
            (pre + "mlp.down_proj.weight", [dim, hidden]),
            (pre + "input_layernorm.weight", [dim]),
            (pre + "post_attention_layernorm.weight", [dim]),
        ]
    spec += [("model.norm.weight", [dim]), ("lm_head.weight", [vocab, dim])]
    return spec


def gpt2_spec(n_layers, dim, vocab, n_positions):
    spec = [("transformer.wte.weight", [vocab, dim]), ("transformer.wpe.weight", [n_positions, dim])]
    for i in range(n_layers):
        pre = "transformer.h.%d." % i
        spec += [
            (pre + "ln_1.weight", [dim]), (pre + "ln_1.bias", [dim]),
            (pre + "attn.c_attn.weight", [3 * dim, dim]), (pre + "attn.c_attn.bias", [3 * dim]),
            (pre + "attn.c_proj.weight", [dim, dim]), (pre + "attn.c_proj.bias", [dim]),
            (pre + "ln_2.weight", [dim]), (pre + "ln_2.bias", [dim]),
            (pre + "mlp.c_fc.weight", [4 * dim, dim]), (pre + "mlp.c_fc.bias", [4 * dim]),
            (pre + "mlp.c_proj.weight", [dim, 4 * dim]), (pre + "mlp.c_proj.bias", [dim]),
        ]
    spec += [("transformer.ln_f.weight", [dim]), ("transformer.ln_f.bias", [dim]),
             ("lm_head.weight", [vocab, dim])]
    return spec


def model_entry(name, spec, dim, n_heads, n_kv_heads, extra):
    tensors = adam_mini_blocks(spec, dim, n_heads, n_kv_heads)
    entry = {"name": name, "dim": dim, "n_heads": n_heads, "n_kv_heads": n_kv_heads}
    entry.update(extra)
    entry["tensors"] = tensors
    entry["total_parameters"] = int(sum(int(np.prod(t["shape"])) for t in tensors))
    entry["total_second_moments"] = int(sum(t["blocks"] for t in tensors))
    return entry


EDGE_CASES = [
    # (description, name, shape, dim, n_heads, n_kv_heads)
    ("1-D tensor matching the per-row (embedding) rule", "embeddings.LayerNorm.weight", [256], 256, 8, 8),
    ("q_proj whose size is not a multiple of dim*dim/n_heads", "model.layers.0.self_attn.q_proj.weight",
     [100, 256], 256, 8, 8),
    ("dim*dim not divisible by n_heads", "model.layers.0.self_attn.q_proj.weight", [10, 10], 10, 3, 3),
    ("3-D tensor matching the per-row (mlp) rule", "mlp.weight", [2, 3, 4], 256, 8, 8),
    ("1-D tensor matching the per-head rule", "q_proj.weight", [16384], 256, 8, 8),
    ("bias of a query projection (bias rule wins)", "q_proj.bias", [256], 256, 8, 8),
    ("BERT-style key (per-head rule)", "encoder.layer.0.attention.self.key.weight", [256, 256], 256, 8, 8),
    ("BERT-style output dense (per-row rule via 'output')", "encoder.layer.0.attention.output.dense.weight",
     [256, 256], 256, 8, 8),
    ("unmatched name (whole tensor)", "xy", [2], 2048, 32, 32),
    ("0-dim scalar parameter (whole tensor)", "temperature", [], 2048, 32, 32),
    ("'ln' substring disables weight decay", "kiln.weight", [4, 4], 2048, 32, 32),
    ("upper case is lowered before matching", "Model.Embed_Tokens.Weight", [10, 4], 2048, 32, 32),
]


def make_edge_cases():
    out = []
    for desc, name, shape, dim, n_heads, n_kv_heads in EDGE_CASES:
        entry = {"description": desc, "name": name, "shape": shape, "dim": dim,
                 "n_heads": n_heads, "n_kv_heads": n_kv_heads}
        try:
            t = adam_mini_blocks([(name, shape)], dim, n_heads, n_kv_heads)[0]
            entry.update({"blocks": t["blocks"], "rule": t["rule"],
                          "second_moment_shape": t["second_moment_shape"],
                          "weight_decay": t["weight_decay"]})
        except Exception as e:  # the official code's own failure, recorded verbatim
            entry["error"] = "%s: %s" % (type(e).__name__, str(e).strip())
            entry["error_during"] = "first step()"
            entry["weight_decay"] = e.weight_decay_flags[name]
        out.append(entry)
    return out


def make_blocks():
    llama = dict(n_layers=2, dim=256, n_heads=8, n_kv_heads=2, vocab=1000, hidden=688)
    gpt2 = dict(n_layers=2, dim=64, n_heads=4, vocab=500, n_positions=128)
    models = [
        model_entry("llama", llama_spec(llama["n_layers"], llama["dim"], llama["n_heads"], llama["n_kv_heads"],
                                        llama["vocab"], llama["hidden"]),
                    llama["dim"], llama["n_heads"], llama["n_kv_heads"],
                    {"n_layers": llama["n_layers"], "vocab": llama["vocab"], "hidden": llama["hidden"]}),
        model_entry("gpt2", gpt2_spec(gpt2["n_layers"], gpt2["dim"], gpt2["vocab"], gpt2["n_positions"]),
                    gpt2["dim"], gpt2["n_heads"], gpt2["n_heads"],
                    {"n_layers": gpt2["n_layers"], "vocab": gpt2["vocab"], "n_positions": gpt2["n_positions"],
                     "weight_convention": "(out, in) as nn.Linear"}),
    ]
    return {
        "generator": GENERATOR,
        "torch": torch_version(),
        "adam_mini": adam_mini_version(),
        "method": ("Adam_mini(model.named_parameters(), lr=1e-3, weight_decay=0.1, dim, n_heads, n_kv_heads); "
                   "random gradients; one step; blocks = numel of state['v'] (bias rule) or state['vmean']; "
                   "weight_decay = the group's weight_decay > 0"),
        "models": models,
        "edge_cases": make_edge_cases(),
    }


def write_json(name, obj):
    path = os.path.join(OUT_DIR, name)
    text = json.dumps(obj, separators=(",", ":"), allow_nan=False)
    with open(path, "w") as f:
        f.write(text)
        f.write("\n")
    print("wrote %s (%d bytes)" % (os.path.relpath(path, ROOT), len(text) + 1))


def main():
    if adam_mini_version() != ADAM_MINI_VERSION:
        sys.exit("adam-mini %s required, found %s" % (ADAM_MINI_VERSION, adam_mini_version()))
    os.makedirs(OUT_DIR, exist_ok=True)
    traj = make_trajectories()
    write_json("trajectories.json", traj)
    print("  %d trajectory cases" % len(traj["cases"]))
    write_json("schedules.json", make_schedules())
    blocks = make_blocks()
    for m in blocks["models"]:
        print("  %s: %d parameters, %d second moments" % (m["name"], m["total_parameters"],
                                                         m["total_second_moments"]))
    write_json("adam_mini_blocks.json", blocks)


if __name__ == "__main__":
    main()
