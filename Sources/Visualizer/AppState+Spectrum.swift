import Foundation
import Networks
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
        case .network(let problem):
            if problem.layout.count > NetworkHessian.maximumParameters { return stochasticNetworkSource() }
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

    /// A network too large to form H: each tensor's block and the whole H from stochastic Lanczos
    /// quadrature over Hessian-vector products at the selected racer's current weights, worked out
    /// in the background (on one thread, so the race's own steps keep the pool).
    private func stochasticNetworkSource() -> Result<(job: SpectrumMonitor.Job, origin: @Sendable (Int) -> String), HessianUnavailable> {
        guard let race = timeline.race.networkRace, selected < race.racers.count else {
            return .failure(HessianUnavailable(reason: "no network racer is selected"))
        }
        let trainer = race.trainer(selected)
        let parameters = trainer.parameters.map(Double.init)
        let label = race.racers[selected].label
        guard parameters.allSatisfy(\.isFinite) else {
            return .failure(HessianUnavailable(reason: "\(label) has diverged; its weights are not finite"))
        }
        let curvature = DeferredCurvature(model: trainer.configuration.model, task: trainer.task, parameters: parameters,
                                          examples: NetworkHessian.maximumExamples)
        let operator_ = SymmetricOperator(dimension: parameters.count, workers: 1) { x, y, worker in
            curvature.product(x, into: y, worker: worker)
        }
        let layout = race.problem.layout
        let names = TensorLabels.compact(layout.tensors.map(\.name))
        let blocks = layout.tensors.enumerated().map { index, tensor in
            SpectrumBlock(name: "\(index) \(names[index])", range: tensor.offset..<(tensor.offset + tensor.count))
        }
        let settings = SpectrumMonitor.settings, at = step
        return .success((SpectrumMonitor.Job(key: "network slq \(selected) \(at) \(timeline.generation)",
                                             parts: [(operator_, blocks)], full: operator_),
                         { _ in
                             "\(label) at step \(at): SLQ, \(settings.lanczosSteps) Lanczos steps x \(settings.probes) probes of H v on \(NetworkHessian.maximumExamples) examples"
                         }))
    }
}

/// The network curvature behind a spectrum job, built on the job's own thread at its first
/// product: building it (networks, a batch, a forward pass) is too slow for every frame that
/// describes the job.
private final class DeferredCurvature: @unchecked Sendable {
    private let model: ModelConfiguration
    private let task: any TrainingTask
    private let parameters: [Double]
    private let examples: Int
    private let lock = NSLock()
    private var built: NetworkCurvature??

    init(model: ModelConfiguration, task: any TrainingTask, parameters: [Double], examples: Int) {
        self.model = model
        self.task = task
        self.parameters = parameters
        self.examples = examples
    }

    /// y = H x; NaN everywhere if the curvature cannot be built (the race built the same model,
    /// so it can), which the view shows as a spectrum without values rather than a crash.
    func product(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>, worker: Int) {
        lock.lock()
        if built == nil {
            built = .some(try? NetworkCurvature(model: model, task: task, parameters: parameters, maximumExamples: examples, workers: 1))
        }
        let curvature = built!
        lock.unlock()
        guard let curvature else {
            for i in y.indices { y[i] = .nan }
            return
        }
        curvature.hessianVectorProduct(x, into: y, worker: 0)
    }
}
