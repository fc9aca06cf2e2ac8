#!/usr/bin/env bash
# Fuzzes one of descent's input parsers with libFuzzer and AddressSanitizer for a while.
#
#   tools/fuzz/run.sh scenario|formula|safetensors|names [SECONDS]   (default 60 seconds)
#
# Builds the library modules with coverage and ASan into .build-fuzz, links the parser's entry
# point (tools/fuzz/*Fuzz.swift), seeds the corpus from the shipped scenarios and the regression
# corpus, runs, and reports executions and any crash, hang (-timeout) or huge allocation
# (-malloc_limit_mb) found. The corpus in .build-fuzz/fuzz/PARSER/corpus grows across runs;
# findings land in .build-fuzz/fuzz/PARSER/artifacts. Exits 1 when something was found.
set -euo pipefail
cd "$(dirname "$0")/../.."

parser="${1:-}"
seconds="${2:-60}"
case "$parser" in
    scenario) source=ScenarioFuzz.swift; max_len=65536 ;;
    formula) source=FormulaFuzz.swift; max_len=4096 ;;
    safetensors) source=SafetensorsFuzz.swift; max_len=8192 ;;
    names) source=NamesFuzz.swift; max_len=8192 ;;
    *) echo "usage: $0 scenario|formula|safetensors|names [SECONDS]" >&2; exit 64 ;;
esac

scratch=.build-fuzz
work="$scratch/fuzz/$parser"
binary="$scratch/fuzz-$parser"
mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"

echo "== building the modules with -sanitize=fuzzer,address"
swift build --scratch-path "$scratch" --target Scenarios \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address
bin="$(swift build --scratch-path "$scratch" --show-bin-path)"
objects=()
for module in Scenarios Objectives OptimizerCore Networks RealModule _NumericsShims TOMLKit CTOML; do
    while IFS= read -r object; do objects+=("$object"); done < <(find "$bin/$module.build" -name '*.o')
done
echo "== linking $binary"
swiftc -use-ld=lld -sanitize=fuzzer,address -parse-as-library \
    -I "$bin/Modules" \
    -I "$scratch/checkouts/swift-numerics/Sources/_NumericsShims/include" \
    -I "$scratch/checkouts/TOMLKit/Sources/CTOML/include/CTOML" \
    "tools/fuzz/$source" "${objects[@]}" -lstdc++ -o "$binary"

seeds="$work/seeds"
rm -f "$seeds"/*
case "$parser" in
    scenario)
        cp scenarios/*.toml "$seeds/"
        cp Tests/HardeningTests/Corpus/scenario-* "$seeds/" 2>/dev/null || true ;;
    formula)
        i=0
        # Every formula in the shipped scenarios, plus the README's examples.
        while IFS= read -r formula; do
            printf '%s' "$formula" > "$seeds/scenario-$i"; i=$((i + 1))
        done < <(sed -n 's/^f = "\(.*\)"$/\1/p' scenarios/*.toml)
        for formula in 'x^2 + 3*y^2' 'sin(x) * cos(y)' '-x^2 + 2^-y' '(1 - x)^2 + 100*(y - x^2)^2' 'log(1e-3 + abs(x*y))/tanh(pi)'; do
            printf '%s' "$formula" > "$seeds/readme-$i"; i=$((i + 1))
        done ;;
    safetensors)
        header='{"__metadata__":{"format":"pt"},"model.embed.weight":{"dtype":"F32","shape":[4,2],"data_offsets":[0,32]},"model.layers.0.q_proj.weight":{"dtype":"BF16","shape":[2,2],"data_offsets":[32,40]}}'
        printf '%s' "$header" > "$seeds/header"
        # The same header as a whole file: 8-byte little-endian length, JSON, 40 data bytes.
        python3 -c 'import struct,sys; h=sys.argv[1].encode(); sys.stdout.buffer.write(struct.pack("<Q", len(h)) + h + bytes(40))' "$header" > "$seeds/file" ;;
    names)
        printf 'model.embed_tokens.weight 1000x256\n# comment\nmodel.layers.0.self_attn.q_proj.weight 256x256\nmodel.norm.weight 256\nscale ()\n' > "$seeds/names"
        printf 'a 2\r\nb 3x4\r\n' > "$seeds/crlf" ;;
esac

echo "== fuzzing $parser for $seconds s"
log="$work/last-run.log"
status=0
# TOMLKit 0.6 leaks the strings and key lists it hands to Swift (LebJe/TOMLKit#26), so leak
# detection would stop every scenario run on its first input; crashes, hangs and huge
# allocations are what this looks for.
ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$binary" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -malloc_limit_mb=2048 -rss_limit_mb=4096 \
    -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    "$work/corpus" "$seeds" > "$log" 2>&1 || status=$?

runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
coverage="$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)"
echo "== $parser: ${runs:-?} executions in $seconds s, ${coverage:-no coverage line}, corpus $(ls "$work/corpus" | wc -l) inputs"
findings=$(ls "$work/artifacts" | wc -l)
if [ "$status" -ne 0 ] || [ "$findings" -gt 0 ]; then
    grep -E 'ERROR|SUMMARY|Fatal error|Assertion|precondition' "$log" | head -20 || true
    echo "== FOUND: see $work/artifacts/ and $log; reproduce with $binary ARTIFACT"
    exit 1
fi
echo "== nothing found"
