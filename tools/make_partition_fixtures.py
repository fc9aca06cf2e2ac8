#!/usr/bin/env python3
"""Generate the reference data for `descent partition` on Hugging Face configs.

Run by hand (never in CI) from the repository root, inside the virtualenv
described in tools/README.md (torch, transformers, adam-mini 1.1.1):

    tools/.venv/bin/python tools/make_partition_fixtures.py

Writes Tests/ScenariosTests/Fixtures/partition_architectures.json: for a small
config of each supported architecture,

  config     the config.json transformers' save_pretrained writes for it;
  tensors    [name, shape] as save_pretrained writes them, in the model's
             state_dict order: built on the meta device (no weights), tied
             weights dropped, and checked against the header of a real
             save_pretrained of the same model on the CPU;
  official   dim / n_heads / n_kv_heads as a user of the official Adam-mini
             1.1.1 passes them from that config, its second-moment count per
             tensor after one step (or the error it raises on that tensor),
             and the summary line its count_block() prints.
"""

import contextlib
import io
import json
import os
import sys
import tempfile

import torch
import transformers
from adam_mini import Adam_mini
from safetensors import safe_open

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "ScenariosTests", "Fixtures", "partition_architectures.json")

torch.set_num_threads(1)

DECODER = dict(vocab_size=128, hidden_size=64, intermediate_size=96, num_hidden_layers=2,
               num_attention_heads=4, num_key_value_heads=2)
ENCODER = dict(vocab_size=128, hidden_size=64, intermediate_size=96, num_hidden_layers=2,
               num_attention_heads=4, max_position_embeddings=32)

# (case name, config class, model class, config arguments)
CASES = [
    ("llama", "LlamaConfig", "LlamaForCausalLM", DECODER),
    ("llama-tied-bias", "LlamaConfig", "LlamaForCausalLM",
     dict(DECODER, attention_bias=True, mlp_bias=True, tie_word_embeddings=True)),
    ("mistral", "MistralConfig", "MistralForCausalLM", dict(DECODER, head_dim=16)),
    ("qwen2", "Qwen2Config", "Qwen2ForCausalLM", dict(DECODER, tie_word_embeddings=True)),
    ("qwen3", "Qwen3Config", "Qwen3ForCausalLM", dict(DECODER, head_dim=32)),
    ("gemma", "GemmaConfig", "GemmaForCausalLM", dict(DECODER, head_dim=32)),
    ("gpt2", "GPT2Config", "GPT2LMHeadModel",
     dict(vocab_size=128, n_embd=64, n_layer=2, n_head=4, n_positions=32)),
    ("gpt2-untied", "GPT2Config", "GPT2LMHeadModel",
     dict(vocab_size=128, n_embd=64, n_layer=1, n_head=4, n_positions=32, n_inner=80,
          tie_word_embeddings=False)),
    ("bert", "BertConfig", "BertForMaskedLM", ENCODER),
    ("bert-untied", "BertConfig", "BertForMaskedLM", dict(ENCODER, tie_word_embeddings=False)),
    ("bert-model", "BertConfig", "BertModel", ENCODER),
]


def saved_config_and_tensors(model_class, config):
    """The config.json and the (name, shape) set a real save_pretrained writes."""
    torch.manual_seed(0)
    model = model_class(config)
    with tempfile.TemporaryDirectory() as folder:
        model.save_pretrained(folder)
        with open(os.path.join(folder, "config.json")) as f:
            saved_config = json.load(f)
        with safe_open(os.path.join(folder, "model.safetensors"), "pt") as f:
            saved = {name: list(f.get_slice(name).get_shape()) for name in f.keys()}
    return saved_config, saved, model


def meta_tensors(model_class, config):
    """Names and shapes from the meta device, tied weights dropped, in state_dict order."""
    with torch.device("meta"):
        model = model_class(config)
    tied = set(getattr(model, "all_tied_weights_keys", None) or {})
    return [[name, list(t.shape)] for name, t in model.state_dict().items() if name not in tied]


def official_attention(config):
    """dim, n_heads, n_kv_heads as a user passes them from the config."""
    dim = getattr(config, "hidden_size", None) or config.n_embd
    heads = getattr(config, "num_attention_heads", None) or config.n_head
    kv = getattr(config, "num_key_value_heads", None) or heads
    return dim, heads, kv


def official_blocks(model, dim, heads, kv):
    """Per tensor: the official second-moment count after one step, or its error."""
    blocks = {}
    for name, p in model.named_parameters():
        p = torch.nn.Parameter(p.detach().clone())
        opt = Adam_mini([(name, p)], lr=1e-3, dim=dim, n_heads=heads, n_kv_heads=kv, verbose=False)
        p.grad = torch.ones_like(p)
        try:
            opt.step()
        except Exception as e:  # the official code fails on some tensors; record how
            blocks[name] = "error: %s: %s" % (type(e).__name__, e)
            continue
        state = opt.state[p]
        blocks[name] = int((state["v"] if "v" in state else state["vmean"]).numel())
    return blocks


def official_summary(model, dim, heads, kv):
    """What the official constructor and count_block() print (names found, counts, warnings)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        opt = Adam_mini(list(model.named_parameters()), lr=1e-3, dim=dim, n_heads=heads, n_kv_heads=kv,
                        verbose=True)
        opt.count_block()
    return [line for line in out.getvalue().splitlines() if line.strip()]


def main():
    cases = []
    for name, config_class, model_class_name, arguments in CASES:
        config = getattr(transformers, config_class)(**arguments)
        model_class = getattr(transformers, model_class_name)
        saved_config, saved, model = saved_config_and_tensors(model_class, config)
        tensors = meta_tensors(model_class, config)
        if {n: s for n, s in tensors} != saved:
            sys.exit("%s: meta-device tensors differ from save_pretrained's:\n%s\n%s" % (name, tensors, saved))
        dim, heads, kv = official_attention(config)
        summary = official_summary(model, dim, heads, kv)
        cases.append({
            "name": name,
            "config": saved_config,
            "tensors": tensors,
            "official": {
                "dim": dim, "n_heads": heads, "n_kv_heads": kv,
                "blocks": official_blocks(model, dim, heads, kv),
                "count_block": [line for line in summary if line.startswith("Adam-mini found")],
            },
        })
    from importlib.metadata import version
    document = {
        "generator": "tools/make_partition_fixtures.py",
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "adam_mini": version("adam-mini"),
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(document, f, indent=1, sort_keys=False)
        f.write("\n")
    print("wrote %s (%d cases)" % (os.path.relpath(OUT, ROOT), len(cases)))


if __name__ == "__main__":
    main()
