/// A part of a symmetric operator whose spectrum is wanted: the principal block on one range of
/// coordinates, or the block-diagonal operator of several principal blocks (the pieces Adam-mini
/// cuts one tensor into), whose spectrum is the union of theirs.
public struct SpectrumBlock: Sendable, Equatable {
    /// A name for tables and plots (a tensor's name, "full").
    public let name: String
    /// Disjoint coordinate ranges; A restricted to each, and nothing between them.
    public let pieces: [Range<Int>]

    /// A block of pieces.
    ///
    /// - Precondition: at least one piece, none empty.
    public init(name: String, pieces: [Range<Int>]) {
        precondition(!pieces.isEmpty && pieces.allSatisfy { !$0.isEmpty }, "at least one nonempty piece")
        self.name = name
        self.pieces = pieces
    }

    /// The principal block on one range.
    public init(name: String, range: Range<Int>) {
        self.init(name: name, pieces: [range])
    }

    /// Coordinates covered.
    public var size: Int { pieces.reduce(0) { $0 + $1.count } }
}
