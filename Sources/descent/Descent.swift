import ArgumentParser
import Foundation

/// The `descent` command: watch optimizers work, one update at a time.
@main
struct Descent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "descent",
        abstract: "Watch optimizers work, one update at a time.",
        subcommands: [TUICommand.self, RenderCommand.self, RecordCommand.self, RunCommand.self, ListCommand.self, CheckCommand.self, PartitionCommand.self, BenchCommand.self, TrainCommand.self, HessianCommand.self, TUIBenchCommand.self, RecordBenchCommand.self],
        defaultSubcommand: TUICommand.self
    )

    /// Starts descent. A closed pipe (`descent run ... | head`) must end the program quietly, not
    /// kill it with SIGPIPE's status 141: writes then fail with EPIPE, which output code handles.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        main(nil)
    }
}
