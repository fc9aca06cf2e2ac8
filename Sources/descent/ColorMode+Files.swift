import Foundation
import Rendering

extension ColorMode {
    /// The colours of output meant to be shown elsewhere (SVG images, recordings): 24-bit when
    /// `COLORTERM` says the terminal has them, else the 256-colour palette, none under `NO_COLOR`.
    static var forFiles: ColorMode {
        switch ColorMode(environment: ProcessInfo.processInfo.environment) {
        case .none where !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty: return .none
        case .direct: return .direct
        default: return .palette256
        }
    }
}
