/// The rectangle of the plane a 2D surface is drawn over.
public struct ViewBox: Sendable, Codable, Equatable {
    /// Horizontal extent.
    public var x: ClosedRange<Double>
    /// Vertical extent.
    public var y: ClosedRange<Double>

    /// Creates a box from its two extents.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.x = x
        self.y = y
    }

    /// The square [-half, half]².
    public static func square(halfWidth half: Double) -> ViewBox {
        ViewBox(x: -half...half, y: -half...half)
    }

    /// Width of the box.
    public var width: Double { x.upperBound - x.lowerBound }

    /// Height of the box.
    public var height: Double { y.upperBound - y.lowerBound }

    /// The centre point.
    public var center: [Double] {
        [(x.lowerBound + x.upperBound) / 2, (y.lowerBound + y.upperBound) / 2]
    }

    /// Whether the point (px, py) lies inside or on the border.
    public func contains(x px: Double, y py: Double) -> Bool {
        x.contains(px) && y.contains(py)
    }
}
