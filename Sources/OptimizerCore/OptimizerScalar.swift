import RealModule

/// A floating-point type the optimizer core can run in: `Float` or `Double`.
///
/// Every optimizer, layout and kernel is generic over this one protocol, so single and double
/// precision share the same code path. Hot kernels carry `@_specialize` for both conformers so a
/// call through an existential still lands in specialised code.
public protocol OptimizerScalar: BinaryFloatingPoint, Real, SIMDScalar, Codable, Sendable, LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// A short name for files and tables: `"float"` or `"double"`.
    static var precisionName: String { get }
}

extension Float: OptimizerScalar {
    public static var precisionName: String { "float" }
}

extension Double: OptimizerScalar {
    public static var precisionName: String { "double" }
}
