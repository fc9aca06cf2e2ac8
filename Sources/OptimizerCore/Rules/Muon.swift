/// torch.optim.Muon: momentum whose update is orthogonalised by a Newton-Schulz iteration, for
/// 2-D weights only.
///
/// For each [A, B] tensor, with mu the momentum:
/// ```
/// buf = lerp(buf, g, 1 - mu)
/// u   = nesterov ? lerp(g, buf, mu) : buf
/// X   = u (transposed when A > B) / max(||u||_F, eps)
/// ns_steps times:  G = X X^T;  X = a X + (b G + c G G) X
/// X   = X transposed back
/// lr' = lr sqrt(max(1, A / B))          (adjust_lr_fn "original")
///     | 0.2 lr sqrt(max(A, B))          ("match_rms_adamw")
/// p  *= 1 - lr * weight_decay;   p -= lr' X
/// ```
/// torch runs the iteration in bfloat16; this runs it in the run's precision (Float or Double).
public enum Muon {
    /// How the learning rate is scaled to the matrix's shape.
    public enum LearningRateAdjustment: String, Sendable, CaseIterable {
        /// sqrt(max(1, A / B)): Keller Jordan's original.
        case original
        /// 0.2 sqrt(max(A, B)): the update's RMS matches AdamW's, so AdamW's lr and decay carry over.
        case matchRMSAdamW = "match_rms_adamw"

        /// The adjusted learning rate for a tensor of `rows` × `columns`.
        public func adjusted(_ lr: Double, rows: Int, columns: Int) -> Double {
            switch self {
            case .original: lr * max(1, Double(rows) / Double(columns)).squareRoot()
            case .matchRMSAdamW: 0.2 * lr * Double(max(rows, columns)).squareRoot()
            }
        }
    }

    /// The settings of one update.
    public struct Step: Sendable {
        /// lr, weight_decay, momentum, eps.
        public let lr: Double, weightDecay: Double, momentum: Double, eps: Double
        /// Whether the update looks ahead along the buffer.
        public let nesterov: Bool
        /// (a, b, c) of the quintic iteration.
        public let coefficients: (Double, Double, Double)
        /// Iterations.
        public let iterations: Int
        /// The shape scaling of lr.
        public let adjustment: LearningRateAdjustment

        /// Creates the settings.
        public init(lr: Double, weightDecay: Double, momentum: Double, nesterov: Bool,
                    coefficients: (Double, Double, Double), eps: Double, iterations: Int, adjustment: LearningRateAdjustment) {
            self.lr = lr
            self.weightDecay = weightDecay
            self.momentum = momentum
            self.nesterov = nesterov
            self.coefficients = coefficients
            self.eps = eps
            self.iterations = iterations
            self.adjustment = adjustment
        }
    }

    /// Updates one [rows, columns] tensor in place with its momentum buffer.
    ///
    /// The iteration's matrices (a few of min(rows, columns)² and one of the tensor's size) are
    /// allocated per call: their cost is small beside the matrix products they hold.
    public static func update<T: OptimizerScalar>(
        _ s: Step, rows: Int, columns: Int, parameters p: UnsafeMutableBufferPointer<T>,
        gradients g: UnsafeBufferPointer<T>, buffer: UnsafeMutableBufferPointer<T>
    ) {
        let count = rows * columns
        precondition(p.count == count && g.count == count && buffer.count == count, "one buffer entry per parameter")
        let mu = T(s.momentum)
        var update = [T](repeating: 0, count: count)
        for i in 0..<count {
            buffer[i] = buffer[i].lerp(to: g[i], weight: 1 - mu)
            update[i] = s.nesterov ? g[i].lerp(to: buffer[i], weight: mu) : buffer[i]
        }
        let orthogonal = orthogonalise(update, rows: rows, columns: columns, s)
        let rate = T(-s.adjustment.adjusted(s.lr, rows: rows, columns: columns))
        let decay = T(1 - s.lr * s.weightDecay)
        for i in 0..<count {
            p[i] = p[i] * decay + rate * orthogonal[i]
        }
    }

