import Networks

/// The live trainers behind a `NetworkRace`, one per racer, shared by every copy of the race.
///
/// A trainer holds the network's scratch and the dataset, which never change; what a step
/// changes lives in the racers' `TrainerState` values, copied in before a step when the trainer
/// holds another state (after a rewind) and out after it.
final class TrainerPool: @unchecked Sendable {
    var trainers: [Trainer]
    /// The state version each trainer holds.
    var loaded: [UInt64]
    private var lastVersion: UInt64 = 0

    init(trainers: [Trainer]) {
        self.trainers = trainers
        loaded = Array(repeating: 0, count: trainers.count)
    }

    /// A version number no state has had before.
    func nextVersion() -> UInt64 {
        lastVersion &+= 1
        return lastVersion
    }
}
