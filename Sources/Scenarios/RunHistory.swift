import Objectives

/// What a run measured, optimizer by optimizer: the record claims are judged on.
///
/// Each track keeps the judged value (the loss gap: loss minus the known minimum where there is
/// one, else the loss; on networks the validation loss) at the steps it was sampled, in
/// increasing order, and the first step at which the optimizer was diverging or diverged.
public struct RunHistory: Sendable {
    /// One value measured at one step.
    public struct Sample: Sendable, Equatable {
        /// The step.
        public var step: Int
        /// The judged value there.
        public var value: Double
    }

    /// One optimizer's record.
    public struct Track: Sendable {
        /// Its label.
        public var label: String
        /// Judged values, in increasing step order.
        public var samples: [Sample] = []
        /// The step whose update produced a non-finite value.
        public var divergedAt: Int?
        /// The first step it was diverging (or diverged).
        public var runawayFrom: Int?
        /// The divergence measure at step 0, which later ones are compared with.
        public var startGap: Double?

        /// Creates an empty track.
        public init(label: String) { self.label = label }

        /// The judged value at `step` if it was sampled there.
        public func value(at step: Int) -> Double? {
            var low = 0, high = samples.count
            while low < high {
                let mid = (low + high) / 2
                if samples[mid].step < step { low = mid + 1 } else { high = mid }
            }
            return low < samples.count && samples[low].step == step ? samples[low].value : nil
        }

        /// Whether it had diverged (non-finite) by `step`.
        public func hasDiverged(by step: Int) -> Bool { divergedAt.map { $0 <= step } ?? false }

        /// Whether it was diverging or had diverged by `step`.
        public func ranAway(by step: Int) -> Bool { runawayFrom.map { $0 <= step } ?? false }
    }

    /// Whether values are validation losses (networks) rather than loss gaps.
    public var isValidationLoss: Bool
    /// The tracks, in scenario order.
    public private(set) var tracks: [Track]
    /// The last step recorded (the run reached it).
    public private(set) var lastStep = -1

    /// An empty history for these optimizers.
    public init(labels: [String], isValidationLoss: Bool = false) {
        self.isValidationLoss = isValidationLoss
        tracks = labels.map { Track(label: $0) }
    }

    /// The track of the optimizer labelled `label`.
    public func track(_ label: String) -> Track? { tracks.first { $0.label == label } }

    /// Records optimizer `index`'s judged value at `step` (steps must not go backwards).
    public mutating func sample(_ index: Int, step: Int, value: Double) {
        if let last = tracks[index].samples.last, last.step >= step {
            precondition(last.step == step, "samples must be recorded in step order")
            tracks[index].samples[tracks[index].samples.count - 1].value = value
        } else {
            tracks[index].samples.append(Sample(step: step, value: value))
        }
        lastStep = max(lastStep, step)
    }

    /// Records optimizer `index`'s divergence measure (loss gap, or loss) and point at `step`,
    /// classifying it as `DivergenceStatus` does.
    public mutating func observe(_ index: Int, step: Int, gap: Double, point: [Double]? = nil, view: ViewBox? = nil,
                                 divergedAt: Int?) {
        if tracks[index].startGap == nil { tracks[index].startGap = gap }
        tracks[index].divergedAt = divergedAt
        let status = DivergenceStatus.classify(startGap: tracks[index].startGap ?? gap, gap: gap, point: point, view: view,
                                               divergedAt: divergedAt)
        if status.isRunningAway, tracks[index].runawayFrom == nil {
            if case .diverged(let at) = status { tracks[index].runawayFrom = at } else { tracks[index].runawayFrom = step }
        }
        lastStep = max(lastStep, step)
    }

    /// Forgets everything after `step` (the visualizer stepped back).
    public mutating func truncate(after step: Int) {
        for i in tracks.indices {
            tracks[i].samples.removeAll { $0.step > step }
            if let at = tracks[i].divergedAt, at > step { tracks[i].divergedAt = nil }
            if let at = tracks[i].runawayFrom, at > step { tracks[i].runawayFrom = nil }
        }
        lastStep = min(lastStep, step)
    }

    /// Forgets optimizer `index`'s record (it was retuned and is replayed from step 0).
    public mutating func reset(_ index: Int) {
        tracks[index] = Track(label: tracks[index].label)
    }
}
