import Objectives
import Rendering
import Scenarios

/// The plane the surface panel draws: the (x, y) plane of a 2D problem, or, for a quadratic, the
/// plane through the start point spanned by the eigenvectors of the largest and smallest eigenvalue.
///
/// Maps parameters to plane coordinates (u, v) and back, and evaluates the loss on the plane.
public struct SurfacePlane: Sendable {
    /// How the plane sits in parameter space.
    public enum Kind: Sendable {
        /// The problem is 2D: plane coordinates are the parameters.
        case planar(any PlanarObjective)
        /// A slice of a quadratic: x = origin + u e1 + v e2.
        case projection(QuadraticSlice)
    }

    /// The mapping.
    public let kind: Kind
    /// The box shown before any pan or zoom.
    public let defaultViewport: Viewport
    /// Known minima in plane coordinates (for a projection, the projected minimum).
    public let minima: [SIMD2<Double>]
    /// Saddle points inside the default view (2-D surfaces; a quadratic's slice has none).
    public private(set) var saddles: [SIMD2<Double>] = []
    /// Whether colour should follow log(f - fmin).
    public let prefersLogColour: Bool

    /// The plane of a scenario's problem.
    public init(problem: Problem) {
        if let quadratic = problem.quadraticModel {
            let slice = QuadraticSlice(quadratic: quadratic, origin: problem.start)
            kind = .projection(slice)
            let star = slice.project(quadratic.minimumPoint)
            var radius = 0.0
            for i in 0..<quadratic.dimension {
                let d = problem.start[i] - quadratic.minimumPoint[i]
                radius += d * d
            }
            // The start's distance from the minimum bounds where convergent paths go.
            let half = max(1e-3, 1.2 * radius.squareRoot())
            defaultViewport = Viewport(x: (star.x - half)...(star.x + half), y: (star.y - half)...(star.y + half))
            minima = [star]
            prefersLogColour = true
        } else {
            let planar = problem.planar!
            kind = .planar(planar)
            let box = problem.view ?? planar.viewBox
            defaultViewport = Viewport(x: box.x, y: box.y)
            minima = planar.minima.filter { $0.count == 2 }.map { SIMD2($0[0], $0[1]) }
            prefersLogColour = planar.prefersLogColour
            saddles = SaddlePoints.find(in: planar, box: box)
        }
    }

    /// Whether the panel shows a projection of a higher-dimensional problem.
    public var isProjection: Bool {
        if case .projection = kind { return true }
        return false
    }

    /// A point of parameter space in plane coordinates.
    public func project(_ point: [Double]) -> SIMD2<Double> {
        switch kind {
        case .planar: SIMD2(point[0], point[1])
        case .projection(let slice): slice.project(point)
        }
    }

    /// The parameters at plane coordinates (u, v).
    public func lift(_ u: Double, _ v: Double) -> [Double] {
        switch kind {
        case .planar: [u, v]
        case .projection(let slice): slice.lift(u, v)
        }
    }

    /// The loss at plane coordinates (u, v): the fast path the heatmap samples.
    public func value(_ u: Double, _ v: Double) -> Double {
        switch kind {
        case .planar(let surface): surface.value(x: u, y: v)
        case .projection(let slice): slice.value(u, v)
        }
    }
}

/// A quadratic restricted to the plane origin + u e1 + v e2, with e1, e2 orthonormal eigenvectors.
///
/// Because e1 and e2 are eigenvectors, f(origin + u e1 + v e2) = c0 + c1 u + c2 v + λ1 u²/2 + λ2 v²/2
/// exactly: the heatmap costs a few flops per pixel whatever the dimension.
public struct QuadraticSlice: Sendable {
    /// The point the plane passes through (the scenario's start).
    public let origin: [Double]
    /// Unit eigenvector of the largest eigenvalue.
    public let e1: [Double]
    /// Unit eigenvector of the smallest eigenvalue.
    public let e2: [Double]
    /// Largest eigenvalue.
    public let lambda1: Double
    /// Smallest eigenvalue.
    public let lambda2: Double
    private let c0: Double, c1: Double, c2: Double

    /// The slice of `quadratic` through `origin`.
    public init(quadratic: Quadratic, origin: [Double]) {
        let (values, vectors) = quadratic.eigen
        let n = quadratic.dimension
        let largest = values.indices.max { values[$0] < values[$1] } ?? 0
        let smallest = values.indices.min { values[$0] < values[$1] } ?? 0
        self.origin = origin
        e1 = vectors.column(largest)
        e2 = n > 1 ? vectors.column(smallest == largest ? (largest + 1) % n : smallest) : [Double](repeating: 0, count: n)
        lambda1 = values.isEmpty ? 0 : values[largest]
        lambda2 = values.isEmpty ? 0 : values[smallest]
        let d = (0..<n).map { origin[$0] - quadratic.minimumPoint[$0] }
        let hd = quadratic.hessianMatrix.multiply(d)
        var dhd = 0.0, a = 0.0, b = 0.0
        for i in 0..<n {
            dhd += d[i] * hd[i]
            a += e1[i] * hd[i]
            b += e2[i] * hd[i]
        }
        c0 = dhd / 2
        c1 = a
        c2 = b
    }

    /// Plane coordinates of a point (its orthogonal projection onto the plane).
    public func project(_ point: [Double]) -> SIMD2<Double> {
        var u = 0.0, v = 0.0
        for i in 0..<origin.count {
            let d = point[i] - origin[i]
            u += e1[i] * d
            v += e2[i] * d
        }
        return SIMD2(u, v)
    }

    /// The point at plane coordinates (u, v).
    public func lift(_ u: Double, _ v: Double) -> [Double] {
        (0..<origin.count).map { origin[$0] + u * e1[$0] + v * e2[$0] }
    }

    /// f on the plane.
    public func value(_ u: Double, _ v: Double) -> Double {
        c0 + c1 * u + c2 * v + 0.5 * (lambda1 * u * u + lambda2 * v * v)
    }
}
