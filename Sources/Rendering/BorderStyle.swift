/// The line set used for boxes and borders.
public enum BorderStyle: Sendable {
    /// ┌─┐ thin lines with square corners.
    case light
    /// ╭─╮ thin lines with rounded corners.
    case rounded
    /// ┏━┓ thick lines.
    case heavy
    /// ╔═╗ double lines.
    case double

    /// Glyphs in the order top-left, top-right, bottom-left, bottom-right, horizontal, vertical.
    var glyphs: (Character, Character, Character, Character, Character, Character) {
        switch self {
        case .light: return ("┌", "┐", "└", "┘", "─", "│")
        case .rounded: return ("╭", "╮", "╰", "╯", "─", "│")
        case .heavy: return ("┏", "┓", "┗", "┛", "━", "┃")
        case .double: return ("╔", "╗", "╚", "╝", "═", "║")
        }
    }
}
