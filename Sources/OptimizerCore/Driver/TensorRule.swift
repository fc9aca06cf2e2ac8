/// A rule that updates a whole tensor at a time and needs its shape: row and column statistics
/// of a matrix (Adafactor), an orthogonalised update of a 2-D weight (Muon).
///
/// The driver calls the update once per tensor of the layout, in order, with that tensor's
/// parameters, gradients and its share of every state vector; the state is kept and exported
/// by name like an elementwise rule's. Sizes other than one per coordinate come from
/// `StateSize.perTensor` (e.g. `shape[0]` for row statistics) or `.single`.
public protocol TensorRule: OptimizerRule {
    /// The state vectors, in order.
    associatedtype State: StateVectorName
    /// The torch name, length and starting value of `vector` under `hyperparameters`.
    static func stateVector(_ vector: State, _ hyperparameters: Hyperparameters) -> StateVectorSpec
    /// Refuses a layout the rule cannot run on (Muon on a tensor that is not 2-D), naming the tensor.
    static func check(_ layout: ParameterLayout, _ hyperparameters: Hyperparameters) throws(PartitionError)
    /// Builds this step's update from `context` and hands it to `body.run`.
    static func withUpdate<Body: TensorBody>(_ context: StepContext<Body.Scalar>, _ body: inout Body)
}

extension TensorRule {
    public static func check(_ layout: ParameterLayout, _ hyperparameters: Hyperparameters) throws(PartitionError) {}
}

/// One step of a tensor rule.
public protocol TensorUpdate<Scalar> {
    /// The run's precision.
    associatedtype Scalar: OptimizerScalar
    /// The rule's state vector names.
    associatedtype State: StateVectorName

    /// Updates one tensor in place.
    func apply(to tensor: TensorSpec, parameters: UnsafeMutableBufferPointer<Scalar>,
               gradients: UnsafeBufferPointer<Scalar>, state: TensorState<Scalar, State>)
    /// eta for the tensor: one value per coordinate, or a single value for all of it.
    func stepSizes(of tensor: TensorSpec, state: TensorState<Scalar, State>) -> [Double]
}

/// What the driver does with a tensor rule's update.
public protocol TensorBody {
    /// The run's precision.
    associatedtype Scalar: OptimizerScalar
    /// Runs `update`.
    mutating func run<Update: TensorUpdate>(_ update: Update) where Update.Scalar == Scalar
}

/// One tensor's share of every state vector, by name.
public struct TensorState<Scalar: OptimizerScalar, Name: StateVectorName> {
    let base: UnsafeMutablePointer<Scalar>?
    let slices: [Range<Int>]

    /// This tensor's elements of vector `name` (all of a `.single` vector).
    public subscript(_ name: Name) -> UnsafeMutableBufferPointer<Scalar> {
        let range = slices[name.rawValue]
        guard let base, !range.isEmpty else { return UnsafeMutableBufferPointer(start: nil, count: 0) }
        return UnsafeMutableBufferPointer(start: base + range.lowerBound, count: range.count)
    }
}

/// Runs any tensor rule, tensor by tensor.
enum TensorDriver<Rule: TensorRule, Scalar: OptimizerScalar> {
    static func specs(_ hyperparameters: Hyperparameters) -> [StateVectorSpec] {
        Rule.State.allCases.map { Rule.stateVector($0, hyperparameters) }
    }

    /// Each tensor's slice of every state vector, in storage coordinates.
    static func slices(_ state: RuleState<some OptimizerScalar>, specs: [StateVectorSpec], layout: ParameterLayout) -> [[Range<Int>]] {
        var next = state.ranges.map(\.lowerBound)
        return layout.tensors.map { tensor in
            specs.indices.map { index -> Range<Int> in
                let count: Int
                switch specs[index].size {
                case .perCoordinate: count = tensor.count
                case .perTensor(let perTensor): count = perTensor(tensor)
                case .single: return state.ranges[index]
                case .perBlock, .absent: return state.ranges[index].lowerBound..<state.ranges[index].lowerBound
                }
                defer { next[index] += count }
                return next[index]..<(next[index] + count)
            }
        }
    }

    static func step(_ state: inout RuleState<Scalar>, layout: ParameterLayout, hyperparameters: Hyperparameters,
                     parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) {
        let slices = slices(state, specs: specs(hyperparameters), layout: layout)
        let step = state.step
        withUnsafeMutablePointer(to: &state) { statePointer in
            let context = StepContext<Scalar>(hyperparameters: hyperparameters, step: step, layout: layout, state: statePointer)
            var body = StepBody(layout: layout, slices: slices, p: parameters, g: gradients, state: statePointer)
            Rule.withUpdate(context, &body)
        }
    }

    static func stepSizes(_ state: RuleState<Scalar>, layout: ParameterLayout, hyperparameters: Hyperparameters) -> StepSizeReport {
        let slices = slices(state, specs: specs(hyperparameters), layout: layout)
        var copy = state
        return withUnsafeMutablePointer(to: &copy) { statePointer in
            let context = StepContext<Scalar>(hyperparameters: hyperparameters, step: max(state.step, 1), layout: layout, state: nil)
            var body = StepSizeBody(layout: layout, slices: slices, state: statePointer)
            Rule.withUpdate(context, &body)
            return body.report ?? .uniform(0, count: layout.count)
        }
    }

    private struct StepBody: TensorBody {
        let layout: ParameterLayout
        let slices: [[Range<Int>]]
        let p: UnsafeMutableBufferPointer<Scalar>
        let g: UnsafeBufferPointer<Scalar>
        let state: UnsafeMutablePointer<RuleState<Scalar>>

        mutating func run<Update: TensorUpdate>(_ update: Update) where Update.Scalar == Scalar {
            let (layout, slices, p, g) = (self.layout, self.slices, self.p, self.g)
            state.pointee.storage.withUnsafeMutableBufferPointer { storage in
                for (index, tensor) in layout.tensors.enumerated() {
                    let range = tensor.range
                    update.apply(to: tensor, parameters: UnsafeMutableBufferPointer(rebasing: p[range]),
                                 gradients: UnsafeBufferPointer(rebasing: g[range]),
                                 state: TensorState(base: storage.baseAddress, slices: slices[index]))
                }
            }
        }
    }

    private struct StepSizeBody: TensorBody {
        let layout: ParameterLayout
        let slices: [[Range<Int>]]
        let state: UnsafeMutablePointer<RuleState<Scalar>>
        var report: StepSizeReport?

        mutating func run<Update: TensorUpdate>(_ update: Update) where Update.Scalar == Scalar {
            var groups: [Int] = [], sizes: [Double] = []
            let (layout, slices) = (self.layout, self.slices)
            state.pointee.storage.withUnsafeMutableBufferPointer { storage in
                for (index, tensor) in layout.tensors.enumerated() {
                    let values = update.stepSizes(of: tensor, state: TensorState(base: storage.baseAddress, slices: slices[index]))
                    if values.count == 1 {
                        groups.append(tensor.count)
                    } else {
                        precondition(values.count == tensor.count, "one step size per coordinate, or one for the tensor")
                        groups.append(contentsOf: repeatElement(1, count: tensor.count))
                    }
                    sizes.append(contentsOf: values)
                }
            }
            report = StepSizeReport(groupSizes: groups, stepSizes: sizes)
        }
    }
}
