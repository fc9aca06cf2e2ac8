#!/usr/bin/env python3
"""Generate the golden fixture for eta and the preconditioned curvature.

Run by hand (never in CI) from the repository root, inside the virtualenv
described in tools/README.md:

    tools/.venv/bin/python tools/make_curvature_fixtures.py

Writes Tests/ScenariosTests/Fixtures/curvature.json.

Every optimizer runs a few steps with torch.optim (the official Adam-mini
1.1.1 for Adam-mini, numpy for block-GD) on the 9-D block quadratic of
make_fixtures.py and on two surface points, with the same gradient rule
(float64 throughout).  Then, from the state the optimizer keeps (exp_avg_sq,
max_exp_avg_sq, square_avg, grad_avg, sum, vmean, step) and nothing of
descent's, it computes

  eta        the step sizes of the last update: lr_t (SGD family);
             clr / (sqrt(sum) + eps) with clr = lr / (1 + (t-1) lr_decay)
             (AdaGrad); lr / (sqrt(sq) + eps), centered sqrt(sq - ga^2) + eps
             (RMSprop); lr_t / (sqrt(v / (1 - beta2^t)) + eps), max_v under
             amsgrad (Adam, AdamW); the same per block with vmean (Adam-mini);
             scale / lambda_max(H_b) (block-GD);
  spectrum   the eigenvalues of P^1/2 H P^1/2 with P = diag(eta) and H the
             exact Hessian at the final point plus the L2 weight decay (the
             gradient the optimizer sees is that of f + wd/2 |x|^2; decoupled
             decay is not part of it), by numpy.linalg.eigvalsh;
  threshold  2 without momentum; (2 + 2 mu) / (1 - dampening) heavy ball;
             (2 + 2 mu) / (1 + 2 mu) Nesterov; (2 + 2 beta1) / (1 - beta1)
             the Adam family.

NAdam, RAdam, Adamax, Adadelta, Rprop (torch.optim) and Lion (lion-pytorch) are
covered too: eta = lr / (sqrt(v / (1 - beta2^t)) + eps) (NAdam);
lr rect sqrt(1 - beta2^t) / (sqrt(v) + eps) once rho_t > 5, else lr (RAdam);
lr / exp_inf (Adamax); lr sqrt(acc_delta + eps) / sqrt(square_avg + eps)
(Adadelta); step_size (Rprop); lr (Lion). NAdam's threshold is
(2 + 2 beta1) / (1 + beta1 - 2 beta1 mu_1); Adadelta's 2; Rprop and Lion move
by fixed lengths and have none (null).
"""

import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402  (the quadratic, the surfaces and the optimizer factory)

OUT = os.path.join(mf.ROOT, "Tests", "ScenariosTests", "Fixtures", "curvature.json")
GENERATOR = "tools/make_curvature_fixtures.py"

QUAD_STEPS = 6
SURFACE_STEPS = 5

