/// A partition that cannot be built for the given parameters.
public enum PartitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A query/key tensor whose size is not a whole number of heads of dim*dim/heads elements.
    case headSizeMismatch(name: String, count: Int, dim: Int, heads: Int)
    /// Explicit block sizes that do not add up to the parameter count, or are not positive.
    case blockSizesMismatch(sizes: [Int], expected: Int)
    /// Block-GD needs each block's largest Hessian eigenvalue, which this problem cannot give.
    case curvatureUnavailable(String)
    /// An optimizer that cannot run on one of the tensors (Muon on a tensor that is not 2-D).
    case unsupportedTensor(optimizer: String, name: String, shape: [Int], reason: String)
    /// An optimizer that needs the problem's exact Hessian (Newton) where there is none.
    case hessianUnavailable(optimizer: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .headSizeMismatch(name, count, dim, heads):
            let head = heads > 0 ? dim * dim / heads : 0
            return "tensor \(name) has \(count) elements, not a multiple of dim*dim/n_heads = \(dim)*\(dim)/\(heads) = \(head); set dim and n_heads to the model's width and head count"
        case let .blockSizesMismatch(sizes, expected):
            let total = sizes.reduce(0, +)
            return "block sizes \(sizes) add up to \(total), but the problem has \(expected) parameters; give positive sizes that add up to \(expected)"
        case let .curvatureUnavailable(reason):
            return reason
        case let .unsupportedTensor(optimizer, name, shape, reason):
            return "\(optimizer) cannot update tensor \(name) of shape \(shape): \(reason)"
        case let .hessianUnavailable(optimizer):
            return "\(optimizer) needs the problem's exact Hessian: a surface, an expression, a quadratic or a matrix regression, not a network"
        }
    }
}
