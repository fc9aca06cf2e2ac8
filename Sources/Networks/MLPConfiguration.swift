/// The shape of a fully connected classifier: sizes and activation, Codable for checkpoints.
public struct MLPConfiguration: Codable, Sendable, Hashable {
    /// Input features.
    public var inputs: Int
    /// Widths of the hidden layers, first to last.
    public var hidden: [Int]
    /// Output classes.
    public var classes: Int
    /// The nonlinearity after every hidden layer.
    public var activation: Activation

    /// Creates a configuration.
    public init(inputs: Int, hidden: [Int], classes: Int, activation: Activation) {
        self.inputs = inputs
        self.hidden = hidden
        self.classes = classes
        self.activation = activation
    }

    /// Layer widths from input to output.
    public var widths: [Int] { [inputs] + hidden + [classes] }

    /// Checks every width is positive.
    public func validate() throws(ModelConfigurationError) {
        for width in hidden where width < 1 {
            throw .invalid(.hidden, value: "\(width)", reason: "every hidden width must be at least 1")
        }
        guard inputs >= 1, classes >= 2 else {
            throw .unsupported("an MLP needs at least one input and two classes (got \(inputs) and \(classes))")
        }
    }
}
