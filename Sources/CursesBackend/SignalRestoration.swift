import CNcurses
import Glibc

/// Restores the terminal from signal handlers, where `endwin` is not allowed (not async-signal-safe).
///
/// At start the shell's termios and the terminfo strings that leave the full-screen mode are saved
/// in plain memory; a handler only calls `tcsetattr`, `write` and `_exit`, all async-signal-safe.
/// SIGINT, SIGTERM and SIGHUP exit with status 128 + signal (130 for Ctrl-C).
///
/// While interrupts are deferred (a recording is being written), the first SIGINT only sets a flag
/// for the main loop, which then ends the program cleanly; `alarm` bounds the wait, so a busy main
/// loop still gives the terminal back: SIGALRM, or a second SIGINT, exits with status 130 as before.
enum SignalRestoration {
    /// Signals that end the program with a restored terminal.
    static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM]
    /// How long a deferred Ctrl-C waits for the main loop before the handler ends the program.
    static let interruptGraceSeconds: UInt32 = 3

    /// Saves what a handler needs and installs the handlers; call after `newterm`, whose own
    /// SIGINT/SIGTERM handlers call non-async-signal-safe code.
    static func install(shellMode: termios, leaveSequence: [UInt8]) {
        RestorationState.shellMode = shellMode
        RestorationState.hasShellMode = true
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, leaveSequence.count))
        bytes.initialize(from: leaveSequence, count: leaveSequence.count)
        RestorationState.leaveBytes = bytes
        RestorationState.leaveCount = leaveSequence.count
        for signal in handledSignals {
            _ = descent_install_signal_handler(signal, restoreTerminalAndExit)
        }
    }

    /// Puts default signal actions back (after a normal `endwin`).
    static func uninstall() {
        _ = alarm(0)
        for signal in handledSignals {
            _ = descent_default_signal_handler(signal)
        }
        RestorationState.hasShellMode = false
        RestorationState.defersInterrupt = false
        RestorationState.interruptPending = 0
    }

    /// The bytes that undo full-screen mode: leave keypad transmit, reset attributes, show the
    /// cursor, stop mouse reporting, leave the alternate screen.
    static func leaveSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for name in ["rmkx", "sgr0", "cnorm"] {
            if let value = descent_tigetstr(name) { bytes += Array(String(cString: value).utf8) }
        }
        // ncurses enables xterm mouse modes through XM/kmous; these resets are harmless elsewhere.
        bytes += Array("\u{1B}[?1006l\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1000l".utf8)
        if let value = descent_tigetstr("rmcup") { bytes += Array(String(cString: value).utf8) }
        bytes += Array("\r\n".utf8)
        return bytes
    }
}

/// Plain global storage read by the signal handler (initialised before any handler is installed).
enum RestorationState {
    nonisolated(unsafe) static var shellMode = termios()
    nonisolated(unsafe) static var hasShellMode = false
    nonisolated(unsafe) static var leaveBytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) static var leaveCount = 0
    nonisolated(unsafe) static var defersInterrupt = false
    /// Set (to 1) by a deferred SIGINT; read by the main loop.
    nonisolated(unsafe) static var interruptPending: Int32 = 0
}

/// The signal handler: async-signal-safe calls only.
private func restoreTerminalAndExit(_ signal: Int32) {
    if signal == SIGINT, RestorationState.defersInterrupt, RestorationState.interruptPending == 0 {
        RestorationState.interruptPending = 1
        _ = alarm(SignalRestoration.interruptGraceSeconds)
        return
    }
    if RestorationState.hasShellMode {
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &RestorationState.shellMode)
    }
    if let bytes = RestorationState.leaveBytes, RestorationState.leaveCount > 0 {
        _ = write(STDOUT_FILENO, bytes, RestorationState.leaveCount)
    }
    // The watchdog stands for the Ctrl-C that armed it.
    _exit(128 + (signal == SIGALRM ? SIGINT : signal))
}