# (id, optimizer, lr, overrides, schedule) on the quadratic; schedule is a StepLR (step_size, gamma) or None.
QUADRATIC_CASES = [
    ("gd", "gd", 8e-3, {}, None),
    ("gd/step_lr", "gd", 8e-3, {}, (2, 0.5)),
    ("sgd/momentum_dampening", "sgd", 2e-3, {"momentum": 0.9, "dampening": 0.5}, None),
    ("sgd/momentum_dampening_weight_decay", "sgd", 2e-3, {"momentum": 0.8, "dampening": 0.3, "weight_decay": 0.05}, None),
    ("momentum", "momentum", 2e-3, {"momentum": 0.9}, None),
    ("nesterov", "nesterov", 2e-3, {"momentum": 0.9, "nesterov": True}, None),
    ("adagrad", "adagrad", 2e-1, {}, None),
    ("adagrad/lr_decay", "adagrad", 2e-1, {"lr_decay": 0.05}, None),
    ("adagrad/lr_decay_initial_accumulator", "adagrad", 2e-1, {"lr_decay": 0.1, "initial_accumulator_value": 0.5}, None),
    ("rmsprop", "rmsprop", 1e-2, {}, None),
    ("rmsprop/centered", "rmsprop", 1e-2, {"centered": True}, None),
    ("rmsprop/momentum", "rmsprop", 2e-3, {"momentum": 0.9}, None),
    ("rmsprop/centered_momentum_weight_decay", "rmsprop", 2e-3, {"centered": True, "momentum": 0.5, "weight_decay": 0.1}, None),
    ("adam", "adam", 5e-2, {}, None),
    ("adam/step_lr", "adam", 5e-2, {}, (2, 0.5)),
    ("adam/weight_decay", "adam", 5e-2, {"weight_decay": 0.1}, None),
    ("adam/amsgrad", "adam", 5e-2, {"amsgrad": True}, None),
    ("adamw", "adamw", 5e-2, {}, None),
    ("adamw/amsgrad_betas", "adamw", 5e-2, {"amsgrad": True, "betas": [0.8, 0.99], "weight_decay": 0.5}, None),
    ("adam-mini", "adam-mini", 5e-2, {}, None),
    ("adam-mini/weight_decay_betas", "adam-mini", 5e-2, {"weight_decay": 0.1, "betas": [0.85, 0.99]}, None),
    ("nadam", "nadam", 5e-2, {}, None),
    ("nadam/weight_decay_momentum_decay", "nadam", 5e-2, {"weight_decay": 0.1, "momentum_decay": 0.05}, None),
    ("nadam/decoupled_weight_decay", "nadam", 5e-2, {"weight_decay": 0.1, "decoupled_weight_decay": True}, None),
    # The sixth update is RAdam's first rectified one (rho_6 = 5.99); with beta2 0.5 (rho_inf = 3)
    # it never leaves the momentum-SGD phase.
    ("radam", "radam", 2e-3, {}, None),
    ("radam/betas_weight_decay", "radam", 2e-3, {"betas": [0.8, 0.9], "weight_decay": 0.1}, None),
    ("radam/unrectified", "radam", 2e-3, {"betas": [0.9, 0.5]}, None),
    ("adamax", "adamax", 5e-2, {}, None),
    ("adamax/weight_decay", "adamax", 5e-2, {"weight_decay": 0.1}, None),
    ("adadelta", "adadelta", 1.0, {}, None),
    ("adadelta/rho_eps_weight_decay", "adadelta", 1.0, {"rho": 0.95, "eps": 1e-4, "weight_decay": 0.1}, None),
    ("rprop", "rprop", 1e-2, {}, None),
    ("rprop/etas_step_sizes", "rprop", 1e-2, {"etas": [0.3, 1.5], "step_sizes": [2e-3, 2e-2]}, None),
    ("lion", "lion", 1e-2, {}, None),
    ("lion/weight_decay", "lion", 1e-2, {"weight_decay": 0.5}, None),
    ("block-gd", "block-gd", None, {"scale": 1.0}, None),
    ("block-gd/scale", "block-gd", None, {"scale": 0.5}, None),
]

# (id, surface, optimizer, lr, overrides): a 2-D point with its exact Hessian (positive definite
# near Rosenbrock's start, indefinite where GD at 1e-3 gets to, negative definite near
# Himmelblau's local maximum at (-1, -1)).
SURFACE_CASES = [
    ("adam", "rosenbrock", "adam", 1e-3, {}),
    ("adamw", "rosenbrock", "adamw", 1e-3, {"weight_decay": 0.1}),
    ("gd", "rosenbrock", "gd", 1e-4, {}),
    ("gd/indefinite", "rosenbrock", "gd", 1e-3, {}),
    ("rmsprop/momentum", "himmelblau", "rmsprop", 1e-3, {"momentum": 0.5}),
    ("nesterov", "himmelblau", "nesterov", 1e-3, {"momentum": 0.9, "nesterov": True}),
    ("nadam", "rosenbrock", "nadam", 1e-3, {}),
    ("adadelta", "himmelblau", "adadelta", 1.0, {}),
]

