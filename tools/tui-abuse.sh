#!/usr/bin/env bash
# Abuses the real descent TUI in tmux: rapid resizes (1x1 and 400x120 included), thousands of
# seeded random keys, then ends it with Ctrl-C, SIGTERM or SIGHUP while it runs. After each run it
# checks that the process is gone with the expected exit status, that it never crashed, and that
# the terminal is exactly as before (stty -a, no alternate screen, no mouse or keypad mode, a shell
# that echoes again).
#
# Usage: tools/tui-abuse.sh [--keys N] [--resizes N] [--seed S] [--binary PATH] [--runs LIST] [--print-events]
#   default (CI): --keys 300 --resizes 20; by hand: --keys 10000 --resizes 200
#   --runs: a comma-separated subset of ctrl-c,sigterm,sighup (default: all three)
#
# The event sequence is shared with Tests/VisualizerTests/AbuseEventTests.swift, which applies it to
# AppState.update; tools/tui-abuse-events.txt holds its first events for seed 1 and both sides are
# checked against that file. The generator:
#   state' = (1103515245 * state + 12345) mod 2^31, starting at state = seed mod 2^31;
#   draw   = state' >> 16 (0...32767).
#   For key i in 0..<keys: the key is KEYS[draw mod count(KEYS)]. When resizes > 0, after key i
#   with (i + 1) mod max(1, keys / resizes) == 0, and at the end, resizes are emitted until there
#   are `resizes` of them: the first is 1x1, the second 400x120, then width = 1 + draw mod 400 and
#   height = 1 + draw mod 120 (two draws, width first).
# Keys are tmux key names. No q and no Ctrl-C among them: those end the program.
set -euo pipefail

KEYS=(a b c d e f g h i j k l m n o p r s t u v w x y z N
      0 1 2 3 4 5 6 7 8 9
      Up Down Left Right S-Left S-Right S-Up S-Down
      Tab BTab Enter Escape Space '?' '[' ']' '+' '-')

key_count=300
resize_count=20
seed=1
print_events=0
runs="ctrl-c,sigterm,sighup"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="$root/.build/debug/descent"

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --keys) key_count="$2"; shift 2 ;;
        --resizes) resize_count="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --binary) binary="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --print-events) print_events=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "tui-abuse: unknown argument '$1'" >&2; usage >&2; exit 64 ;;
    esac
done
for number in "$key_count" "$resize_count" "$seed"; do
    [[ "$number" =~ ^[0-9]+$ ]] || { echo "tui-abuse: '$number' is not a non-negative integer" >&2; exit 64; }
done

# --- the seeded event sequence ------------------------------------------------------------------
lcg=$(( seed % 2147483648 ))
draw() { lcg=$(( (1103515245 * lcg + 12345) % 2147483648 )); drawn=$(( lcg >> 16 )); }

EVENTS=()
resizes_done=0
next_resize() {
    local width height
    if [ "$resizes_done" -eq 0 ]; then width=1; height=1
    elif [ "$resizes_done" -eq 1 ]; then width=400; height=120
    else
        draw; width=$(( 1 + drawn % 400 ))
        draw; height=$(( 1 + drawn % 120 ))
    fi
    EVENTS+=("resize ${width}x${height}")
    resizes_done=$(( resizes_done + 1 ))
}
stride=$(( resize_count > 0 ? key_count / resize_count : 0 ))
[ "$stride" -ge 1 ] || stride=1
for (( i = 0; i < key_count; i++ )); do
    draw
    EVENTS+=("key ${KEYS[drawn % ${#KEYS[@]}]}")
    if [ "$resize_count" -gt 0 ] && [ $(( (i + 1) % stride )) -eq 0 ] && [ "$resizes_done" -lt "$resize_count" ]; then
        next_resize
    fi
done
while [ "$resizes_done" -lt "$resize_count" ]; do next_resize; done

if [ "$print_events" -eq 1 ]; then
    printf '%s\n' "${EVENTS[@]}"
    exit 0
fi

