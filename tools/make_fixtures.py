#!/usr/bin/env python3
"""Generate golden reference fixtures for the optimizer core tests.

Run by hand (never in CI) from the repository root, inside the virtualenv
described in tools/README.md:

    tools/.venv/bin/python tools/make_fixtures.py [-v] [OUTPUT ...]

Writes, under Tests/OptimizerCoreTests/Fixtures/ (all four unless OUTPUTs name some of
trajectories, more_trajectories, schedules, adam_mini_blocks):
  trajectories.json    optimizer trajectories from torch.optim and the official Adam-mini
  more_trajectories.json  NAdam, RAdam, Adamax, Adadelta, Rprop, Adafactor, Muon (torch.optim)
                       and Lion (lion-pytorch 0.2) on surfaces, the quadratic and matrix regression
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


# Matrix regression: one tensor W [m, n], f(W) = 1/(2N) ||X W - Y||_F^2, gradient X^T (X W - Y) / N.
# Literal data (X with column scales logspace(0, 1, m), so X^T X / N has a condition number of about
# 200; Y = X W* + noise; everything rounded to 3 decimals). Built from numpy's default_rng with
# seed 7 (wide) and 11 (tall): X = round(normal((N, m)) * scales), W* = uniform(-1, 1, (m, n)),
# Y = round(X W* + 0.1 normal((N, n))), W0 = round(uniform(-1, 1, (m, n))); kept as literals so a
# change of numpy's streams cannot change the fixture.
MATRIX_PROBLEMS = {
    "matrix_wide": {
        "shape": [3, 5],
        "inputs": [
            [0.001, 0.945, -2.741], [-0.891, -1.438, -9.916], [0.06, 4.238, -4.922],
            [-0.62, 1.549, 3.569], [0.105, -2.942, -0.293], [0.695, -4.251, -4.576],
            [-1.901, -4.078, -18.417], [-0.235, -4.008, 2.713], [0.157, -0.591, -25.168],
            [-0.539, -0.153, 1.133], [-1.53, -1.511, -9.785], [-0.809, 3.355, -8.075],
        ],
        "targets": [
            [-0.328, 0.622, -1.715, 1.198, -1.241], [0.034, -1.674, -7.007, 2.403, -1.43],
            [-0.428, 2.918, -2.631, 3.329, -4.403], [1.029, 0.836, 3.38, -0.033, -0.972],
            [-0.385, -2.024, -1.122, -1.264, 2.495], [-1.182, -2.601, -5.092, -0.957, 3.06],
            [0.261, -4.337, -13.516, 4.002, -1.842], [0.377, -2.94, 1.174, -2.516, 3.626],
            [-2.172, -0.732, -18.86, 6.624, -4.282], [0.496, -0.41, 1.002, -0.341, -0.093],
            [0.594, -2.195, -6.408, 2.612, -1.913], [0.225, 1.719, -4.518, 4.218, -4.872],
        ],
        "start": [
            [-0.698, 0.867, -0.99, 0.506, 0.621],
            [-0.726, -0.162, 0.631, -0.971, 0.257],
            [0.586, 0.026, 0.452, -0.547, -0.603],
        ],
    },
    "matrix_tall": {
        "shape": [5, 3],
        "inputs": [
            [0.034, 2.418, 3.873, -2.87, -2.98], [-0.527, 1.013, -0.177, 4.2, -18.473],
            [1.567, -0.171, 2.152, -0.768, -3.791], [0.463, 1.466, -0.64, -0.859, 6.857],
            [-0.87, -2.693, 1.249, -3.771, -19.203], [-0.814, -0.832, -3.773, -8.393, 0.366],
            [0.897, -0.415, -2.351, 2.165, 7.172], [-0.3, 0.969, 3.298, -1.164, -8.135],
            [0.348, 0.44, 3.475, -7.224, -6.616], [-0.838, -3.084, 0.4, 2.968, -7.388],
            [1.386, 1.462, 1.984, 2.259, 9.557], [-1.332, 1.092, 1.906, -9.941, 3.47],
        ],
        "targets": [
            [0.039, 3.243, 4.446], [11.056, 20.511, 4.316], [0.465, 4.716, 3.621],
            [-5.686, -6.115, -3.897], [20.913, 14.448, 12.999], [12.494, -6.965, 2.446],
            [-6.429, -5.576, -5.822], [4.44, 7.967, 6.16], [8.516, 3.08, 9.602],
            [5.992, 6.999, 3.461], [-14.087, -5.934, -4.818], [5.483, -9.437, 5.513],
        ],
        "start": [
            [-0.286, -0.878, 0.741], [0.273, -0.681, -0.003], [-0.843, 0.222, -0.537],
            [-0.923, -0.77, 0.111], [0.274, -0.35, 0.287],
        ],
    },
}
MATRIX_T = {name: (torch.tensor(p["inputs"], dtype=torch.float64),
                   torch.tensor(p["targets"], dtype=torch.float64))
            for name, p in MATRIX_PROBLEMS.items()}


def matrix_loss_grad(name, w64):
    """f = 1/(2N) ||X W - Y||_F^2, g = X^T (X W - Y) / N, all float64; w64 is W row-major."""
    X, Y = MATRIX_T[name]
    n_samples = X.shape[0]
    r = X @ w64.reshape(MATRIX_PROBLEMS[name]["shape"]) - Y
    f = 0.5 * (r * r).sum() / n_samples
    return f.item(), (X.T @ r / n_samples).reshape(-1)


def surface_loss_grad(fn, x64):
    x = x64.detach().clone().requires_grad_(True)
    f = fn(x)
    (g,) = torch.autograd.grad(f, x)
    return f.item(), g.detach()


def loss_grad(problem, x64):
    if problem == "quadratic":
        return quadratic_loss_grad(x64)
    if problem in MATRIX_PROBLEMS:
        return matrix_loss_grad(problem, x64)
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


def make_parameters(start, shapes, dtype):
    """One nn.Parameter per shape, filled in order from the flat start (cast to dtype)."""
    flat0 = torch.tensor(start, dtype=torch.float64).to(dtype)
    params, off = [], 0
    for shape in shapes:
        numel = int(np.prod(shape))
        params.append(nn.Parameter(flat0[off:off + numel].clone().reshape(shape)))
        off += numel
    assert off == len(start)
    return params


def record_trajectory(problem, params, opt, steps, dtype):
    """The gradient rule of the module docstring, for steps updates; returns the float64 rows
    (flattened parameters, row-major) and losses, start included."""
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
    return traj, losses


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

    params = make_parameters(start, shapes, dtype)
    opt = make_optimizer(optimizer, opts, params, names)
    traj, losses = record_trajectory(problem, params, opt, steps, dtype)

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
    # Rprop zeroes the update of every coordinate whose gradient changed sign, so a step where
    # all of them flip leaves the parameters in place.
    rprop_skips = case["optimizer"] == "rprop" and len(stalls) <= case["steps"] // 4
    if stalls and not rprop_skips:
        issues.append("stalls at steps %s" % stalls[:5])
    dist = math.sqrt(sum((a - b) ** 2 for a, b in zip(traj[-1], traj[0])))
    if dist < 1e-2:
        issues.append("barely moves (%g)" % dist)
    # sane: the loss never explodes.
    if max(losses) > 10.0 * losses[0] + 1.0:
        issues.append("loss explodes (%g)" % max(losses))
    return issues


def problem_entries():
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
    for name, p in MATRIX_PROBLEMS.items():
        problems[name] = {
            "type": "matrix-regression",
            "formula": "f(W) = 1/(2N) ||X W - Y||_F^2, gradient X^T (X W - Y) / N; W row-major",
            "shape": p["shape"],
            "inputs": p["inputs"],
            "targets": p["targets"],
        }
    return problems


def collect(cases_of):
    """Run, validate and return the cases; exits on any failed check."""
    cases, problems_found = [], []
    for case in cases_of():
        issues = validate(case)
        if issues:
            problems_found.append("%s: %s" % (case["id"], "; ".join(issues)))
        if VERBOSE:
            print("%-55s f0=%-10.4g f=%-10.4g" % (case["id"], case["losses"][0], case["losses"][-1]))
        cases.append(case)
    if problems_found:
        sys.exit("fixture checks failed:\n  " + "\n  ".join(problems_found))
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    return cases


def make_trajectories():
    def cases_of():
        for suffix, optimizer, family, overrides in CONFIGS:
            quad_only = suffix in ("adam-mini/rows", "adam-mini/heads")
            for problem in PROBLEMS:
                if quad_only and problem != "quadratic":
                    continue
                for precision in ("double", "float"):
                    yield run_case(suffix, optimizer, family, overrides, problem, precision)

    problems = {k: v for k, v in problem_entries().items() if k in PROBLEMS}
    cases = collect(cases_of)
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
# More optimizers: NAdam, RAdam, Adamax, Adadelta, Rprop, Lion, Adafactor, Muon
# ---------------------------------------------------------------------------

LION_VERSION = "0.2"

# Every hyperparameter but lr, by descent's name, with the reference's default (checked against
# the constructors' signatures by check_more_defaults()).
MORE_DEFAULTS = {
    "nadam": dict(betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0, momentum_decay=4e-3,
                  decoupled_weight_decay=False),
    "radam": dict(betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0, decoupled_weight_decay=False),
    "adamax": dict(betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0),
    "adadelta": dict(rho=0.9, eps=1e-6, weight_decay=0.0),
    "rprop": dict(etas=[0.5, 1.2], step_sizes=[1e-6, 50.0]),
    "lion": dict(betas=[0.9, 0.99], weight_decay=0.0),
    # eps1 None: the machine epsilon of the parameters' dtype.
    "adafactor": dict(beta2_decay=-0.8, eps1=None, eps2=1e-3, d=1.0, weight_decay=0.0),
    "muon": dict(weight_decay=0.1, momentum=0.95, nesterov=True, ns_coefficients=[3.4445, -4.775, 2.0315],
                 eps=1e-7, ns_steps=5, adjust_lr_fn="original"),
}

# The reference's own default learning rates (recorded; the cases pick their own lr).
MORE_DEFAULT_LR = {"nadam": 2e-3, "radam": 1e-3, "adamax": 2e-3, "adadelta": 1.0, "rprop": 1e-2,
                   "lion": 1e-4, "adafactor": 1e-2, "muon": 1e-3}

# Learning rate per optimizer and problem, chosen so that every run is finite and moving.
MORE_LR = {
    "nadam":     {"rosenbrock": 5e-2, "himmelblau": 1e-1, "beale": 5e-2, "matrix_wide": 5e-2, "matrix_tall": 5e-2},
    # RAdam's first steps (rho_t <= 5) are momentum SGD without any scaling.
    "radam":     {"rosenbrock": 1e-3, "himmelblau": 1e-2, "beale": 1e-2, "matrix_wide": 2e-3, "matrix_tall": 2e-3},
    "adamax":    {"rosenbrock": 5e-2, "himmelblau": 1e-1, "beale": 5e-2, "matrix_wide": 5e-2, "matrix_tall": 5e-2},
    "adadelta":  {"rosenbrock": 1.0, "himmelblau": 1.0, "beale": 1.0, "matrix_wide": 1.0, "matrix_tall": 1.0},
    "rprop":     {"rosenbrock": 1e-2, "himmelblau": 1e-2, "beale": 1e-2, "matrix_wide": 1e-2, "matrix_tall": 1e-2},
    "lion":      {"rosenbrock": 2e-2, "himmelblau": 5e-2, "beale": 2e-2, "matrix_wide": 2e-2, "matrix_tall": 2e-2},
    "adafactor": {"rosenbrock": 1e-2, "himmelblau": 1e-2, "beale": 1e-2, "quadratic": 1e-2,
                  "matrix_wide": 1e-2, "matrix_tall": 1e-2},
    "muon":      {"quadratic": 2e-2, "matrix_wide": 2e-2, "matrix_tall": 2e-2},
}
MORE_STEPS = {"rosenbrock": 40, "himmelblau": 40, "beale": 40, "quadratic": 40, "matrix_wide": 25,
              "matrix_tall": 25}

SURFACES_AND_MATRIX = ["rosenbrock", "himmelblau", "beale", "matrix_wide", "matrix_tall"]
OPTION_PROBLEMS = ["rosenbrock", "himmelblau", "matrix_wide"]
# "quadratic:3x3" is the 9-D quadratic as one [3, 3] tensor (row-major), so factored and
# matrix-only optimizers see it as a matrix.
ADAFACTOR_ALL = ["rosenbrock", "himmelblau", "beale", "quadratic", "quadratic:3x3", "matrix_wide", "matrix_tall"]
ADAFACTOR_OPTIONS = ["quadratic:3x3", "matrix_wide"]
MUON_ALL = ["quadratic:3x3", "matrix_wide", "matrix_tall"]
MUON_OPTIONS = ["quadratic:3x3", "matrix_wide"]

# (id prefix, optimizer, options overriding the defaults, problems, extra case keys)
MORE_CONFIGS = [
    ("nadam", "nadam", {}, SURFACES_AND_MATRIX, {}),
    ("nadam/weight_decay", "nadam", {"weight_decay": 0.1}, OPTION_PROBLEMS, {}),
    ("nadam/decoupled_weight_decay", "nadam", {"weight_decay": 0.5, "decoupled_weight_decay": True},
     OPTION_PROBLEMS, {}),
    ("nadam/momentum_decay", "nadam", {"momentum_decay": 0.5}, OPTION_PROBLEMS, {}),
    ("nadam/betas_eps", "nadam", {"betas": [0.8, 0.99], "eps": 1e-3}, OPTION_PROBLEMS, {}),
    ("radam", "radam", {}, SURFACES_AND_MATRIX, {}),
    ("radam/weight_decay", "radam", {"weight_decay": 1.0}, OPTION_PROBLEMS, {}),
    ("radam/decoupled_weight_decay", "radam", {"weight_decay": 0.5, "decoupled_weight_decay": True},
     OPTION_PROBLEMS, {}),
    # beta2 0.9: rho_inf = 19, so the rectified branch starts at step 3 instead of step 6.
    ("radam/betas_eps", "radam", {"betas": [0.8, 0.9], "eps": 1e-3}, OPTION_PROBLEMS, {}),
    ("adamax", "adamax", {}, SURFACES_AND_MATRIX, {}),
    ("adamax/weight_decay", "adamax", {"weight_decay": 0.1}, OPTION_PROBLEMS, {}),
    ("adamax/betas_eps", "adamax", {"betas": [0.8, 0.95], "eps": 1e-3}, OPTION_PROBLEMS, {}),
    ("adadelta", "adadelta", {}, SURFACES_AND_MATRIX, {}),
    ("adadelta/weight_decay", "adadelta", {"weight_decay": 1.0}, OPTION_PROBLEMS, {}),
    ("adadelta/rho_eps", "adadelta", {"rho": 0.95, "eps": 1e-4}, OPTION_PROBLEMS, {}),
    ("rprop", "rprop", {}, SURFACES_AND_MATRIX, {}),
    # Narrow step_sizes so both clamps act within the run.
    ("rprop/etas_step_sizes", "rprop", {"etas": [0.3, 1.5], "step_sizes": [2e-3, 5e-2]}, OPTION_PROBLEMS, {}),
    ("lion", "lion", {}, SURFACES_AND_MATRIX, {}),
    ("lion/weight_decay", "lion", {"weight_decay": 0.5}, OPTION_PROBLEMS, {}),
    ("lion/betas", "lion", {"betas": [0.99, 0.5]}, ["rosenbrock", "beale", "matrix_wide"], {}),
    ("adafactor", "adafactor", {}, ADAFACTOR_ALL, {}),
    ("adafactor/weight_decay", "adafactor", {"weight_decay": 0.1}, ADAFACTOR_OPTIONS, {}),
    # eps2 above RMS(p) and a large eps1, so that both floors act.
    ("adafactor/eps2", "adafactor", {"eps2": 1.5}, ADAFACTOR_OPTIONS, {}),
    ("adafactor/beta2_decay", "adafactor", {"beta2_decay": -0.5}, ADAFACTOR_OPTIONS, {}),
    ("adafactor/eps1", "adafactor", {"eps1": 10.0}, ADAFACTOR_OPTIONS, {}),
    ("adafactor/d", "adafactor", {"d": 2.0}, ADAFACTOR_OPTIONS, {}),
    # A large lr: rho_t = min(lr, 1/sqrt(t)) takes 1/sqrt(t) from step 26 (lr 0.2) or 35 (lr 0.17) on.
    # (matrix_wide and the 9-D vector amplify float32 rounding at these step sizes, so not there.)
    ("adafactor/lr", "adafactor", {"lr": 0.2}, ["rosenbrock", "beale", "matrix_tall"], {}),
    ("adafactor/lr", "adafactor", {"lr": 0.17}, ["quadratic:3x3"], {}),
    ("muon", "muon", {}, MUON_ALL, {"newton_schulz": "patched"}),
    ("muon/nesterov", "muon", {"nesterov": False}, MUON_ALL, {"newton_schulz": "patched"}),
    ("muon/match_rms_adamw", "muon", {"adjust_lr_fn": "match_rms_adamw"}, MUON_ALL, {"newton_schulz": "patched"}),
    ("muon/weight_decay", "muon", {"weight_decay": 0.0}, MUON_OPTIONS, {"newton_schulz": "patched"}),
    ("muon/momentum", "muon", {"momentum": 0.8}, MUON_OPTIONS, {"newton_schulz": "patched"}),
    ("muon/ns_steps", "muon", {"ns_steps": 3}, MUON_OPTIONS, {"newton_schulz": "patched"}),
    ("muon/ns_coefficients", "muon", {"ns_coefficients": [2.0, -1.5, 0.5]}, MUON_OPTIONS,
     {"newton_schulz": "patched"}),
    ("muon/bf16", "muon", {}, MUON_ALL, {"newton_schulz": "bfloat16"}),
    ("muon/bf16/match_rms_adamw", "muon", {"adjust_lr_fn": "match_rms_adamw"}, ["matrix_wide", "matrix_tall"],
     {"newton_schulz": "bfloat16"}),
]

STOCK_NEWTON_SCHULZ = torch.optim._muon._zeropower_via_newtonschulz


def newton_schulz(grad, ns_coefficients, ns_steps, eps, dtype):
    """torch's _zeropower_via_newtonschulz with the iteration in dtype instead of bfloat16
    (the same operations in the same order)."""
    if len(grad.shape) != 2:
        raise ValueError("Input tensor gradient must be a 2D matrix")
    a, b, c = ns_coefficients
    ortho_grad = grad.to(dtype=dtype, copy=True)
    if grad.size(0) > grad.size(1):
        ortho_grad = ortho_grad.T
    ortho_grad.div_(ortho_grad.norm().clamp(min=eps))
    for _ in range(ns_steps):
        gram_matrix = ortho_grad @ ortho_grad.T
        gram_update = torch.addmm(gram_matrix, gram_matrix, gram_matrix, beta=b, alpha=c)
        ortho_grad = torch.addmm(ortho_grad, gram_update, ortho_grad, beta=a)
    if grad.size(0) > grad.size(1):
        ortho_grad = ortho_grad.T
    return ortho_grad


def newton_schulz_in_run_precision(grad, ns_coefficients, ns_steps, eps):
    return newton_schulz(grad, ns_coefficients, ns_steps, eps, grad.dtype)


def check_newton_schulz_copy():
    """The copy above must be torch's function: with bfloat16 both agree bit for bit."""
    gen = torch.Generator().manual_seed(0)
    for shape in ([3, 5], [5, 3]):
        g = torch.randn(shape, generator=gen, dtype=torch.float64)
        ours = newton_schulz(g, (3.4445, -4.775, 2.0315), 5, 1e-7, torch.bfloat16)
        stock = STOCK_NEWTON_SCHULZ(g, (3.4445, -4.775, 2.0315), 5, 1e-7)
        if not torch.equal(ours, stock):
            sys.exit("the Newton-Schulz copy no longer matches torch.optim._muon; update it")