    /// The Newton-Schulz iteration on a row-major [rows, columns] matrix: the result has the same
    /// shape and singular values pushed towards 1.
    public static func orthogonalise<T: OptimizerScalar>(_ u: [T], rows: Int, columns: Int, _ s: Step) -> [T] {
        let transposed = rows > columns
        // X is r × c with r <= c, row-major.
        let (r, c) = transposed ? (columns, rows) : (rows, columns)
        var x = transposed ? transpose(u, rows: rows, columns: columns) : u
        var sum = 0.0
        for value in x { sum += Double(value) * Double(value) }
        let norm = max(T(sum.squareRoot()), T(s.eps))
        for i in x.indices { x[i] /= norm }
        let (a, b, cc) = (T(s.coefficients.0), T(s.coefficients.1), T(s.coefficients.2))
        var gram = [T](repeating: 0, count: r * r)
        var polynomial = [T](repeating: 0, count: r * r)
        var next = [T](repeating: 0, count: r * c)
        for _ in 0..<s.iterations {
            // G = X X^T.
            for i in 0..<r {
                for j in 0..<r {
                    var dot = T.zero
                    for k in 0..<c { dot += x[i * c + k] * x[j * c + k] }
                    gram[i * r + j] = dot
                }
            }
            // b G + c G G.
            for i in 0..<r {
                for j in 0..<r {
                    var dot = T.zero
                    for k in 0..<r { dot += gram[i * r + k] * gram[k * r + j] }
                    polynomial[i * r + j] = b * gram[i * r + j] + cc * dot
                }
            }
            // a X + (b G + c G G) X.
            for i in 0..<r {
                for j in 0..<c {
                    var dot = T.zero
                    for k in 0..<r { dot += polynomial[i * r + k] * x[k * c + j] }
                    next[i * c + j] = a * x[i * c + j] + dot
                }
            }
            swap(&x, &next)
        }
        return transposed ? transpose(x, rows: r, columns: c) : x
    }

    private static func transpose<T>(_ m: [T], rows: Int, columns: Int) -> [T] {
        var t = m
        for i in 0..<rows {
            for j in 0..<columns { t[j * rows + i] = m[i * columns + j] }
        }
        return t
    }
}

extension Muon {
    /// Which update a tensor takes when `muon` trains a network.
    public enum Role: String, Sendable, Hashable, Codable {
        /// The orthogonalised momentum update.
        case muon
        /// AdamW, with `adamw_lr` and Adam's betas and eps.
        case adamw
    }

    /// Substrings of a name that mark an embedding table (the official Adam-mini markers).
    public static let embeddingMarkers = ["embed", "embd", "wte"]

    /// The recipe people use: Muon for every 2-D weight except the embeddings (a name with an
    /// embedding marker) and the output head (the layout's last 2-D tensor: `lm_head`, an MLP's
    /// last layer); AdamW for those and for norms, biases and every other tensor not 2-D.
    public static func networkRoles(_ layout: ParameterLayout) -> [Role] {
        let head = layout.tensors.lastIndex { $0.shape.count == 2 }
        return layout.tensors.enumerated().map { index, tensor in
            let name = tensor.name.lowercased()
            let embedding = embeddingMarkers.contains { AdamMiniNameRules.occurs($0, in: name) }
            return tensor.shape.count == 2 && !embedding && index != head ? .muon : .adamw
        }
    }
}
extension Muon: CustomRule {
    public static let hyperparameters: [HyperparameterDescriptor] = [
        .init("lr", "learning rate", .nonNegative, default: .real(1e-3)),
        .init("weight_decay", "decoupled weight decay: p *= 1 - lr * wd (AdamW's tensors too)", .nonNegative, default: .real(0.1)),
        .init("momentum", "momentum factor mu", .nonNegative, default: .real(0.95)),
        .init("nesterov", "update with lerp(g, buf, mu) instead of buf", .flag, default: .flag(true)),
        .init("ns_coefficients", "(a, b, c) of the Newton-Schulz iteration", .list(count: 3), default: .list([3.4445, -4.775, 2.0315])),
        .init("eps", "floor of ||u||_F before the iteration", .nonNegative, default: .real(1e-7)),
        .init("ns_steps", "Newton-Schulz iterations", .integer(0...99), default: .real(5)),
        .init("adjust_lr_fn", "lr scaling by shape", .choice(LearningRateAdjustment.allCases.map(\.rawValue)), default: .choice("original")),
        .init("adamw_lr", "networks: AdamW's learning rate (none: lr)", .optionalReal(0...Double.greatestFiniteMagnitude, absent: "none"),
              default: .choice("none")),
        .init("adamw_betas", "networks: AdamW's betas", .betas, default: .pair(0.9, 0.999)),
        .init("adamw_eps", "networks: AdamW's eps", .nonNegative, default: .real(1e-8)),
    ]

