/// One scenario file in the picker: its name and description, or why it cannot be loaded.
public struct PickerEntry: Sendable, Equatable {
    /// The file path.
    public var path: String
    /// The scenario's name (the file name when it failed to load).
    public var name: String
    /// The scenario's description, or the load error.
    public var detail: String
    /// Whether the file failed to load (then `detail` is the error).
    public var isBroken: Bool

    /// Creates an entry.
    public init(path: String, name: String, detail: String, isBroken: Bool) {
        self.path = path
        self.name = name
        self.detail = detail
        self.isBroken = isBroken
    }
}

/// The scenario picker overlay: the list (nil while it is being read) and the highlighted row.
public struct PickerState: Sendable, Equatable {
    /// The entries, or nil until the runner has listed them.
    public var entries: [PickerEntry]?
    /// Index of the highlighted entry.
    public var selected: Int = 0

    /// A picker waiting for its list.
    public init(entries: [PickerEntry]? = nil) {
        self.entries = entries
    }
}
