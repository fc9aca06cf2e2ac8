import CNcurses
import Glibc
import Rendering

/// The interactive terminal: draws canvases (changed cells only) and reads keys, mouse and resizes.
///
/// The only type that talks to ncurses. Start it once, draw frames, read events, `stop()` it.
/// Ctrl-C keeps its usual meaning: the terminal keeps ISIG, so SIGINT arrives as a signal, and
/// SIGINT, SIGTERM, SIGHUP and SIGQUIT restore the terminal and exit with status 128 + signal
/// (130 for Ctrl-C). A normal `exit` while running also restores it (through `atexit`). With
/// `defersInterrupt`, Ctrl-C first asks the main loop to end.
public final class Terminal {
    /// The colour mode in effect: from terminfo (RGB flag, then colour count) or `.none` under NO_COLOR.
    public let colorMode: ColorMode

    private let screen: OpaquePointer
    private var running = true
    private var previous: Canvas?
    private var needsFullRedraw = true
    private var pairs: ColorPairCache

    nonisolated(unsafe) static var isActive = false
    nonisolated(unsafe) private static var registeredAtExit = false

    private init(screen: OpaquePointer, colorMode: ColorMode) {
        self.screen = screen
        self.colorMode = colorMode
        pairs = ColorPairCache(capacity: Int(descent_color_pairs()))
    }

    deinit { stop() }

    /// Starts full-screen mode on stdout/stdin.
    ///
    /// Refuses when either is not a TTY, when TERM is unknown to terminfo, or when already running.
    public static func start() throws(TerminalError) -> Terminal {
        guard !isActive else { throw .alreadyRunning }
        guard isatty(STDOUT_FILENO) == 1 else { throw .notATerminal(stream: "stdout") }
        guard isatty(STDIN_FILENO) == 1 else { throw .notATerminal(stream: "stdin") }
        ensureUTF8Locale()

        var shellMode = termios()
        _ = tcgetattr(STDIN_FILENO, &shellMode)
        // newterm, unlike initscr, returns NULL for an unknown TERM instead of exiting.
        guard let screen = newterm(nil, descent_stdout(), descent_stdin()) else {
            throw .unknownTerminal(term: getenv("TERM").map { String(cString: $0) })
        }
        _ = set_term(screen)
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(descent_stdscr(), true)
        _ = leaveok(descent_stdscr(), true)
        _ = set_escdelay(25)
        _ = curs_set(0)
        _ = mousemask(descent_all_mouse_events, nil)
        _ = mouseinterval(0)

        let mode: ColorMode
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 {
            mode = .none
        } else if has_colors() {
            _ = start_color()
            _ = use_default_colors()
            mode = ColorModeDetection.mode(rgbFlag: tigetflag("RGB"), colors: descent_colors())
        } else {
            mode = .none
        }

        SignalRestoration.install(shellMode: shellMode, leaveSequence: SignalRestoration.leaveSequence())
        if !registeredAtExit {
            registeredAtExit = true
            atexit(restoreTerminalAtExit)
        }
        isActive = true
        return Terminal(screen: screen, colorMode: mode)
    }

    /// While true, Ctrl-C asks the program to end (`interruptRequested`) instead of ending it at once,
    /// so it can finish what it is writing; a second Ctrl-C, or no clean end within a few seconds,
    /// ends it as before.
    public var defersInterrupt: Bool {
        get { RestorationState.defersInterrupt }
        set { RestorationState.defersInterrupt = newValue }
    }

    /// Whether a deferred Ctrl-C is waiting for the program to end.
    public var interruptRequested: Bool { RestorationState.interruptPending != 0 }

    /// The current screen size in cells.
    public var size: (width: Int, height: Int) {
        (Int(descent_cols()), Int(descent_lines()))
    }

