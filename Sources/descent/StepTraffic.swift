import OptimizerCore

/// Bytes an optimizer step must move per float32 parameter: every array it reads and writes
/// once (p, g and its state), per-block values being negligible.
enum StepTraffic {
    static func bytesPerParameter(kind: OptimizerKind, optimizer: any Optimizer<Float>, count: Int) -> Int {
        // Every per-parameter state vector is read and written; p is read and written; g is read.
        // Per-block state (Adam-mini's v) is a rounding error and drops out of the division.
        let perParameterState = optimizer.stateElementCount / max(count, 1)
        return 4 * (3 + 2 * perParameterState)
    }
}