# The hyperparameters descent knows, by torch name (Adam-mini's dim and heads are partition
# settings, irrelevant here: each of the quadratic's tensors is one block).
DESCENT_NAMES = {"lr", "momentum", "dampening", "weight_decay", "nesterov", "lr_decay",
                 "initial_accumulator_value", "eps", "alpha", "centered", "betas", "amsgrad", "scale",
                 "momentum_decay", "decoupled_weight_decay", "rho", "etas", "step_sizes"}


def threshold(optimizer, opts):
    if optimizer in ("gd", "sgd", "momentum", "nesterov"):
        mu = opts["momentum"]
        if mu == 0:
            return 2.0
        if opts["nesterov"]:
            return (2 + 2 * mu) / (1 + 2 * mu)
        return (2 + 2 * mu) / (1 - opts["dampening"])
    if optimizer in ("adagrad", "block-gd", "adadelta"):
        return 2.0
    if optimizer in ("rprop", "lion"):
        return None  # steps of a fixed length: no threshold (descent's infinity)
    if optimizer == "rmsprop":
        return 2 + 2 * opts["momentum"]
    beta1 = opts["betas"][0]
    if optimizer == "nadam":
        # p -= eta ((1 - mu) g + mu m) with m = beta1 m + (1 - beta1) g, at mu_1.
        mu = beta1 * (1 - 0.5 * 0.96 ** opts["momentum_decay"])
        return (2 + 2 * beta1) / (1 + beta1 - 2 * beta1 * mu)
    return (2 + 2 * beta1) / (1 - beta1)


def l2_decay(optimizer, opts):
    """The weight decay that enters the gradient (and so the Hessian)."""
    if optimizer in ("adamw", "adam-mini", "block-gd", "lion") or opts.get("decoupled_weight_decay"):
        return 0.0
    return opts.get("weight_decay", 0.0)


def torch_eta(optimizer, opt, params, lr_used):
    """eta per coordinate from the optimizer's own state, read after the last update."""
    group = opt.param_groups[0]
    etas = []
    for p in params:
        st = opt.state[p]
        numel = p.numel()
        if optimizer in ("gd", "sgd", "momentum", "nesterov"):
            etas.append(np.full(numel, lr_used))
        elif optimizer == "adagrad":
            t = float(st["step"])
            clr = lr_used / (1 + (t - 1) * group["lr_decay"])
            etas.append(clr / (np.sqrt(st["sum"].double().numpy().reshape(-1)) + group["eps"]))
        elif optimizer == "rmsprop":
            sq = st["square_avg"].double().numpy().reshape(-1)
            if group["centered"]:
                ga = st["grad_avg"].double().numpy().reshape(-1)
                sq = sq - ga * ga
            etas.append(lr_used / (np.sqrt(sq) + group["eps"]))
        elif optimizer in ("adam", "adamw"):
            t = float(st["step"])
            beta2 = group["betas"][1]
            v = st["max_exp_avg_sq"] if group["amsgrad"] else st["exp_avg_sq"]
            v = v.double().numpy().reshape(-1)
            etas.append(lr_used / (np.sqrt(v / (1 - beta2 ** t)) + group["eps"]))
        elif optimizer == "adam-mini":
            # The official optimizer puts each parameter in its own group.
            own = next(g for g in opt.param_groups if g["params"][0] is p)
            t = float(st["step"])
            vmean = float(st["vmean"].double().reshape(-1)[0])
            etas.append(np.full(numel, lr_used / (math.sqrt(vmean / (1 - own["beta2"] ** t)) + own["eps"])))
        elif optimizer == "nadam":
            t = float(st["step"])
            v = st["exp_avg_sq"].double().numpy().reshape(-1)
            etas.append(lr_used / (np.sqrt(v / (1 - group["betas"][1] ** t)) + group["eps"]))
        elif optimizer == "radam":
            t = float(st["step"])
            beta2 = group["betas"][1]
            rho_inf = 2 / (1 - beta2) - 1
            rho = rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)
            if rho > 5:
                rect = math.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))
                v = st["exp_avg_sq"].double().numpy().reshape(-1)
                etas.append(lr_used * rect * math.sqrt(1 - beta2 ** t) / (np.sqrt(v) + group["eps"]))
            else:
                etas.append(np.full(numel, lr_used))
        elif optimizer == "adamax":
            etas.append(lr_used / st["exp_inf"].double().numpy().reshape(-1))
        elif optimizer == "adadelta":
            acc = st["acc_delta"].double().numpy().reshape(-1)
            sq = st["square_avg"].double().numpy().reshape(-1)
            etas.append(lr_used * np.sqrt(acc + group["eps"]) / np.sqrt(sq + group["eps"]))
        elif optimizer == "rprop":
            etas.append(st["step_size"].double().numpy().reshape(-1))
        elif optimizer == "lion":
            etas.append(np.full(numel, lr_used))
        else:
            raise ValueError(optimizer)
    return np.concatenate(etas)


