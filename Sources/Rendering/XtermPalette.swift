/// The standard xterm 256-colour palette, used to quantise RGB and to convert indices back to RGB.
enum XtermPalette {
    /// The six component levels of the 6x6x6 colour cube (indices 16...231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's default values for the 16 ANSI colours.
    static let ansi: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// RGB components of a palette index.
    static func components(of index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        if i < 16 { return ansi[i] }
        if i >= 232 {
            let grey = UInt8(8 + 10 * (i - 232))
            return (grey, grey, grey)
        }
        let cube = i - 16
        return (
            UInt8(cubeLevels[cube / 36]),
            UInt8(cubeLevels[(cube / 6) % 6]),
            UInt8(cubeLevels[cube % 6])
        )
    }

    /// Index of the nearest cube level for one component.
    static func nearestCubeLevel(_ value: Int) -> Int {
        if value < 48 { return 0 }
        if value < 115 { return 1 }
        return min(5, (value - 35) / 40)
    }
}
