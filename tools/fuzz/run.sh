#!/usr/bin/env bash
# Fuzzes descent's input parsers with libFuzzer and AddressSanitizer.
#
#   tools/fuzz/run.sh PARSER [SECONDS] [LIBFUZZER_OPTION...]   one parser (default 60 seconds)
#   tools/fuzz/run.sh all [SECONDS] [LIBFUZZER_OPTION...]      every parser in turn (what CI runs)
#   tools/fuzz/run.sh list                                     the parsers
#
# A parser is an entry point tools/fuzz/NameFuzz.swift (parser `name`): adding a file adds a
# parser. Its `// libFuzzer:` comment line gives its options (e.g. -max_len). The script builds
# the modules the entry point imports with coverage and ASan into .build-fuzz, then links the
# entry point against the objects, module maps and libraries the build itself reports
# (tools/fuzz/BuildInputs.swift reads them from the build description), so a new target or
# dependency needs no change here. The corpus is seeded from seeds(), below, and from every
# Tests/HardeningTests/Corpus/PARSER-* file; it grows across runs in .build-fuzz/fuzz/PARSER/corpus.
# Crashes, hangs (over 10 s) and allocations over 2 GB land in .build-fuzz/fuzz/PARSER/artifacts
# (kept across runs; only this run's count as found).
# Extra options go to libFuzzer, e.g. -runs=1000000 to stop after a number of executions.
# Exits 1 when something was found or the harness does not build.
set -euo pipefail
cd "$(dirname "$0")/../.."

