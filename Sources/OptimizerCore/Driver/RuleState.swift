/// A rule's state: the step count and its named vectors, laid out once at creation, back to back
/// in one buffer (so a step reaches all of them without allocating, and copying the state is one
/// copy-on-write array).
public struct RuleState<Scalar: OptimizerScalar>: Sendable, Equatable {
    /// Updates taken.
    public var step = 0
    /// Each vector's name, in the rule's order.
    public let names: [String]
    /// Each vector's elements in `storage`.
    let ranges: [Range<Int>]
    /// Every vector, one after another.
    var storage: [Scalar]

    /// Allocates the vectors of `specs` at their starting values.
    public init(_ specs: [StateVectorSpec], layout: ParameterLayout, blocks: Int = 0) {
        names = specs.map(\.name)
        var ranges: [Range<Int>] = [], storage: [Scalar] = [], next = 0
        for spec in specs {
            let count = spec.count(layout: layout, blocks: blocks)
            ranges.append(next..<(next + count))
            storage.append(contentsOf: repeatElement(Scalar(spec.initialValue), count: count))
            next += count
        }
        self.ranges = ranges
        self.storage = storage
    }

    /// Scalars of state in all.
    public var elementCount: Int { storage.count }

    /// Vector `index` (in the rule's order).
    public func vector(_ index: Int) -> ArraySlice<Scalar> { storage[ranges[index]] }

    /// The state as named vectors.
    public var exported: OptimizerStateVectors<Scalar> {
        OptimizerStateVectors(step: step, vectors: names.indices.map { .init(name: names[$0], values: Array(vector($0))) })
    }

    /// The same state in double precision, for reports computed in double.
    var widened: RuleState<Double> {
        RuleState<Double>(step: step, names: names, ranges: ranges, storage: storage.map(Double.init))
    }

    private init(step: Int, names: [String], ranges: [Range<Int>], storage: [Scalar]) {
        self.step = step
        self.names = names
        self.ranges = ranges
        self.storage = storage
    }

    /// Takes every vector from `saved` by its name; the names and lengths must be exactly this
    /// state's (in any order).
    public mutating func restore(_ saved: OptimizerStateVectors<Scalar>) throws(OptimizerStateError) {
        let mine = names.indices.map { "\(names[$0])[\(ranges[$0].count)]" }
        let theirs = saved.vectors.map { "\($0.name)[\($0.values.count)]" }
        guard Set(mine) == Set(theirs), theirs.count == mine.count else {
            throw .shapeMismatch(expected: mine, found: theirs)
        }
        for (index, name) in names.enumerated() {
            storage.replaceSubrange(ranges[index], with: saved[name]!)
        }
        step = saved.step
    }

    /// Base addresses of the vectors (nil for empty ones), for the duration of `body`.
    mutating func withPointers<Result>(_ body: (StatePointers<Scalar>) -> Result) -> Result {
        let ranges = self.ranges
        return storage.withUnsafeMutableBufferPointer { buffer in
            var pointers = StatePointers<Scalar>()
            if let base = buffer.baseAddress {
                for (index, range) in ranges.enumerated() where !range.isEmpty && index < StatePointers<Scalar>.capacity {
                    pointers[set: index] = base + range.lowerBound
                }
            }
            return body(pointers)
        }
    }
}