    public static let variants = [OptimizerVariant("muon", "Muon: momentum orthogonalised by Newton-Schulz (2-D weights; AdamW for the rest of a network)")]
    public static let adaptsStepSizes = false
    // The orthogonalised step has a fixed size whatever the curvature: no quadratic threshold.
    public static func stabilityThreshold(_ h: Hyperparameters) -> Double { .infinity }
    public static func weightDecay(_ h: Hyperparameters) -> WeightDecay { .decoupled(h.real("weight_decay")) }

    public static func makeOptimizer<Scalar: OptimizerScalar>(_ build: OptimizerBuild, kind: OptimizerKind) throws(PartitionError) -> any Optimizer<Scalar> {
        let roles: [Role]
        if build.network {
            roles = networkRoles(build.layout)
        } else {
            // As torch: Muon takes 2-D parameters only.
            if let tensor = build.layout.tensors.first(where: { $0.shape.count != 2 }) {
                throw .unsupportedTensor(optimizer: "muon", name: tensor.name, shape: tensor.shape,
                                         reason: "Muon only supports 2-D parameters (torch.optim.Muon raises the same); use a matrix-regression problem or a network")
            }
            roles = Array(repeating: .muon, count: build.layout.tensors.count)
        }
        return MuonOptimizer<Scalar>(kind: kind, hyperparameters: build.hyperparameters, layout: build.layout, roles: roles)
    }

    /// The settings of one update from the hyperparameters.
    static func step(_ h: Hyperparameters) -> Step {
        let abc = h.list("ns_coefficients")
        return Step(lr: h.real("lr"), weightDecay: h.real("weight_decay"), momentum: h.real("momentum"), nesterov: h.flag("nesterov"),
                    coefficients: (abc[0], abc[1], abc[2]), eps: h.real("eps"), iterations: Int(h.real("ns_steps")),
                    adjustment: LearningRateAdjustment(rawValue: h.choice("adjust_lr_fn")) ?? .original)
    }

    /// AdamW's constants for the tensors Muon leaves to it.
    static func adamw<Scalar>(_ h: Hyperparameters, step: Int) -> Adam.Update<Scalar> {
        let (beta1, beta2) = h.pair("adamw_betas")
        return Adam.Update(lr: h.optionalReal("adamw_lr") ?? h.real("lr"), beta1: beta1, beta2: beta2, eps: h.real("adamw_eps"),
                           step: step, l2: 0, decoupled: h.real("weight_decay"), amsgrad: false)
    }
}

/// Muon over a layout: the orthogonalised update for the tensors whose role is `.muon`, AdamW
/// for the others (a network's embeddings, head, norms and biases).
struct MuonOptimizer<Scalar: OptimizerScalar>: Optimizer, TensorUpdateAssignment {
    let kind: OptimizerKind
    var hyperparameters: Hyperparameters
    /// Which update each tensor of the layout takes.
    let roles: [Muon.Role]
    private let layout: ParameterLayout
    private var state: RuleState<Scalar>

    init(kind: OptimizerKind, hyperparameters: Hyperparameters, layout: ParameterLayout, roles: [Muon.Role]) {
        precondition(roles.count == layout.tensors.count, "one role per tensor")
        self.kind = kind
        self.hyperparameters = hyperparameters
        self.layout = layout
        self.roles = roles
        state = Self.initialState(layout, roles)
    }

