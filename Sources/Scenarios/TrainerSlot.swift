import Networks

/// One racer's live trainer, shared by every copy of a `NetworkRace`.
///
/// A trainer holds the network's scratch and the dataset, which never change; what a step
/// changes lives in the racers' `TrainerState` values, copied in before a step when the trainer
/// holds another state (after a rewind, or when another copy of the race stepped it) and out
/// after it. The slot remembers which state it holds by a version number only it hands out.
final class TrainerSlot: @unchecked Sendable {
    let trainer: Trainer
    /// The version of the state the trainer holds.
    var loaded: UInt64 = 0
    private var lastVersion: UInt64 = 0

    init(_ trainer: Trainer) {
        self.trainer = trainer
    }

    /// A version number this slot has not handed out before.
    func nextVersion() -> UInt64 {
        lastVersion &+= 1
        return lastVersion
    }
}