def check_more_defaults():
    """MORE_DEFAULTS and MORE_DEFAULT_LR must be the references' defaults."""
    import inspect

    def signature_defaults(cls):
        return {k: v.default for k, v in inspect.signature(cls.__init__).parameters.items()
                if v.default is not inspect.Parameter.empty}

    def listed(v):
        return list(v) if isinstance(v, tuple) else v

    torch_names = {"nadam": torch.optim.NAdam, "radam": torch.optim.RAdam, "adamax": torch.optim.Adamax,
                   "adadelta": torch.optim.Adadelta, "rprop": torch.optim.Rprop, "lion": lion_class(),
                   "adafactor": torch.optim.Adafactor, "muon": torch.optim.Muon}
    for name, cls in torch_names.items():
        ref = signature_defaults(cls)
        if name == "adafactor":
            ref["eps1"], ref["eps2"] = ref.pop("eps")
        if name == "muon" and ref["adjust_lr_fn"] is None:
            ref["adjust_lr_fn"] = "original"  # torch's None means "original"
        mismatched = [k for k, v in MORE_DEFAULTS[name].items() if listed(ref.get(k)) != v]
        if ref["lr"] != MORE_DEFAULT_LR[name]:
            mismatched.append("lr")
        if mismatched:
            sys.exit("%s: defaults differ from the reference for %s" % (name, mismatched))


