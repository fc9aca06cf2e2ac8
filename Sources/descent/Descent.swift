import ArgumentParser

/// The `descent` command: watch optimizers work, one update at a time.
@main
struct Descent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "descent",
        abstract: "Watch optimizers work, one update at a time.",
        subcommands: [TUICommand.self, RenderCommand.self, RunCommand.self, ListCommand.self, PartitionCommand.self, BenchCommand.self, TrainCommand.self, HessianCommand.self, TUIBenchCommand.self],
        defaultSubcommand: TUICommand.self
    )
}
