import OptimizerCore

/// Random scenario files built from the format's own keys, so that inputs get past the TOML
/// syntax into every validator: a tame file draws only valid values, a wild one mixes in edge
/// cases and mistakes (about one file in three).
struct ScenarioGenerator {
    private var random: Mutator
    private var wild = false

    init(seed: UInt64) {
        random = Mutator(seed: seed, dictionary: [""])
    }

    private static let edgeNumbers = [
        "0", "-1", "1000", "1001", "100000", "1e12", "1e308", "-1e308", "nan", "inf", "-0.0", "5e-324",
        "9223372036854775807", "-9223372036854775808", "1e18", "0.999", "3.0e2",
    ]
    private static let surfaces = ["rosenbrock", "beale", "himmelblau", "rastrigin", "ackley", "booth", "matyas",
                                   "goldstein-price", "six-hump-camel", "saddle", "elliptic-bowl", "styblinski-tang"]
    private static let optimizers = ["gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "adam-mini"]
    private static let formulas = ["x^2 + y^2", "sin(x) * cos(y)", "log(1 + x^2) / (1 + y^2)", "2^-x^2", "tanh(x)^3 - abs(y)"]

    /// A valid choice in a tame file; in a wild one, sometimes one of `mistakes`.
    private mutating func choose(_ valid: [String], _ mistakes: [String]) -> String {
        wild && random.below(4) == 0 ? random.pick(mistakes) : random.pick(valid)
    }

    private mutating func number(_ valid: [String] = ["0.5", "1e-3", "0.01", "0.1", "1", "2", "3.5", "-2.0"]) -> String {
        choose(valid, Self.edgeNumbers)
    }

    private mutating func list(_ count: Int, _ valid: [String] = ["0.5", "1", "-2.0", "3.25", "0"]) -> String {
        "[" + (0..<min(count, 1001)).map { _ in number(valid) }.joined(separator: ", ") + "]"
    }

    private mutating func chance(_ percent: Int) -> Bool {
        random.below(100) < percent
    }

    /// The next random scenario text.
    mutating func next() -> String {
        wild = random.below(3) == 0
        var out = chance(30) ? "name = \"fuzz \(random.below(100))\"\n" : ""
        out += "[problem]\n"
        let dimension: Int
        switch random.below(3) {
        case 0:
            out += "type = \"\(choose(Self.surfaces, ["rosenbrok", "quadratic", ""]))\"\n"
            if chance(20) { out += "parameters = { a = \(number(["1.0", "2"])) }\n" }
            dimension = 2
        case 1:
            out += "type = \"expression\"\nf = \"\(choose(Self.formulas, ["(x", "x +", "1e400", "x y", ""]))\"\n"
            dimension = 2
        default:
            out += "type = \"quadratic\"\n"
            dimension = quadratic(&out)
        }
        if chance(60) {
            let length = wild && chance(20) ? dimension + 1 : dimension
            out += "start = " + (chance(25) ? "\"random\"" : list(length)) + "\n"
        }
        if dimension == 2, chance(20) {
            out += "view = { x = \(list(2, ["-3.0"]).dropLast()), \(number(["4.0"]))], y = [-1, 2] }\n"
        }
        if chance(15) { out += "noise = \(number())\n" }
        if chance(50) {
            out += "\n[run]\n"
            if chance(50) { out += "steps = \(number(["0", "10", "100", "2000"]))\n" }
            if chance(50) { out += "seed = \(number(["0", "1", "42"]))\n" }
            if chance(30) { out += "precision = \"\(choose(["float", "double"], ["half", ""]))\"\n" }
        }
        for index in 0..<(wild && chance(10) ? 0 : 1 + random.below(3)) {
            optimizer(&out, index: index, dimension: dimension)
        }
        return out
    }

    private mutating func optimizer(_ out: inout String, index: Int, dimension: Int) {
        let kind = choose(Self.optimizers, ["adamm", "block-gd", ""])
        out += "\n[[optimizer]]\ntype = \"\(kind)\"\nlabel = \"\(choose(["opt \(index)"], ["opt 0", "", String(repeating: "l", count: 41)]))\"\n"
        if chance(70) { out += "lr = \(number(["0.1", "0.01", "1e-3", "0.5"]))\n" }
        if chance(20), kind.hasPrefix("adam") { out += "betas = \(list(wild && chance(30) ? 3 : 2, ["0.9", "0.99", "0.0"]))\n" }
        if chance(15), ["sgd", "momentum", "rmsprop"].contains(kind) { out += "momentum = \(number(["0.9", "0.5", "0"]))\n" }
        if chance(15) { out += "weight_decay = \(number(["0", "0.01", "0.1"]))\n" }
        if chance(20), kind == "adam-mini" {
            out += "partition = " + choose(["\"blocks\"", "\"coordinate\"", "\"tensor\"", "\"rows\"", "\"columns\"", "[\(dimension)]"],
                                           ["\"official\"", "[1, \(dimension)]", "[9223372036854775807, 2]", "\"row\""]) + "\n"
        }
        if chance(25) {
            out += "schedule = \"\(choose(["step", "cosine", "warmup-cosine", "constant"], ["linear", ""]))\"\n"
            if chance(40) { out += "warmup = \(number(["0", "5", "50"]))\n" }
            if chance(40) { out += "period = \(number(["10", "100", "1000"]))\n" }
            if chance(30) { out += "gamma = \(number(["0.5", "0.1"]))\n" }
        }
        if wild, chance(5) { out += "unknown_\(index) = 1\n" }
    }

    /// Appends a quadratic's keys; returns its intended dimension.
    private mutating func quadratic(_ out: inout String) -> Int {
        if chance(30) {
            let n = 1 + random.below(4)
            let rows = (0..<n).map { i in "[" + (0..<n).map { j in i == j ? "2.0" : "0.25" }.joined(separator: ", ") + "]" }
            out += "hessian = [" + rows.joined(separator: ", ") + "]\n"
            if chance(40) { out += "blocks = [\(choose(["\(n)"] + (n > 1 ? ["1, \(n - 1)"] : []), ["9223372036854775807, 2", "0", "\(n + 1)"]))]\n" }
            return n
        }
        var n = 0
        var blocks: [String] = []
        for _ in 0...random.below(3) {
            if chance(50) {
                // Sizes stay small: generating a 1000-dimensional block takes seconds in a debug build.
                let size = Int(choose(["1", "2", "5", "12"], ["1001", "100000", "0", "-3"]))!
                n += size
                blocks.append("{ size = \(size), condition = \(choose(["10.0", "100.0", "1e6"], ["1e17", "0.5", "nan"])) }")
            } else {
                let size = 1 + random.below(4)
                n += size
                blocks.append("{ eigenvalues = \(list(size, ["1.0", "0.5", "10", "1e-3"])) }")
            }
        }
        out += "blocks = [" + blocks.joined(separator: ", ") + "]\n"
        if chance(25) { out += "coupling = \(choose(["0.5", "0.1", "0.9"], ["1.0", "-1", "nan"]))\n" }
        if chance(15) { out += "minimum = \(list(max(n, 1)))\n" }
        return max(n, 1)
    }
}