parsers() {
    for file in tools/fuzz/*Fuzz.swift; do
        name="$(basename "$file" Fuzz.swift)"
        printf '%s\n' "$name" | tr '[:upper:]' '[:lower:]'
    done
}
source_of() {
    for file in tools/fuzz/*Fuzz.swift; do
        name="$(basename "$file" Fuzz.swift | tr '[:upper:]' '[:lower:]')"
        [ "$name" = "$1" ] && { printf '%s\n' "$file"; return; }
    done
    return 1
}
usage() {
    echo "usage: $0 PARSER|all [SECONDS] [LIBFUZZER_OPTION...]   (parsers: $(parsers | tr '\n' ' '))" >&2
    exit 64
}

parser="${1:-}"
[ -n "$parser" ] || usage
shift
if [ "$parser" = list ]; then parsers; exit 0; fi
seconds=60
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then seconds="$1"; shift; fi
extra=("$@")
if [ "$parser" = all ]; then
    selected=($(parsers))
else
    source_of "$parser" >/dev/null || usage
    selected=("$parser")
fi

scratch=.build-fuzz
sanitize=(-c release -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address)

# The package's own modules that the selected entry points import.
targets="$(swift package describe --type json | sed -n 's/^ *"name" : "\([^"]*\)",\{0,1\}$/\1/p' | sort -u)"
imports=()
for name in "${selected[@]}"; do
    while IFS= read -r module; do
        grep -qx "$module" <<< "$targets" && imports+=("$module")
    done < <(sed -n 's/^\(@testable \)\{0,1\}import \([A-Za-z_][A-Za-z0-9_]*\)$/\2/p' "$(source_of "$name")")
done
imports=($(printf '%s\n' "${imports[@]}" | sort -u))

echo "== building ${imports[*]} with -sanitize=fuzzer,address"
for module in "${imports[@]}"; do
    swift build --scratch-path "$scratch" --target "$module" "${sanitize[@]}"
done
bin="$(swift build --scratch-path "$scratch" --show-bin-path "${sanitize[@]}")"
helper="$scratch/fuzz/build-inputs"
mkdir -p "$scratch/fuzz"
if [ ! -x "$helper" ] || [ tools/fuzz/BuildInputs.swift -nt "$helper" ]; then
    swiftc -O tools/fuzz/BuildInputs.swift -o "$helper"
fi

# The safetensors file of one header: 8-byte little-endian length, the JSON, then DATA zero bytes.
safetensors_file() {
    local header="$1" data="$2" length
    length=${#header}
    printf "$(printf '\\x%02x' $((length & 255)) $((length >> 8 & 255)) $((length >> 16 & 255)) $((length >> 24 & 255)) 0 0 0 0)"
    printf '%s' "$header"
    head -c "$data" /dev/zero
}

# Seeds beyond the regression corpus: the shipped files and the README's examples.
seeds() {
    local dir="$1" i=0
    case "$2" in
        scenario)
            cp scenarios/*.toml "$dir/" ;;
        formula)
            while IFS= read -r formula; do
                printf '%s' "$formula" > "$dir/scenario-$i"; i=$((i + 1))
            done < <(sed -n 's/^f = "\(.*\)"$/\1/p' scenarios/*.toml)
            for formula in 'x^2 + 3*y^2' 'sin(x) * cos(y)' '-x^2 + 2^-y' '(1 - x)^2 + 100*(y - x^2)^2' 'log(1e-3 + abs(x*y))/tanh(pi)'; do
                printf '%s' "$formula" > "$dir/readme-$i"; i=$((i + 1))
            done ;;
        safetensors)
            local header='{"__metadata__":{"format":"pt"},"model.embed.weight":{"dtype":"F32","shape":[4,2],"data_offsets":[0,32]},"model.layers.0.q_proj.weight":{"dtype":"BF16","shape":[2,2],"data_offsets":[32,40]}}'
            printf '%s' "$header" > "$dir/header"
            safetensors_file "$header" 40 > "$dir/file" ;;
        names)
            printf 'model.embed_tokens.weight 1000x256\n# comment\nmodel.layers.0.self_attn.q_proj.weight 256x256\nmodel.norm.weight 256\nscale ()\n' > "$dir/names"
            printf 'a 2\r\nb 3x4\r\n' > "$dir/crlf" ;;
        config)
            printf '%s' '{"architectures":["LlamaForCausalLM"],"model_type":"llama","vocab_size":128,"hidden_size":64,"intermediate_size":96,"num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":2,"tie_word_embeddings":false,"torch_dtype":"bfloat16"}' > "$dir/llama"
            printf '%s' '{"architectures":["GPT2LMHeadModel"],"n_embd":32,"n_layer":1,"n_head":4,"n_positions":16,"vocab_size":50,"n_inner":null}' > "$dir/gpt2"
            printf '%s' '{"architectures":["Qwen3ForCausalLM"],"vocab_size":64,"hidden_size":32,"intermediate_size":48,"num_hidden_layers":1,"num_attention_heads":4,"num_key_value_heads":null,"head_dim":16,"dtype":"float16"}' > "$dir/qwen3"
            printf '%s' '{"architectures":["BertForMaskedLM"],"vocab_size":30,"hidden_size":16,"intermediate_size":32,"num_hidden_layers":1,"num_attention_heads":2,"max_position_embeddings":8,"type_vocab_size":2,"tie_word_embeddings":false}' > "$dir/bert"
            printf '%s' '{"architectures":["GemmaForCausalLM","MistralForCausalLM"],"vocab_size":64,"hidden_size":32,"intermediate_size":64,"num_hidden_layers":1,"num_attention_heads":2,"head_dim":16,"attention_bias":true}' > "$dir/gemma" ;;
        claim)
            # The claim tables of the shipped scenarios, each file's in one input.
            for file in scenarios/*.toml; do
                awk '/^\[\[claim\]\]/ { on = 1 } /^\[/ && !/^\[\[claim\]\]/ { on = 0 } on' "$file" > "$dir/$(basename "$file" .toml)"
                [ -s "$dir/$(basename "$file" .toml)" ] || rm "$dir/$(basename "$file" .toml)"
            done
            printf '[[claim]]\noptimizer = "adam"\nbeats = "gd"\nstep = 100\n\n[[claim]]\noptimizer = "mini"\nreaches = 1e-6\nwithin = 50\ntext = "Adam-mini gets there"\n' > "$dir/all-tests"
            printf '[[claim]]\noptimizer = "gd"\ndiverges = false\n\n[[claim]]\noptimizer = "adam"\nbelow = 0.5\nstep = 10\n\n[[claim]]\noptimizer = "gd"\nabove = 1e-3\n' > "$dir/defaults" ;;
        retune)
            # The first byte picks the optimizer kind (modulo their number).
            for kind in 0 1 2 3 4 5 6 7 8 9; do
                for line in 'lr=0.03 momentum=0.8' 'lr=1e-3 betas=[0.9, 0.999] eps=1e-8' 'weight_decay=0.1 nesterov=true' 'lr=0.1 lr=0.2'; do
                    printf "\\x0$kind%s" "$line" > "$dir/kind$kind-$i"; i=$((i + 1))
                done
            done ;;
        index)
            # NUL-separated parts: the index, shard 1's header, shard 2's header, config.json.
            local shard1='{"model.embed_tokens.weight":{"dtype":"BF16","shape":[8,4],"data_offsets":[0,64]},"model.layers.0.self_attn.q_proj.weight":{"dtype":"BF16","shape":[4,4],"data_offsets":[64,96]}}'
            local shard2='{"__metadata__":{"format":"pt"},"lm_head.weight":{"dtype":"F32","shape":[8,4],"data_offsets":[0,128]}}'
            local index='{"metadata":{"total_size":224},"weight_map":{"model.embed_tokens.weight":"model-00001-of-00002.safetensors","model.layers.0.self_attn.q_proj.weight":"model-00001-of-00002.safetensors","lm_head.weight":"model-00002-of-00002.safetensors"}}'
            local config='{"architectures":["LlamaForCausalLM"],"hidden_size":4,"num_attention_heads":2,"num_key_value_heads":1}'
            printf '%s\0%s\0%s\0%s' "$index" "$shard1" "$shard2" "$config" > "$dir/two-shards"
            printf '%s\0%s\0%s' "$index" "$shard1" "$shard2" > "$dir/no-config"
            printf '%s\0%s' '{"weight_map":{"a":"one.safetensors","b":"sub/two.safetensors"}}' "$shard1" > "$dir/missing-shard" ;;
    esac
}

# The last libFuzzer status line's figure for a label (cov, ft, corp), or ?.
figure() { grep -o "$1: [0-9/a-zA-Z]*" "$2" | tail -1 | sed "s/^$1: //" || true; }

# The entry points that write their input to a file do it under TMPDIR: tmpfs where there is one.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi

found=0
for name in "${selected[@]}"; do
    source="$(source_of "$name")"
    work="$scratch/fuzz/$name"
    binary="$scratch/fuzz-$name"
    mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
    echo "== linking $binary"
    modules=($(sed -n 's/^\(@testable \)\{0,1\}import \([A-Za-z_][A-Za-z0-9_]*\)$/\2/p' "$source" | { grep -x -F -f <(printf '%s\n' "${imports[@]}") || true; }))
    flags=() objects=() libraries=()
    while IFS=$'\t' read -r kind value; do
        case "$kind" in
            flag) flags+=("$value") ;;
            object) objects+=("$value") ;;
            library) libraries+=("$value") ;;
        esac
    done < <("$helper" "$bin" "${modules[@]}")
    [ ${#objects[@]} -gt 0 ] || { echo "== $name: the build reports no objects to link" >&2; exit 1; }
    swiftc -use-ld=lld -sanitize=fuzzer,address -parse-as-library -g "${flags[@]}" \
        "$source" "${objects[@]}" "${libraries[@]}" -o "$binary"

    rm -f "$work/seeds"/*
    seeds "$work/seeds" "$name"
    cp Tests/HardeningTests/Corpus/"$name"-* "$work/seeds/" 2>/dev/null || true
    options=($(sed -n 's|^// libFuzzer: *||p' "$source"))

    echo "== fuzzing $name for $seconds s ${extra[*]}"
    log="$work/last-run.log"
    touch "$work/started"
    status=0
    # TOMLKit 0.6 leaks the strings and key lists it hands to Swift (LebJe/TOMLKit#26), so leak
    # detection would stop every scenario run on its first input; crashes, hangs and huge
    # allocations are what this looks for. Swift's own crash backtracer is off: ASan reports its
    # reads of the crashed process as an overflow, hiding the trap's message.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$binary" -max_total_time="$seconds" \
        -timeout=10 -malloc_limit_mb=2048 -rss_limit_mb=4096 -detect_leaks=0 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" "${options[@]}" "${extra[@]}" \
        "$work/corpus" "$work/seeds" > "$log" 2>&1 || status=$?

    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    echo "== $name: ${runs:-?} executions, cov: $(figure cov "$log") ft: $(figure ft "$log") corp: $(figure corp "$log"), corpus $(ls "$work/corpus" | wc -l) files"
    if [ "$status" -ne 0 ] || [ -n "$(find "$work/artifacts" -type f -newer "$work/started")" ] || [ -z "$runs" ]; then
        grep -E 'ERROR|SUMMARY|Fatal error|Assertion|precondition|INFO: Seed' "$log" | head -20 || true
        tail -5 "$log"
        echo "== FOUND in $name: see $work/artifacts/ and $log; reproduce with SWIFT_BACKTRACE=enable=no $binary ARTIFACT"
        found=1
    else
        echo "== $name: nothing found"
    fi
done
exit "$found"
