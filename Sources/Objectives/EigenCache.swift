import Synchronization

/// Computes an eigen decomposition at most once and shares it between copies of a value type.
final class EigenCache: Sendable {
    private let storage = Mutex<(values: [Double], vectors: Matrix)?>(nil)

    /// The cached decomposition, computed by `compute` on first use (under the lock, so two
    /// threads never both pay for it).
    func decomposition(
        _ compute: () -> (values: [Double], vectors: Matrix)
    ) -> (values: [Double], vectors: Matrix) {
        storage.withLock { cached in
            if let cached { return cached }
            let result = compute()
            cached = result
            return result
        }
    }
}
