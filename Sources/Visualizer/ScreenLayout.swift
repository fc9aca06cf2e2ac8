import Rendering

/// Where each panel goes for a terminal size: a pure function of the size, shared by drawing and
/// by mouse handling.
public struct ScreenLayout: Sendable, Equatable {
    /// Smallest usable terminal width.
    public static let minimumWidth = 60
    /// Smallest usable terminal height.
    public static let minimumHeight = 18

    /// Terminal width.
    public let width: Int
    /// Terminal height.
    public let height: Int
    /// The surface panel, border included (empty when a network trains: the loss takes its place).
    public let surface: Rect
    /// The Hessian panel.
    public let hessian: Rect
    /// The loss panel.
    public let loss: Rect
    /// The learning-rate panel.
    public let stepSizes: Rect
    /// The legend.
    public let legend: Rect
    /// The status line.
    public let status: Rect

    /// Lays out a `width` x `height` screen for `optimizerCount` legend rows; `trainsNetwork` puts
    /// the loss curves where the surface would be, with the Hessian and step sizes beside them.
    public init(width: Int, height: Int, optimizerCount: Int, trainsNetwork: Bool = false) {
        self.width = width
        self.height = height
        let screen = Rect(x: 0, y: 0, width: max(0, width), height: max(0, height))
        let (main, statusRow) = screen.splitBottom(1)
        status = statusRow
        // The legend takes a row per optimizer plus header and border, but never more than a third.
        let legendHeight = min(optimizerCount + 3, max(5, main.height / 3))
        let (top, legendRect) = main.splitBottom(legendHeight)
        legend = legendRect
        let surfaceWidth = Int((Double(top.width) * (width >= 160 ? 0.6 : 0.56)).rounded())
        let (left, right) = top.splitLeft(surfaceWidth)
        if trainsNetwork {
            surface = Rect(x: left.x, y: left.y, width: 0, height: 0)
            loss = left
            let panels = right.rows(weights: [1.5, 1])
            hessian = panels[0]
            stepSizes = panels[1]
        } else {
            surface = left
            let panels = right.rows(weights: [1.15, 1, 0.95])
            hessian = panels[0]
            loss = panels[1]
            stepSizes = panels[2]
        }
    }

    /// Whether the terminal is below the minimum size.
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
}
