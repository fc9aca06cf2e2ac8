import Foundation
import OptimizerCore

/// The CSV trajectory format shared by `descent run` and the visualizer's export: a header
/// `optimizer,step,loss,x0,x1,...` then one row per optimizer per step, step 0 being the start.
/// Numbers use Swift's shortest round-trip representation, in the run's own precision; a value
/// that is not finite is `nan`, `inf` or `-inf` (never `-nan`: a NaN's sign bit means nothing).
public enum TrajectoryCSV {
    /// The header line for a problem of `dimension` coordinates.
    public static func header(dimension: Int) -> String {
        var line = "optimizer,step,loss"
        for i in 0..<dimension { line += ",x\(i)" }
        return line + "\n"
    }

    /// One row.
    public static func row<Scalar: OptimizerScalar>(label: String, step: Int, loss: Double, parameters: [Scalar]) -> String {
        var line = field(label)
        line += ","
        line += String(step)
        line += ","
        line += number(loss)
        for x in parameters {
            line += ","
            line += number(x)
        }
        line += "\n"
        return line
    }

    /// A number in shortest round-trip form, or `nan`, `inf`, `-inf` (`NumberText.shortest`).
    @inline(__always)
    public static func number<T: BinaryFloatingPoint & CustomStringConvertible>(_ x: T) -> String {
        NumberText.shortest(x)
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