    /// Shows `canvas`, sending only cells that differ from the previous frame.
    ///
    /// After a resize, a size change of the canvas or a colour-pair reset the screen is erased and
    /// repainted in full. Cells beyond the screen are ignored.
    public func draw(_ canvas: Canvas) {
        guard running else { return }
        let window = descent_stdscr()
        var full = needsFullRedraw
        if let previous, previous.bufferWidth != canvas.bufferWidth || previous.bufferHeight != canvas.bufferHeight {
            full = true
        }
        if previous == nil { full = true }
        var reset = paint(canvas, full: full, window: window)
        if reset {
            // Colour pairs were renumbered: cells already on screen may now show wrong colours.
            reset = paint(canvas, full: true, window: window)
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
        previous = canvas
        needsFullRedraw = false
    }

    /// Forgets what is on screen so the next `draw` repaints everything (e.g. after another program wrote to it).
    public func invalidate() {
        needsFullRedraw = true
    }

    /// Waits up to `timeoutMilliseconds` (negative: forever) for input.
    ///
    /// Returns `.tick` when nothing arrived, `.resize` with the new size (ncurses owns SIGWINCH),
    /// `.mouse` in cell coordinates, or `.key`.
    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent {
        guard running else { return .tick }
        let window = descent_stdscr()
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        var character: wint_t = 0
        let status = wget_wch(window, &character)
        if status == ERR { return .tick }
        guard status == KEY_CODE_YES else { return .key(KeyDecoder.character(UInt32(character))) }
        let code = Int32(bitPattern: UInt32(character))
        switch code {
        case KEY_RESIZE:
            needsFullRedraw = true
            return .resize(width: Int(descent_cols()), height: Int(descent_lines()))
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return .tick }
            return .mouse(x: Int(event.x), y: Int(event.y), kind: KeyDecoder.mouseKind(event.bstate) ?? .move)
        default:
            return .key(KeyDecoder.functionKey(code))
        }
    }

    /// Leaves full-screen mode and restores the terminal; safe to call more than once.
    public func stop() {
        guard running else { return }
        running = false
        _ = endwin()
        SignalRestoration.uninstall()
        delscreen(screen)
        Terminal.isActive = false
    }

    /// Writes cells to the ncurses window; returns true when the colour-pair table had to be reset.
    private func paint(_ canvas: Canvas, full: Bool, window: UnsafeMutablePointer<WINDOW>?) -> Bool {
        if full { _ = werase(window) }
        let width = min(canvas.bufferWidth, Int(descent_cols()))
        let height = min(canvas.bufferHeight, Int(descent_lines()))
        guard width > 0, height > 0 else { return false }
        var reset = false
        let old = full ? nil : previous
        canvas.cells.withUnsafeBufferPointer { cells in
            for y in 0..<height {
                let rowStart = y * canvas.bufferWidth
                for x in 0..<width {
                    let cell = cells[rowStart + x]
                    if let old, old.cells[rowStart + x] == cell { continue }
                    put(cell, x: x, y: y, window: window, reset: &reset)
                }
            }
        }
        return reset
    }

    private func put(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?, reset: inout Bool) {
        var pair: Int32 = 0
        if colorMode != .none {
            pair = pairs.pair(
                foreground: colorNumber(cell.foreground), background: colorNumber(cell.background), reset: &reset)
        }
        var attributes = descent_a_normal
        if cell.attributes.contains(.bold) { attributes |= descent_a_bold }
        if cell.attributes.contains(.dim) { attributes |= descent_a_dim }
        if cell.attributes.contains(.underline) { attributes |= descent_a_underline }
        if cell.attributes.contains(.reverse) { attributes |= descent_a_reverse }
        var glyph: (wchar_t, wchar_t) = (wchar_t(bitPattern: cell.scalar.value), 0)
        var complex = cchar_t()
        withUnsafePointer(to: &glyph) { pointer in
            pointer.withMemoryRebound(to: wchar_t.self, capacity: 2) { characters in
                // The pair goes through the opts pointer: the short argument cannot hold pairs above 32767.
                _ = setcchar(&complex, characters, attributes, 0, &pair)
            }
        }
        // Writing the bottom-right cell returns ERR although the glyph is drawn.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &complex)
    }

    /// The ncurses colour number: -1 default, a palette index, or packed RGB (>= 8) in direct mode.
    private func colorNumber(_ color: TerminalColor) -> Int32 {
        switch colorMode.resolve(color) {
        case .default: return -1
        case let .ansi(index): return Int32(index & 15)
        case let .indexed(index): return Int32(index)
        case let .rgb(r, g, b):
            // Direct-colour terminfo keeps 0...7 as ANSI colours, so near-black RGB moves up to 8.
            return max(8, Int32(r) << 16 | Int32(g) << 8 | Int32(b))
        }
    }

    private static func ensureUTF8Locale() {
        _ = setlocale(LC_ALL, "")
        if String(cString: descent_codeset()) != "UTF-8" {
            _ = setlocale(LC_ALL, "C.UTF-8")
        }
    }
}

/// Restores the terminal if the program exits while the interactive view is running.
private func restoreTerminalAtExit() {
    if Terminal.isActive {
        _ = endwin()
        Terminal.isActive = false
    }
}
