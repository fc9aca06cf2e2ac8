extension TrainResult {
    /// The first step whose training loss was not finite, or nil when every loss was.
    var divergedStep: Int? {
        lossHistory.firstIndex { !$0.isFinite }.map { firstStep + $0 + 1 }
    }
}