def lion_class():
    from lion_pytorch import Lion
    return Lion


def lion_version():
    from importlib.metadata import version
    return version("lion-pytorch")


def make_more_optimizer(optimizer, opts, params):
    o = opts
    if optimizer == "nadam":
        return torch.optim.NAdam(params, lr=o["lr"], betas=tuple(o["betas"]), eps=o["eps"],
                                 weight_decay=o["weight_decay"], momentum_decay=o["momentum_decay"],
                                 decoupled_weight_decay=o["decoupled_weight_decay"], foreach=False)
    if optimizer == "radam":
        return torch.optim.RAdam(params, lr=o["lr"], betas=tuple(o["betas"]), eps=o["eps"],
                                 weight_decay=o["weight_decay"],
                                 decoupled_weight_decay=o["decoupled_weight_decay"], foreach=False)
    if optimizer == "adamax":
        return torch.optim.Adamax(params, lr=o["lr"], betas=tuple(o["betas"]), eps=o["eps"],
                                  weight_decay=o["weight_decay"], foreach=False)
    if optimizer == "adadelta":
        return torch.optim.Adadelta(params, lr=o["lr"], rho=o["rho"], eps=o["eps"],
                                    weight_decay=o["weight_decay"], foreach=False)
    if optimizer == "rprop":
        return torch.optim.Rprop(params, lr=o["lr"], etas=tuple(o["etas"]),
                                 step_sizes=tuple(o["step_sizes"]), foreach=False)
    if optimizer == "lion":
        return lion_class()(params, lr=o["lr"], betas=tuple(o["betas"]), weight_decay=o["weight_decay"])
    if optimizer == "adafactor":
        return torch.optim.Adafactor(params, lr=o["lr"], beta2_decay=o["beta2_decay"],
                                     eps=(o["eps1"], o["eps2"]), d=o["d"],
                                     weight_decay=o["weight_decay"], foreach=False)
    if optimizer == "muon":
        return torch.optim.Muon(params, lr=o["lr"], weight_decay=o["weight_decay"], momentum=o["momentum"],
                                nesterov=o["nesterov"], ns_coefficients=tuple(o["ns_coefficients"]),
                                eps=o["eps"], ns_steps=o["ns_steps"], adjust_lr_fn=o["adjust_lr_fn"])
    raise ValueError(optimizer)


