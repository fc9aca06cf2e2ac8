import Networks

extension NetworkField {
    /// The `descent train` / `descent hessian` flag that sets this field.
    var flag: String {
        switch self {
        case .modulus: "--modulus"
        case .trainFraction: "--train-fraction"
        case .points: "--points"
        case .classes: "--classes"
        case .text: "--text"
        case .context: "--context"
        case .dim: "--dim"
        case .layers: "--layers"
        case .heads: "--heads"
        case .kvHeads: "--kv-heads"
        case .hidden: "--hidden"
        case .batch: "--batch"
        }
    }
}

/// `error`'s message for the command line: network settings named as their flags.
func flagWorded(_ error: any Error) -> String {
    switch error {
    case let error as TaskError: error.message(naming: \.flag)
    case let error as ModelConfigurationError: error.message(naming: \.flag)
    case let error as TrainingError: error.message(naming: \.flag)
    default: "\(error)"
    }
}
