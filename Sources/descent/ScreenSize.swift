import ArgumentParser
import Visualizer

/// The screen sizes the commands that draw the visualizer's screen off a terminal accept.
enum ScreenSize {
    /// The largest width or height.
    static let maximum = 1000

    /// Throws a usage error naming the flag when `width` or `height` is outside what the screen
    /// can show: below the minimum the visualizer only draws a "too small" notice.
    static func validate(width: Int, height: Int) throws {
        for (flag, value, minimum) in [("--width", width, ScreenLayout.minimumWidth), ("--height", height, ScreenLayout.minimumHeight)]
            where !(minimum...maximum).contains(value) {
            throw ValidationError("\(flag) \(value) is out of range; the screen needs \(minimum) to \(maximum) cells")
        }
    }
}
