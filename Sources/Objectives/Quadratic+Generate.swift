import OptimizerCore

extension Quadratic {
    /// A random block quadratic whose diagonal blocks have prescribed spectra, reproducible
    /// from `seed`.
    ///
    /// Each block is Q diag(λ) Qᵀ with its own Haar-random orthogonal Q, drawn in block order
    /// from one `SeededGenerator(seed:)`. With `coupling` c in (0, 1), a symmetric matrix C of
    /// Gaussian samples is then drawn for the entries outside the diagonal blocks and scaled so
    /// that its spectral norm is c · λ_min, where λ_min is the smallest eigenvalue over all
    /// blocks; by Weyl's inequality every eigenvalue of H = D + C stays ≥ (1 − c) · λ_min > 0,
    /// so H remains positive definite and the blocks' own spectra are untouched.
    ///
    /// - Parameters:
    ///   - blocks: at least one block; the total size must be at most 1000.
    ///   - coupling: in [0, 1); 0 gives an exactly block-diagonal H.
    ///   - seed: determines every random draw.
    ///   - minimum: x* (default: the origin).
    public static func generate(
        blocks: [QuadraticBlockSpec],
        coupling: Double = 0,
        seed: UInt64,
        minimum: [Double]? = nil
    ) throws(QuadraticError) -> Quadratic {
        guard !blocks.isEmpty else { throw .noBlocks }
        for (index, block) in blocks.enumerated() {
            if let problem = block.problem { throw .invalidBlock(index: index, reason: problem) }
        }
        let sizes = blocks.map(\.size)
        let n = sizes.reduce(0, +)
        guard n <= maximumDimension else { throw .dimensionOutOfRange(n) }
        guard coupling.isFinite, coupling >= 0, coupling < 1 else { throw .invalidCoupling(coupling) }
        let point = minimum ?? Array(repeating: 0, count: n)
        guard point.count == n else { throw .minimumDimensionMismatch(expected: n, got: point.count) }
        guard point.allSatisfy(\.isFinite) else { throw .nonFinite(what: "the minimum point") }

        var generator = SeededGenerator(seed: seed)
        var hessian = Matrix(rows: n, columns: n)
        let spectra = blocks.map(\.spectrum)
        for (offset, spectrum) in zip(offsets(of: sizes), spectra) {
            let block = rotatedBlock(spectrum: spectrum, using: &generator)
            for i in 0..<spectrum.count {
                for j in 0..<spectrum.count { hessian[offset + i, offset + j] = block[i, j] }
            }
        }
        if coupling > 0 {
            let smallest = spectra.compactMap(\.first).min() ?? 0
            addCoupling(to: &hessian, blockSizes: sizes, strength: coupling * smallest, using: &generator)
        }
        return Quadratic(
            validated: hessian, minimum: point, blockSizes: sizes,
            blockLargestEigenvalues: spectra.map { $0.last ?? 0 }
        )
    }

    /// Q diag(λ) Qᵀ for a random orthogonal Q, built from the lower triangle so it is exactly
    /// symmetric.
    private static func rotatedBlock(spectrum: [Double], using generator: inout SeededGenerator) -> Matrix {
        let m = spectrum.count
        let q = Matrix.randomOrthogonal(size: m, using: &generator)
        var block = Matrix(rows: m, columns: m)
        for i in 0..<m {
            for j in 0...i {
                var sum = 0.0
                for k in 0..<m { sum += q[i, k] * spectrum[k] * q[j, k] }
                block[i, j] = sum
                block[j, i] = sum
            }
        }
        return block
    }

    /// Adds symmetric Gaussian entries outside the diagonal blocks, scaled to spectral norm
    /// `strength`.
    private static func addCoupling(
        to hessian: inout Matrix,
        blockSizes: [Int],
        strength: Double,
        using generator: inout SeededGenerator
    ) {
        let n = hessian.rows
        var blockOf: [Int] = []
        for (index, size) in blockSizes.enumerated() {
            blockOf += Array(repeating: index, count: size)
        }
        var coupling = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<i where blockOf[i] != blockOf[j] {
                let sample = generator.nextGaussian()
                coupling[i, j] = sample
                coupling[j, i] = sample
            }
        }
        let eigenvalues = coupling.symmetricEigenvalues()
        let norm = max(abs(eigenvalues.first ?? 0), abs(eigenvalues.last ?? 0))
        guard norm > 0 else { return }
        let scale = strength / norm
        for index in hessian.elements.indices {
            hessian.elements[index] += scale * coupling.elements[index]
        }
    }
}