# --- driving tmux ---------------------------------------------------------------------------------
command -v tmux >/dev/null || { echo "tui-abuse: tmux is not installed" >&2; exit 2; }
[ -x "$binary" ] || { echo "tui-abuse: no descent binary at $binary (run swift build, or pass --binary)" >&2; exit 2; }

sockets=()
workdirs=()
failed=0
cleanup() {
    for socket in "${sockets[@]}"; do tmux -L "$socket" kill-server 2>/dev/null || true; done
    if [ "$failed" -eq 0 ]; then
        for dir in "${workdirs[@]}"; do rm -rf "$dir"; done
    else
        for dir in "${workdirs[@]}"; do echo "tui-abuse: kept $dir for inspection" >&2; done
    fi
}
trap cleanup EXIT

fail() {
    failed=1
    echo "tui-abuse: FAIL [$run_name]: $*" >&2
    echo "--- last screen ---" >&2
    tmux -L "$socket" capture-pane -p -t abuse 2>/dev/null >&2 || true
    if [ -s "$work/descent.err" ]; then echo "--- descent's stderr ---" >&2; tail -20 "$work/descent.err" >&2; fi
    exit 1
}

t() { tmux -L "$socket" "$@"; }
screen() { t capture-pane -p -t abuse 2>/dev/null || true; }

# Polls until the shell condition in "$1" holds, up to "$2" seconds; fails with "$3".
wait_until() {
    local condition="$1" limit="$2" message="$3" deadline=$(( SECONDS + $2 ))
    while ! eval "$condition"; do
        [ "$SECONDS" -lt "$deadline" ] || fail "$message (waited ${limit} s)"
        sleep 0.05
    done
}

alive() { kill -0 "$pid" 2>/dev/null; }

# Flags tmux keeps for the pane: the full-screen modes a program can leave behind.
pane_modes() {
    t display-message -p -t abuse \
        'alternate=#{alternate_on} cursor=#{cursor_flag} keypad=#{keypad_flag} keypad_cursor=#{keypad_cursor_flag} mouse=#{mouse_any_flag} mouse_sgr=#{mouse_sgr_flag}'
}

