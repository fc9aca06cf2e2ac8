import CFloatEnvironment

/// A thread's floating-point mode: whether subnormal numbers are flushed to zero.
///
/// Subnormal floats take a slow microcode path on most CPUs (tens of times slower per operation).
/// Weight decay drives many small weights and their Adam moments into the subnormal range late in
/// training, so training flushes them (`withSubnormalsFlushed`), as `torch.set_flush_denormal`
/// does. The mode is per thread: `WorkerPool` runs each job in the mode of the thread that
/// started it. Everything else (surfaces, golden trajectories, gradient
/// checks in Double) keeps IEEE subnormals, because the flush is undone when training returns.
public struct FloatingPointMode: Sendable, Equatable {
    /// The raw control word (MXCSR on x86_64, FPCR on arm64).
    let control: UInt64

    /// The calling thread's mode.
    @inline(__always)
    public static var current: FloatingPointMode { FloatingPointMode(control: descent_float_control_get()) }

    /// This mode with subnormal inputs and results flushed to zero.
    public var flushingSubnormals: FloatingPointMode {
        FloatingPointMode(control: descent_float_control_flushing(control))
    }

    /// Whether subnormals are flushed in this mode (always false where the CPU has no such mode).
    public var flushesSubnormals: Bool { flushingSubnormals == self && FloatingPointMode.flushIsSupported }

    /// Makes this the calling thread's mode.
    @inline(__always)
    public func apply() { descent_float_control_set(control) }

    /// Runs `body` on the calling thread in this mode, then restores the thread's previous mode.
    @inline(__always)
    public func run<Result>(_ body: () throws -> Result) rethrows -> Result {
        let previous = FloatingPointMode.current
        if previous == self { return try body() }
        apply()
        defer { previous.apply() }
        return try body()
    }

    /// Runs `body` with subnormals flushed to zero on the calling thread and in every parallel job
    /// it starts, then restores the previous mode.
    @inline(__always)
    public static func withSubnormalsFlushed<Result>(_ body: () throws -> Result) rethrows -> Result {
        try current.flushingSubnormals.run(body)
    }

    /// Whether this CPU architecture has a flush-to-zero mode descent sets.
    private static var flushIsSupported: Bool {
        #if arch(x86_64) || arch(arm64)
        true
        #else
        false
        #endif
    }
}