    /// momentum_buffer for Muon's tensors; exp_avg and exp_avg_sq for AdamW's.
    private static func initialState(_ layout: ParameterLayout, _ roles: [Muon.Role]) -> RuleState<Scalar> {
        let muon = Set(zip(layout.tensors, roles).filter { $0.1 == .muon }.map(\.0.offset))
        return RuleState([
            StateVectorSpec("momentum_buffer", .perTensor { muon.contains($0.offset) ? $0.count : 0 }),
            StateVectorSpec("exp_avg", .perTensor { muon.contains($0.offset) ? 0 : $0.count }),
            StateVectorSpec("exp_avg_sq", .perTensor { muon.contains($0.offset) ? 0 : $0.count }),
        ], layout: layout)
    }

    var learningRate: Double {
        get { hyperparameters.learningRate }
        set { hyperparameters.learningRate = newValue }
    }
    var stepCount: Int { state.step }
    var stateElementCount: Int { state.elementCount }

    mutating func step(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        precondition(parameters.count == layout.count && gradients.count == layout.count, "buffer length differs from the layout")
        state.step += 1
        guard layout.count > 0, let p = parameters.baseAddress, let g = gradients.baseAddress else { return }
        let muon = Muon.step(hyperparameters)
        let adamw: Adam.Update<Scalar> = Muon.adamw(hyperparameters, step: state.step)
        let (layout, roles) = (self.layout, self.roles)
        state.withPointers { pointers in
            var muonNext = 0, adamNext = 0
            for (tensor, role) in zip(layout.tensors, roles) {
                let range = tensor.range
                switch role {
                case .muon:
                    let buffer = UnsafeMutableBufferPointer(start: pointers[0] + muonNext, count: tensor.count)
                    Muon.update(muon, rows: tensor.shape[0], columns: tensor.shape[1],
                                parameters: UnsafeMutableBufferPointer(rebasing: parameters[range]),
                                gradients: UnsafeBufferPointer(rebasing: gradients[range]), buffer: buffer)
                    muonNext += tensor.count
                case .adamw:
                    // The kernel indexes state by the parameter's index: shift the slices to match.
                    var shifted = StatePointers<Scalar>()
                    shifted[set: 0] = pointers[1] + adamNext - tensor.offset
                    shifted[set: 1] = pointers[2] + adamNext - tensor.offset
                    ElementwiseKernel(update: adamw, p: p, g: g, state: shifted).run(range)
                    adamNext += tensor.count
                }
            }
        }
    }

    /// eta: lr' (the shape-adjusted rate of the orthogonalised step) for Muon's tensors, AdamW's
    /// lr / denominator per coordinate for the others.
    func stepSizes() -> StepSizeReport {
        let muon = Muon.step(hyperparameters)
        let adamw: Adam.Update<Double> = Muon.adamw(hyperparameters, step: max(state.step, 1))
        var groups: [Int] = [], sizes: [Double] = []
        var adamNext = 0
        let squares = state.vector(2)
        for (tensor, role) in zip(layout.tensors, roles) {
            switch role {
            case .muon:
                groups.append(tensor.count)
                sizes.append(muon.adjustment.adjusted(muon.lr, rows: tensor.shape[0], columns: tensor.shape[1]))
            case .adamw:
                for i in 0..<tensor.count {
                    let v = Double(squares[squares.startIndex + adamNext + i])
                    groups.append(1)
                    sizes.append((adamw.lr / adamw.denominator(ScalarLane(v))).value)
                }
                adamNext += tensor.count
            }
        }
        return StepSizeReport(groupSizes: groups, stepSizes: sizes)
    }

    mutating func reset() {
        state = Self.initialState(layout, roles)
    }

    var tensorUpdates: [(update: String, tensors: [String])] {
        var groups: [(update: String, tensors: [String])] = []
        for (tensor, role) in zip(layout.tensors, roles) {
            if let index = groups.firstIndex(where: { $0.update == role.rawValue }) {
                groups[index].tensors.append(tensor.name)
            } else {
                groups.append((role.rawValue, [tensor.name]))
            }
        }
        return groups
    }

    func stateVectors() -> OptimizerStateVectors<Scalar> { state.exported }

    mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError) {
        try state.restore(saved)
    }
}

extension OptimizerKind {
    /// torch.optim.Muon (with AdamW for what it does not take on a network).
    public static let muon = OptimizerKind(registered: "muon")
}
