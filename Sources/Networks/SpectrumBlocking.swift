/// How a network's parameters are cut into blocks for their Hessian spectra.
public enum SpectrumBlocking: String, Sendable, Equatable, CaseIterable {
    /// One block per tensor: its whole diagonal block of H (Zhang et al. 2024's blocks).
    case tensor
    /// One block per tensor, restricted to Adam-mini's official blocks inside it (per head,
    /// per row, per coordinate or whole): the block-diagonal part of H that Adam-mini's one
    /// learning rate per block sees, whose spectrum is the union of its pieces'.
    case official
}
