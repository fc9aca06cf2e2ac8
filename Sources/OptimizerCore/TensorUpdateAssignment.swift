/// An optimizer that updates different tensors by different rules (Muon's network recipe): which
/// tensor took which, for the legend and the JSON reports.
public protocol TensorUpdateAssignment {
    /// Tensor names grouped by the update they take, in layout order within each group; groups in
    /// the order of their first tensor (e.g. `[("muon", [...]), ("adamw", [...])]`).
    var tensorUpdates: [(update: String, tensors: [String])] { get }
}

