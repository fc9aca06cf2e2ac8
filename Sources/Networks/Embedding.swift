import OptimizerCore

/// Token embedding lookup as paired kernels: x[n] = table[token[n]].
enum Embedding {
    /// x (rows, width) from table (vocabulary, width) and tokens (rows).
    static func forward<Scalar: OptimizerScalar>(
        _ x: UnsafeMutablePointer<Scalar>, table: UnsafePointer<Scalar>, tokens: UnsafePointer<Int32>, rows: Int, width: Int
    ) {
        for n in 0..<rows {
            (x + n * width).update(from: table + Int(tokens[n]) * width, count: width)
        }
    }

    /// dtable[token[n]] += dx[n].
    static func backward<Scalar: OptimizerScalar>(
        dtable: UnsafeMutablePointer<Scalar>, dx: UnsafePointer<Scalar>, tokens: UnsafePointer<Int32>, rows: Int, width: Int
    ) {
        for n in 0..<rows {
            let target = dtable + Int(tokens[n]) * width, source = dx + n * width
            for i in 0..<width { target[i] += source[i] }
        }
    }
}
