import Objectives

extension AppState {
    /// What the spectrum view shows: the spectra to work out, and the line (at most so many
    /// cells wide) saying whose Hessian they are of; or why there are none yet.
    var spectrumSource: Result<(job: SpectrumMonitor.Job, origin: @Sendable (Int) -> String), HessianUnavailable> {
        switch scenario.problem.kind {
        case .quadratic, .matrixRegression:
            // H is the same at every point and step: one job for the whole session.
            guard let quadratic = scenario.problem.quadraticModel else {
                return .failure(HessianUnavailable(reason: "this problem has no exact Hessian"))
            }
            let blocks = zip(quadratic.blockOffsets, quadratic.blockSizes).enumerated().map { index, block in
                SpectrumBlock(name: "block \(index + 1)", range: block.0..<(block.0 + block.1))
            }
            let matrix = SymmetricOperator(quadratic.hessianMatrix)
            return .success((SpectrumMonitor.Job(key: "quadratic", parts: [(matrix, blocks)], full: matrix),
                             { [count = blocks.count] _ in "H is constant: the eigenvalues of its \(count) diagonal blocks" }))
        case .network:
            guard let taken = networkHessian else {
                return .failure(HessianUnavailable(reason: "taking the Hessian…"))
            }
            let hessian: NetworkHessian
            switch taken {
            case .success(let h): hessian = h
            case .failure(let why): return .failure(why)
            }
            // Each tensor's diagonal block, as the Hessian view keeps them (H itself is dropped).
            let names = TensorLabels.compact(hessian.tensors.map(\.label))
            let parts = zip(hessian.tensors, hessian.diagonalBlocks).enumerated().map { index, pair in
                (SymmetricOperator(Matrix(rows: pair.0.count, columns: pair.0.count, elements: pair.1)),
                 [SpectrumBlock(name: "\(index) \(names[index])", range: 0..<pair.0.count)])
            }
            let selectedLabel = racer(selected).label, current = step, chosen = selected
            return .success((SpectrumMonitor.Job(key: "network \(hessian.racer) \(hessian.step) \(timeline.generation)", parts: parts, full: nil),
                             { width in
                                 NetworkHessianTitle.title(takenBy: hessian.label, racer: hessian.racer, atStep: hessian.step, selected: chosen,
                                                           selectedLabel: selectedLabel, currentStep: current, width: width)
                             }))
        case .surface, .expression:
            return .failure(HessianUnavailable(reason: "a 2-D surface has no blocks"))
        }
    }
}
