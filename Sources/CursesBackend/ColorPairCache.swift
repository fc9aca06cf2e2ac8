import CNcurses

/// ncurses colour pairs allocated on demand with `alloc_pair` and remembered by (foreground, background).
///
/// Colour numbers are ncurses' own: -1 for the default, a palette index, or packed RGB in direct mode.
struct ColorPairCache {
    private var pairs: [Int64: Int32] = [:]
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity - 1)
    }

    /// The pair number for two colour numbers; 0 (the default pair) when none can be allocated.
    /// Sets `reset` when the table had to be emptied, so the caller repaints everything.
    mutating func pair(foreground: Int32, background: Int32, reset: inout Bool) -> Int32 {
        if foreground == -1 && background == -1 { return 0 }
        let key = (Int64(foreground) << 32) | Int64(UInt32(bitPattern: background))
        if let pair = pairs[key] { return pair }
        if pairs.count >= capacity {
            // Pairs on screen keep their numbers until redrawn; start over and repaint.
            reset_color_pairs()
            pairs.removeAll(keepingCapacity: true)
            reset = true
        }
        let pair = alloc_pair(foreground, background)
        guard pair > 0 else { return 0 }
        pairs[key] = pair
        return pair
    }
}
