import Rendering

/// The seeded key-and-resize sequence that `tools/tui-abuse.sh` sends to the real binary in tmux.
///
/// Same generator, same key list, same order as the script (whose header documents it):
/// `state' = (1103515245 * state + 12345) mod 2^31` from `state = seed mod 2^31`, `draw = state' >> 16`;
/// key `i` is `keyNames[draw % keyNames.count]`; after key `i` with `(i + 1) % max(1, keys / resizes) == 0`
/// (and at the end) resizes follow until there are `resizes`: 1x1, 400x120, then `1 + draw % 400` by
/// `1 + draw % 120`. `tools/tui-abuse-events.txt` pins the first sequence for both sides.
struct AbuseEvents {
    /// One event as the script prints it with `--print-events`.
    enum Event: Equatable {
        /// A key by its tmux name.
        case key(String)
        /// A new terminal size.
        case resize(width: Int, height: Int)

        /// The line `--print-events` writes.
        var line: String {
            switch self {
            case .key(let name): return "key \(name)"
            case .resize(let width, let height): return "resize \(width)x\(height)"
            }
        }
    }

    /// The script's KEYS array, in order: tmux key names, no `q` and no Ctrl-C.
    static let keyNames: [String] = "abcdefghijklmnoprstuvwxyz".map(String.init) + ["N"]
        + (0...9).map(String.init)
        + ["Up", "Down", "Left", "Right", "S-Left", "S-Right", "S-Up", "S-Down",
           "Tab", "BTab", "Enter", "Escape", "Space", "?", "[", "]", "+", "-"]

    /// The events for a seed, a key count and a resize count.
    static func events(seed: UInt64, keys: Int, resizes: Int) -> [Event] {
        var state = seed % 2_147_483_648
        func draw() -> Int {
            state = (1_103_515_245 * state + 12345) % 2_147_483_648
            return Int(state >> 16)
        }
        var events: [Event] = []
        var resizesDone = 0
        func nextResize() {
            switch resizesDone {
            case 0: events.append(.resize(width: 1, height: 1))
            case 1: events.append(.resize(width: 400, height: 120))
            default:
                let width = 1 + draw() % 400
                let height = 1 + draw() % 120
                events.append(.resize(width: width, height: height))
            }
            resizesDone += 1
        }
        let stride = max(1, resizes > 0 ? keys / resizes : 0)
        for index in 0..<keys {
            events.append(.key(keyNames[draw() % keyNames.count]))
            if resizes > 0, (index + 1) % stride == 0, resizesDone < resizes { nextResize() }
        }
        while resizesDone < resizes { nextResize() }
        return events
    }

    /// The key ncurses decodes when tmux sends the named key.
    static func key(named name: String) -> Key? {
        switch name {
        case "Up": return .up
        case "Down": return .down
        case "Left": return .left
        case "Right": return .right
        case "S-Left": return .shiftLeft
        case "S-Right": return .shiftRight
        case "S-Up": return .shiftUp
        case "S-Down": return .shiftDown
        case "Tab": return .tab
        case "BTab": return .backTab
        case "Enter": return .enter
        case "Escape": return .escape
        case "Space": return .character(" ")
        default: return name.count == 1 ? .character(Character(name)) : nil
        }
    }
}
