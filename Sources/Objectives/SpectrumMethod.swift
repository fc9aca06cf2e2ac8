/// How a block's spectrum was obtained.
public enum SpectrumMethod: String, Sendable, Equatable, CaseIterable {
    /// Every eigenvalue of the block, from its dense matrix.
    case exact
    /// Stochastic Lanczos quadrature: Ritz values weighted by their quadrature weights.
    case lanczos
}
