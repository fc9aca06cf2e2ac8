import Networks

/// The commands that write files take `--force` to replace an existing one; their messages say so.
enum ForceHint {
    /// What to do about an existing file on the command line.
    static let replacing = "pass --force to replace it"

    /// `error`'s message, naming `--force` where the error is a file that already exists.
    static func message(_ error: any Error) -> String {
        switch error {
        case let error as FileWriteError: error.message(replacing: replacing)
        case let error as CheckpointError: error.message(replacing: replacing)
        default: "\(error)"
        }
    }
}