def more_layout(problem):
    """(problem name, id infix, parameter names, parameter shapes, flat start)."""
    if problem == "quadratic:3x3":
        return "quadratic", "3x3/", ["weight"], [[3, 3]], list(QUAD_START)
    if problem == "quadratic":
        return "quadratic", "", ["x"], [[len(QUAD_START)]], list(QUAD_START)
    if problem in MATRIX_PROBLEMS:
        p = MATRIX_PROBLEMS[problem]
        return problem, "", ["weight"], [p["shape"]], [v for row in p["start"] for v in row]
    return problem, "", ["xy"], [[2]], list(SURFACES[problem][1])


def shortest_float32(v):
    """The shortest decimal that reads back as the same float32 as v (v is a float32 value)."""
    short = float(str(np.float32(v)))
    assert np.float32(short) == np.float32(v) and float(np.float32(v)) == v
    return short


def run_more_case(prefix, optimizer, overrides, problem_key, precision, extra):
    dtype = DTYPES[precision]
    problem, infix, names, shapes, start = more_layout(problem_key)
    opts = {"lr": MORE_LR[optimizer][problem]}
    opts.update(MORE_DEFAULTS[optimizer])
    opts.update(overrides)
    steps = MORE_STEPS[problem]
    # torch keeps scalar state (step, NAdam's mu_product) in the default dtype: float64 for the
    # double runs, so that they are float64 throughout.
    torch.set_default_dtype(torch.float64 if precision == "double" else torch.float32)
    patched = extra.get("newton_schulz") == "patched"
    torch.optim._muon._zeropower_via_newtonschulz = (newton_schulz_in_run_precision if patched
                                                     else STOCK_NEWTON_SCHULZ)
    try:
        params = make_parameters(start, shapes, dtype)
        opt = make_more_optimizer(optimizer, opts, params)
        traj, losses = record_trajectory(problem, params, opt, steps, dtype)
        if precision == "float":
            traj = [[shortest_float32(v) for v in row] for row in traj]
    finally:
        torch.set_default_dtype(torch.float32)
        torch.optim._muon._zeropower_via_newtonschulz = STOCK_NEWTON_SCHULZ
    case = {
        "id": "%s/%s%s/%s" % (prefix, infix, problem, precision),
        "optimizer": optimizer,
        "options": opts,
        "problem": problem,
        "precision": precision,
        "parameter_names": names,
        "parameter_shapes": shapes,
    }
    case.update(extra)
    case.update({"start": start, "steps": steps, "trajectory": traj, "losses": losses})
    return case


