extension Quadratic {
    /// Each block's share of the error: e_b = 1/2 (x_b - x*_b)^T H_bb (x_b - x*_b), in block order.
    ///
    /// On a block-diagonal H these add up to f(x) - f*; they show which blocks an optimizer
    /// drives down and which it starves.
    public func blockErrors(at x: [Double]) -> [Double] {
        precondition(x.count == dimension, "point and quadratic differ in dimension")
        let n = dimension
        return hessianMatrix.elements.withUnsafeBufferPointer { h in
            zip(blockOffsets, blockSizes).map { offset, size in
                var total = 0.0
                for i in offset..<(offset + size) {
                    let di = x[i] - minimumPoint[i]
                    var row = 0.0
                    for j in offset..<(offset + size) { row += h[i * n + j] * (x[j] - minimumPoint[j]) }
                    total += di * row
                }
                return total / 2
            }
        }
    }
}
