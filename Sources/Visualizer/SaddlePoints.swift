import Objectives

/// The saddle points of a 2-D surface inside a box, found by Newton's method on the gradient
/// from a grid of starts: points where the gradient vanishes and the Hessian is indefinite.
enum SaddlePoints {
    /// Starts per side of the grid.
    static let seedsPerSide = 7
    /// Newton iterations per start.
    static let iterations = 40

    static func find(in surface: any PlanarObjective, box: ViewBox) -> [SIMD2<Double>] {
        var found: [SIMD2<Double>] = []
        let scale = max(box.width, box.height)
        for i in 0..<seedsPerSide {
            for j in 0..<seedsPerSide {
                var x = box.x.lowerBound + box.width * (Double(i) + 0.5) / Double(seedsPerSide)
                var y = box.y.lowerBound + box.height * (Double(j) + 0.5) / Double(seedsPerSide)
                var converged = false
                for _ in 0..<iterations {
                    let jet = surface.jet(x: x, y: y)
                    let det = jet.dxx * jet.dyy - jet.dxy * jet.dxy
                    guard det.isFinite, abs(det) > 1e-300 else { break }
                    let stepX = (jet.dyy * jet.dx - jet.dxy * jet.dy) / det
                    let stepY = (jet.dxx * jet.dy - jet.dxy * jet.dx) / det
                    x -= stepX
                    y -= stepY
                    guard x.isFinite, y.isFinite else { break }
                    if abs(stepX) + abs(stepY) < 1e-12 * scale { converged = true; break }
                }
                guard converged, box.contains(x: x, y: y) else { continue }
                let jet = surface.jet(x: x, y: y)
                // Indefinite: one curvature up, one down.
                guard jet.dxx * jet.dyy - jet.dxy * jet.dxy < 0 else { continue }
                let point = SIMD2(x, y)
                if !found.contains(where: { abs($0.x - x) + abs($0.y - y) < 1e-6 * scale }) { found.append(point) }
            }
        }
        return found
    }
}