def max_difference(a, b):
    return max(abs(x - y) for ra, rb in zip(a["trajectory"], b["trajectory"]) for x, y in zip(ra, rb))


def base_case(case, by_id):
    """The case with the optimizer's defaults (same problem, precision, Newton-Schulz) or None."""
    prefix = case["optimizer"] + ("/bf16" if case.get("newton_schulz") == "bfloat16" else "")
    rest = case["id"][len(prefix):]
    variant = rest.split("/")[1] if rest.count("/") > 2 else None
    if variant is None or variant == "3x3":
        return None
    return by_id.get(prefix + rest[len("/" + variant):])


def check_options_matter(cases):
    """Every option case must leave its default case visibly: by ten times the float tolerance."""
    by_id = {c["id"]: c for c in cases}
    weak = []
    for case in cases:
        base = base_case(case, by_id)
        if base is None:
            continue
        d = max_difference(case, base)
        if d < 1e-4:
            weak.append("%s differs from %s by %.3g" % (case["id"], base["id"], d))
    if weak:
        sys.exit("options without a visible effect:\n  " + "\n  ".join(weak))


def check_precision_agreement(cases):
    """float and double runs of a case must stay close: a run that amplifies rounding would make
    a float comparison at 1e-5 meaningless."""
    by_id = {c["id"]: c for c in cases}
    far = []
    for case in cases:
        if case["precision"] != "float":
            continue
        double = by_id[case["id"][:-len("float")] + "double"]
        d = max(abs(x - y) / max(abs(y), 1.0) for ra, rb in zip(case["trajectory"], double["trajectory"])
                for x, y in zip(ra, rb))
        if VERBOSE:
            print("%-55s float vs double %.2g" % (case["id"], d))
        # Stock Muon rounds its iteration input to bfloat16 from either dtype, which can round
        # differently; those runs are compared with a tolerance bfloat16 explains, not 1e-5.
        if d > 1e-5 and case.get("newton_schulz") != "bfloat16":
            far.append("%s: float and double differ by %.3g (relative)" % (case["id"], d))
    if far:
        sys.exit("rounding-sensitive cases:\n  " + "\n  ".join(far))


