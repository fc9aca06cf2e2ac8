/// The running-mode speeds, in steps per second, that `+` and `-` move between.
public enum SpeedSetting {
    /// Steps per second, slowest first.
    public static let stepsPerSecond: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
    /// The speed a new session starts at.
    public static let defaultIndex = 4
    /// Most steps one tick may take, so a stalled frame cannot trigger a huge catch-up.
    public static let maximumStepsPerTick = 1000
    /// The same bound while a network trains: a network step costs about a millisecond, and a
    /// frame must stay short enough for keys to feel immediate.
    public static let maximumNetworkStepsPerTick = 40

    /// The speed at `index` as text, e.g. `20 steps/s`.
    public static func label(_ index: Int) -> String {
        "\(Int(stepsPerSecond[index])) steps/s"
    }
}
