import Objectives
import OptimizerCore

/// P^1/2 H P^1/2 for one optimizer: the square roots of its step sizes and the Hessian it
/// descends (with L2 weight decay added), checked finite.
struct PreconditionedOperand {
    /// eta per coordinate.
    let stepSizes: [Double]
    /// sqrt(eta) per coordinate.
    let scales: [Double]
    /// H + weightDecay * I.
    let hessian: Matrix
    /// The L2 weight decay added to H's diagonal.
    let weightDecay: Double

    init?<Scalar>(optimizer: any Optimizer<Scalar>, hessian objectiveHessian: Matrix) {
        precondition(objectiveHessian.isSquare, "the Hessian must be square")
        guard let report = optimizer.effectiveStepSizes() else { return nil }
        let eta = report.perCoordinate
        precondition(eta.count == objectiveHessian.rows, "the Hessian has \(objectiveHessian.rows) rows for \(eta.count) parameters")
        guard !eta.isEmpty, eta.allSatisfy({ $0.isFinite && $0 >= 0 }),
              objectiveHessian.elements.allSatisfy(\.isFinite) else { return nil }
        stepSizes = eta
        scales = eta.map { $0.squareRoot() }
        weightDecay = optimizer.hyperparameters.weightDecay.gradientTerm
        var shifted = objectiveHessian
        if weightDecay != 0 {
            for i in 0..<shifted.rows { shifted[i, i] += weightDecay }
        }
        hessian = shifted
    }

    /// The dense matrix s_i H_ij s_j.
    func scaledMatrix() -> Matrix {
        let n = scales.count
        var result = hessian
        result.elements.withUnsafeMutableBufferPointer { a in
            for i in 0..<n {
                for j in 0..<n { a[i * n + j] *= scales[i] * scales[j] }
            }
        }
        return result
    }

    /// lambda_max by Lanczos on x -> s * (H (s * x)), never forming the scaled matrix.
    func largestEigenvalue(maximumIterations: Int) -> LanczosEstimate? {
        let n = scales.count
        var scaled = [Double](repeating: 0, count: n)
        return scales.withUnsafeBufferPointer { s in
            Lanczos.largestEigenvalue(dimension: n, maximumIterations: maximumIterations) { x, y in
                for j in 0..<n { scaled[j] = s[j] * x[j] }
                scaled.withUnsafeBufferPointer { hessian.multiply($0, into: y) }
                for i in 0..<n { y[i] *= s[i] }
            }
        }
    }
}