# One run: $1 name, $2 scenario, $3 how it ends (ctrl-c, term, hup), $4 expected exit status.
abuse_run() {
    run_name="$1"
    local scenario="$2" ending="$3" expected="$4" started=$SECONDS
    socket="descent-abuse-$$-$run_name"
    sockets+=("$socket")
    work="$(mktemp -d "${TMPDIR:-/tmp}/descent-abuse.XXXXXX")"
    workdirs+=("$work")
    # A copy of the scenarios: `e` and `w` write files into the working directory, `o` lists
    # the scenarios folder there.
    cp -R "$root/scenarios" "$work/scenarios"
    cat > "$work/launch.sh" <<EOF
echo \$\$ > descent.pid
exec '$binary' 'scenarios/$scenario' 2> descent.err
EOF
    t -f /dev/null new-session -d -s abuse -x 120 -y 40 -c "$work" \
        "env -i PATH='$PATH' HOME='$work' TERM=xterm-256color LANG=C.UTF-8 PS1='$ ' bash --norc --noprofile -i"
    # Manual window size: resize-window then works in a session without clients.
    t set-option -g window-size manual
    wait_until '[[ "$(screen)" == *"$"* ]]' 10 "the shell prompt did not appear"
    local modes_before
    modes_before="$(pane_modes)"
    t send-keys -t abuse -l "stty -a > stty.before; sh ./launch.sh; echo \$? > descent.status"
    t send-keys -t abuse Enter
    wait_until '[ -s "$work/descent.pid" ] && [[ "$(screen)" == *"step 0 "* ]]' 20 "descent did not show step 0"
    pid="$(cat "$work/descent.pid")"

    # The abuse: keys in batches, each resize on its own, a liveness check after each command.
    local batch=() sent_keys=0 sent_resizes=0 event
    flush() {
        if [ ${#batch[@]} -gt 0 ]; then
            t send-keys -t abuse -- "${batch[@]}" || fail "tmux send-keys failed"
            sent_keys=$(( sent_keys + ${#batch[@]} ))
            batch=()
        fi
        alive || fail "descent died during the abuse after $sent_keys keys and $sent_resizes resizes"
    }
    for event in "${EVENTS[@]}"; do
        case "$event" in
            key\ *)
                batch+=("${event#key }")
                [ ${#batch[@]} -lt 40 ] || flush ;;
            resize\ *)
                flush
                local size="${event#resize }"
                t resize-window -t abuse -x "${size%x*}" -y "${size#*x}" || fail "tmux resize-window $size failed"
                sent_resizes=$(( sent_resizes + 1 )) ;;
        esac
    done
    flush

    # Back to a usable size, then a sentinel no abuse key can produce: a mouse click (SGR encoding)
    # on the main panel, which restarts the racers and says so (a network scenario, which the picker
    # may have opened, says it cannot restart from a point). Seeing that notice proves every
    # queued key has been handled; otherwise left-over keys would reach the shell after the end.
    t resize-window -t abuse -x 120 -y 40
    t send-keys -t abuse Escape; sleep 0.1
    t send-keys -t abuse Escape; sleep 0.1
    t send-keys -t abuse -l $'\e[<0;11;11M\e[<0;11;11m'
    wait_until '[[ "$(screen)" == *"restarted every optimizer from"* || "$(screen)" == *"cannot restart"* ]]' 300 "descent did not answer after the abuse (no notice for the sentinel click)"
    alive || fail "descent is gone after the abuse"

    # Running mode, then the ending.
    if [[ "$(screen)" != *"▶ running"* ]]; then t send-keys -t abuse Space; fi
    wait_until '[[ "$(screen)" == *"▶ running"* ]]' 20 "running mode did not start"
    case "$ending" in
        ctrl-c) t send-keys -t abuse C-c ;;
        term) kill -TERM "$pid" ;;
        hup) kill -HUP "$pid" ;;
    esac
    wait_until '[ -s "$work/descent.status" ]' 20 "descent did not end after $ending"
    local status
    status="$(tr -d '[:space:]' < "$work/descent.status")"
    [ "$status" = "$expected" ] || fail "exit status $status after $ending, expected $expected"
    ! alive || fail "descent is still running after $ending"

    # The terminal as before: stty settings, pane modes, and a shell that echoes.
    t send-keys -t abuse -l 'stty -a > stty.after; echo $((40+2))ok'
    t send-keys -t abuse Enter
    wait_until '[[ "$(screen)" == *"42ok"* ]]' 10 "the shell does not answer after $ending"
    diff -u "$work/stty.before" "$work/stty.after" >&2 || fail "stty -a differs after $ending"
    local modes_after
    modes_after="$(pane_modes)"
    [ "$modes_after" = "$modes_before" ] || fail "pane modes differ after $ending: before '$modes_before', after '$modes_after'"
    if grep -Eq 'Fatal error|Segmentation|Illegal instruction|Trace/breakpoint|core dumped|Abort' "$work/descent.err"; then
        fail "descent reported a crash"
    fi
    [ -z "$(find "$work" -maxdepth 1 -name 'core*' -print -quit)" ] || fail "a core file appeared"
    t kill-server 2>/dev/null || true

    printf 'tui-abuse: %-9s %-28s keys %5d  resizes %4d  ending %-6s status %3s  %3d s  ok\n' \
        "$run_name" "$scenario" "$sent_keys" "$sent_resizes" "$ending" "$status" $(( SECONDS - started ))
}

total_started=$SECONDS
for run in ${runs//,/ }; do
    case "$run" in
        ctrl-c) abuse_run ctrl-c flagship.toml ctrl-c 130 ;;
        sigterm) abuse_run sigterm adam-mini-toy.toml term 143 ;;
        sighup) abuse_run sighup flagship.toml hup 129 ;;
        *) echo "tui-abuse: unknown run '$run' (ctrl-c, sigterm, sighup)" >&2; exit 64 ;;
    esac
done
echo "tui-abuse: all runs passed (${#EVENTS[@]} events per run, seed $seed) in $(( SECONDS - total_started )) s"
