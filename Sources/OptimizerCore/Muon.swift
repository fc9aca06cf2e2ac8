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
            buffer[i] = Lerp.torch(buffer[i], g[i], weight: 1 - mu)
            update[i] = s.nesterov ? Lerp.torch(g[i], buffer[i], weight: mu) : buffer[i]
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