def make_more_trajectories():
    if not lion_version().startswith(LION_VERSION + "."):
        sys.exit("lion-pytorch %s.x required, found %s" % (LION_VERSION, lion_version()))
    check_more_defaults()
    check_newton_schulz_copy()

    def cases_of():
        for prefix, optimizer, overrides, problems, extra in MORE_CONFIGS:
            for problem in problems:
                for precision in ("double", "float"):
                    yield run_more_case(prefix, optimizer, overrides, problem, precision, extra)

    cases = collect(cases_of)
    check_options_matter(cases)
    check_precision_agreement(cases)
    return {
        "generator": GENERATOR,
        "torch": torch_version(),
        "lion_pytorch": lion_version(),
        "gradient_rule": ("parameters cast to float64; loss and gradient in float64 (autograd on the "
                          "surfaces, H(x-m) on the quadratic, X^T(XW-Y)/N on matrix regression); "
                          "gradient cast to the run's dtype and assigned to .grad; optimizer.step(). "
                          "Single-tensor code paths (foreach=False), one thread. Double runs set "
                          "torch's default dtype to float64, so scalar state such as NAdam's "
                          "mu_product is float64 as well (with the float32 default torch rounds it to "
                          "float32 every step). Trajectory rows are the parameters flattened row-major; "
                          "in float runs each number is the shortest decimal that reads back as the "
                          "same float32."),
        "default_lr": MORE_DEFAULT_LR,
        "newton_schulz": {
            "patched": ("torch.optim._muon._zeropower_via_newtonschulz with the iteration in the run's "
                        "dtype instead of bfloat16 (otherwise the same operations)"),
            "bfloat16": "stock torch: the iteration in bfloat16, the update added to the parameters in their dtype",
        },
        "problems": problem_entries(),
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


def write_trajectories(name, make):
    traj = make()
    write_json(name, traj)
    print("  %d trajectory cases" % len(traj["cases"]))


def write_blocks(name):
    blocks = make_blocks()
    for m in blocks["models"]:
        print("  %s: %d parameters, %d second moments" % (m["name"], m["total_parameters"],
                                                         m["total_second_moments"]))
    write_json(name, blocks)


OUTPUTS = {
    "trajectories": lambda: write_trajectories("trajectories.json", make_trajectories),
    "more_trajectories": lambda: write_trajectories("more_trajectories.json", make_more_trajectories),
    "schedules": lambda: write_json("schedules.json", make_schedules()),
    "adam_mini_blocks": lambda: write_blocks("adam_mini_blocks.json"),
}


def main():
    chosen = [a for a in sys.argv[1:] if a != "-v"] or list(OUTPUTS)
    unknown = [a for a in chosen if a not in OUTPUTS]
    if unknown:
        sys.exit("unknown output %s; choose from %s (default: all)" % (", ".join(unknown), ", ".join(OUTPUTS)))
    if adam_mini_version() != ADAM_MINI_VERSION:
        sys.exit("adam-mini %s required, found %s" % (ADAM_MINI_VERSION, adam_mini_version()))
    os.makedirs(OUT_DIR, exist_ok=True)
    for name in chosen:
        OUTPUTS[name]()


if __name__ == "__main__":
    main()