def run_torch(optimizer, lr, overrides, start, grad, steps, schedule, names):
    more = optimizer in mf.MORE_DEFAULTS
    if more:
        opts = dict({"lr": lr}, **mf.MORE_DEFAULTS[optimizer])
        opts.update(overrides)
        # Scalar state (NAdam's mu_product) in float64 like everything else.
        torch.set_default_dtype(torch.float64)
    else:
        opts = mf.full_options(optimizer, lr, overrides)
    if optimizer == "adam-mini":
        shapes = [[s] for s in mf.QUAD_BLOCK_SIZES]
    else:
        shapes = [[len(start)]]
    flat0 = torch.tensor(start, dtype=torch.float64)
    params, off = [], 0
    for shape in shapes:
        numel = int(np.prod(shape))
        params.append(nn.Parameter(flat0[off:off + numel].clone().reshape(shape)))
        off += numel
    if more:
        opt = mf.make_more_optimizer(optimizer, opts, params)
    else:
        opt = mf.make_optimizer(optimizer, opts, params, names if optimizer == "adam-mini" else None)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=schedule[0], gamma=schedule[1]) if schedule else None
    lr_used = None
    for _ in range(steps):
        x = torch.cat([p.detach().reshape(-1) for p in params])
        g = grad(x)
        off = 0
        for p in params:
            p.grad = g[off:off + p.numel()].clone().reshape(p.shape)
            off += p.numel()
        lr_used = opt.param_groups[0]["lr"]
        opt.step()
        if sched:
            sched.step()
    final = torch.cat([p.detach().reshape(-1) for p in params]).numpy()
    eta = torch_eta(optimizer, opt, params, lr_used)
    torch.set_default_dtype(torch.float32)
    return opts, final, eta


def run_block_gd(scale, start, steps):
    """numpy block-GD: lr_b = scale / lambda_max(H_b), p -= lr_b g on block b."""
    eta, off = [], 0
    for size in mf.QUAD_BLOCK_SIZES:
        block = mf.QUAD_H[off:off + size, off:off + size]
        eta += [scale / np.linalg.eigvalsh(block)[-1]] * size
        off += size
    eta = np.array(eta)
    x = np.array(start, dtype=np.float64)
    for _ in range(steps):
        x = x - eta * (mf.QUAD_H @ (x - mf.QUAD_M))
    return x, eta


