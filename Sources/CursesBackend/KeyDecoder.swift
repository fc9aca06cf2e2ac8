import CNcurses
import Rendering

/// Turns `wget_wch` results into `Key`s.
enum KeyDecoder {
    /// The key for a plain character code (`wget_wch` returned OK).
    static func character(_ code: UInt32) -> Key {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 96)))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .unknown(Int(code)) }
            return .character(Character(scalar))
        }
    }

    /// The key for a function key code (`wget_wch` returned KEY_CODE_YES), nil for mouse and resize.
    static func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_SR: return .shiftUp
        case KEY_SF: return .shiftDown
        case KEY_SLEFT: return .shiftLeft
        case KEY_SRIGHT: return .shiftRight
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case descent_key_f(1)...descent_key_f(24): return .function(Int(code - descent_key_f(0)))
        default: return .unknown(Int(code))
        }
    }

    /// The event kind for a mouse state mask.
    static func mouseKind(_ state: mmask_t) -> MouseKind? {
        if state & descent_button4_pressed != 0 { return .scrollUp }
        if state & descent_button5_pressed != 0 { return .scrollDown }
        if state & descent_button1_pressed != 0 { return .press(.primary) }
        if state & descent_button1_released != 0 { return .release(.primary) }
        if state & descent_button1_clicked != 0 { return .click(.primary) }
        if state & descent_button3_pressed != 0 { return .press(.secondary) }
        if state & descent_button3_released != 0 { return .release(.secondary) }
        if state & descent_button3_clicked != 0 { return .click(.secondary) }
        if state & descent_button2_pressed != 0 { return .press(.middle) }
        if state & descent_button2_released != 0 { return .release(.middle) }
        if state & descent_button2_clicked != 0 { return .click(.middle) }
        if state & descent_report_mouse_position != 0 { return .move }
        return nil
    }
}
