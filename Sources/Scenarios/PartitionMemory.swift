/// Optimizer memory for a model, in bytes: the parameters as stored, and the state each
/// optimizer keeps beside them (step counters, a few bytes per tensor, are left out).
public struct PartitionMemory: Sendable, Equatable {
    /// The parameters' dtype: one code (`BF16`), `mixed` when tensors differ.
    public var dtype: String
    /// Whether the dtype was assumed (float32, transformers' default) because nothing said.
    public var dtypeAssumed: Bool
    /// The parameters as stored.
    public var parameters: Int
    /// AdamW's m and v in float32.
    public var adamWFloat32: Int
    /// AdamW's m and v in bfloat16.
    public var adamWBFloat16: Int
    /// Adam-mini's m in float32 plus one float32 value per block, as the official code keeps.
    public var adamMini: Int
    /// Adafactor (torch's default: no first moment) in float32: a row and a column statistic
    /// per tensor of two or more dimensions, a full second moment for the others.
    public var adafactor: Int
    /// SGD's momentum buffer in float32.
    public var sgdMomentum: Int

    /// The figures for a report; `fallbackDtype` is used for tensors the file gave no dtype.
    public init(report: PartitionReport, fallbackDtype: String?) {
        let codes = Set(report.rows.map { $0.dtype ?? fallbackDtype ?? "F32" })
        dtypeAssumed = report.rows.contains { $0.dtype == nil } && fallbackDtype == nil
        dtype = codes.count == 1 ? codes.first! : "mixed"
        parameters = report.rows.reduce(0) { total, row in
            total + row.count * (SafetensorsHeader.dtypeSizes[row.dtype ?? fallbackDtype ?? "F32"] ?? 4)
        }
        adamWFloat32 = 2 * 4 * report.parameters
        adamWBFloat16 = 2 * 2 * report.parameters
        adamMini = 4 * (report.parameters + report.blocks)
        adafactor = 4 * report.rows.reduce(0) { $0 + Self.adafactorValues(shape: $1.shape) }
        sgdMomentum = 4 * report.parameters
    }

    /// torch.optim.Adafactor's second-moment values for one tensor: for two or more dimensions a
    /// row variance (the last dimension reduced) and a column variance (the one before it).
    static func adafactorValues(shape: [Int]) -> Int {
        guard shape.count >= 2 else { return shape.reduce(1, *) }
        let leading = shape.dropLast(2).reduce(1, *)
        let rows = shape[shape.count - 2], columns = shape[shape.count - 1]
        return leading * rows + leading * columns
    }

    /// The figures in output order, with stable keys.
    public var entries: [(key: String, label: String, bytes: Int)] {
        [
            ("parameters", "parameters (\(dtype)\(dtypeAssumed ? ", assumed" : ""))", parameters),
            ("adamw_fp32", "AdamW state, fp32 m and v", adamWFloat32),
            ("adamw_bf16", "AdamW state, bf16 m and v", adamWBFloat16),
            ("adam_mini", "Adam-mini state, fp32 m + fp32 per block", adamMini),
            ("adafactor", "Adafactor state, fp32 factored v, no m", adafactor),
            ("sgd_momentum", "SGD momentum, fp32", sgdMomentum),
        ]
    }
}