def spectrum_entry(case_id, problem, optimizer, opts, steps, final, eta, hessian, schedule):
    decay = l2_decay(optimizer, opts)
    h = hessian + decay * np.eye(len(eta))
    s = np.sqrt(eta)
    scaled = s[:, None] * h * s[None, :]
    eig = np.linalg.eigvalsh(0.5 * (scaled + scaled.T))
    hess_eig = np.linalg.eigvalsh(0.5 * (h + h.T))
    if not (np.all(np.isfinite(eta)) and np.all(np.isfinite(eig)) and np.all(np.isfinite(final))):
        sys.exit("%s: not finite" % case_id)
    hyper = {k: v for k, v in opts.items() if k in DESCENT_NAMES}
    entry = {
        "id": "%s/%s" % (case_id, problem),
        "optimizer": optimizer,
        "hyperparameters": hyper,
        "problem": problem,
        "steps": steps,
        "final_point": final.tolist(),
        "l2_weight_decay": decay,
        "eta": eta.tolist(),
        "eigenvalues": eig.tolist(),
        "hessian_eigenvalues": hess_eig.tolist(),
        "lambda_min": float(eig[0]),
        "lambda_max": float(eig[-1]),
        "condition": float(eig[-1] / eig[0]) if eig[0] > 0 else None,
        "threshold": threshold(optimizer, opts),
    }
    if optimizer == "adam-mini":
        entry["partition"] = "blocks"
    if schedule:
        entry["schedule"] = {"schedule": "step", "step_size": schedule[0], "gamma": schedule[1]}
    return entry


def quadratic_cases():
    start = list(mf.QUAD_START)
    names = ["block%d" % i for i in range(len(mf.QUAD_BLOCK_SIZES))]
    grad = lambda x: mf.quadratic_loss_grad(x)[1]
    out = []
    for case_id, optimizer, lr, overrides, schedule in QUADRATIC_CASES:
        if optimizer == "block-gd":
            final, eta = run_block_gd(overrides["scale"], start, QUAD_STEPS)
            opts = dict(overrides)
        else:
            opts, final, eta = run_torch(optimizer, lr, overrides, start, grad, QUAD_STEPS, schedule, names)
        out.append(spectrum_entry(case_id, "quadratic", optimizer, opts, QUAD_STEPS, final, eta, mf.QUAD_H, schedule))
    return out


def surface_cases():
    out = []
    for case_id, surface, optimizer, lr, overrides in SURFACE_CASES:
        fn, start = mf.SURFACES[surface]
        grad = lambda x, fn=fn: mf.surface_loss_grad(fn, x)[1]
        opts, final, eta = run_torch(optimizer, lr, overrides, list(start), grad, SURFACE_STEPS, None, None)
        hessian = torch.autograd.functional.hessian(fn, torch.tensor(final, dtype=torch.float64)).numpy()
        entry = spectrum_entry(case_id, surface, optimizer, opts, SURFACE_STEPS, final, eta, hessian, None)
        entry["start"] = list(start)
        out.append(entry)
    return out


def main():
    if mf.adam_mini_version() != mf.ADAM_MINI_VERSION:
        sys.exit("adam-mini %s required, found %s" % (mf.ADAM_MINI_VERSION, mf.adam_mini_version()))
    cases = quadratic_cases() + surface_cases()
    fixture = {
        "generator": GENERATOR,
        "torch": mf.torch_version(),
        "adam_mini": mf.adam_mini_version(),
        "numpy": np.__version__,
        "gradient_rule": "float64 parameters, loss and gradient (H(x-m) on the quadratic, autograd on the "
                         "surfaces) assigned to .grad; optimizer.step(); StepLR stepped after it",
        "quadratic": {
            "hessian": mf.QUAD_H.tolist(),
            "minimum": mf.QUAD_M.tolist(),
            "start": list(mf.QUAD_START),
            "block_sizes": mf.QUAD_BLOCK_SIZES,
        },
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    text = json.dumps(fixture, separators=(",", ":"), allow_nan=False)
    with open(OUT, "w") as f:
        f.write(text + "\n")
    print("wrote %s (%d bytes, %d cases)" % (os.path.relpath(OUT, mf.ROOT), len(text) + 1, len(cases)))
    for c in cases:
        print("  %-52s lambda_max %-12.6g threshold %-8s condition %s" % (
            c["id"], c["lambda_max"], "%.4g" % c["threshold"] if c["threshold"] is not None else "none",
            "%.6g" % c["condition"] if c["condition"] is not None else "none"))


if __name__ == "__main__":
    main()
