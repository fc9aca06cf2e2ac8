/// Input the app reacts to, independent of the terminal library.
public enum InputEvent: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// A mouse event at a cell (column x, row y).
    case mouse(x: Int, y: Int, kind: MouseKind)
    /// The terminal changed size.
    case resize(width: Int, height: Int)
    /// No input arrived within the timeout: time to advance an animation.
    case tick
}

/// A key, decoded from the terminal.
public enum Key: Hashable, Sendable {
    /// A printable character, including space, digits, uppercase letters and punctuation.
    case character(Character)
    /// Ctrl plus a letter, lowercase ("c" for Ctrl-C); Tab, Enter and Backspace have their own cases.
    case control(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Shift + arrow up.
    case shiftUp
    /// Shift + arrow down.
    case shiftDown
    /// Shift + arrow left.
    case shiftLeft
    /// Shift + arrow right.
    case shiftRight
    /// Tab.
    case tab
    /// Shift-Tab (back-tab).
    case backTab
    /// Enter / Return.
    case enter
    /// Escape.
    case escape
    /// Backspace.
    case backspace
    /// Delete (forward).
    case delete
    /// Insert.
    case insert
    /// Home.
    case home
    /// End.
    case end
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// Function key F1...F24.
    case function(Int)
    /// A key the backend could not name, with its raw code.
    case unknown(Int)

    /// Ctrl-C.
    public static let controlC = Key.control("c")
}

/// What happened with the mouse.
public enum MouseKind: Hashable, Sendable {
    /// A button went down.
    case press(MouseButton)
    /// A button went up.
    case release(MouseButton)
    /// A press and release without movement.
    case click(MouseButton)
    /// Wheel up.
    case scrollUp
    /// Wheel down.
    case scrollDown
    /// Movement (with a button held, on terminals that report it).
    case move
}

/// A mouse button.
public enum MouseButton: Hashable, Sendable {
    /// Usually the left button.
    case primary
    /// Usually the middle button.
    case middle
    /// Usually the right button.
    case secondary
}
