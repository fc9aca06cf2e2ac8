// libFuzzer: -max_len=4096
import Objectives

/// libFuzzer entry point: any bytes, read as a formula, end in a surface whose canonical text
/// parses back to itself and computes the same values, or in an error at a real column.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormula(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let formula = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let surface = try ExpressionSurface(formula: formula)
        let canonical = surface.description
        guard let reparsed = try? ExpressionSurface(formula: canonical) else {
            preconditionFailure("canonical text \(canonical) does not parse")
        }
        precondition(reparsed.description == canonical, "printing is not a fixed point")
        for (x, y) in [(0.0, 0.0), (1.5, -2.0), (-3.0, 0.25)] {
            let a = surface.value(x: x, y: y), b = reparsed.value(x: x, y: y)
            precondition(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN), "values differ at (\(x), \(y))")
            _ = surface.jet(x: x, y: y)
        }
    } catch {
        precondition((1...formula.count + 1).contains(error.column), "column \(error.column) outside the formula")
    }
    return 0
}
