import OptimizerCore
import Scenarios
import XCTest

/// The typed retuning line (`lr=0.03 momentum=0.8`): every optimizer's own line reads back to its
/// configuration, scaled values are taken or refused by name, and mutated lines end in a valid
/// configuration or an error naming the typed settings.
final class RetuneFuzzTests: XCTestCase {
    /// A line of the kind's hyperparameters, each near its default (a flag flipped at random).
    private func randomLine(_ kind: OptimizerKind, _ random: inout Mutator) -> String {
        kind.descriptors.filter { _ in random.below(2) == 0 }.map { descriptor -> String in
            let scale = random.pick([0.5, 1.0, 0.999, 2.0])
            switch descriptor.defaultValue {
            case .real(let x): return "\(descriptor.name)=\(x * scale)"
            case .flag(let b): return "\(descriptor.name)=\(random.below(2) == 0 ? b : !b)"
            case .pair(let a, let b): return "\(descriptor.name)=[\(a * scale), \(b)]"
            case .list(let xs): return "\(descriptor.name)=[" + xs.map { "\($0 * scale)" }.joined(separator: ",") + "]"
            case .choice(let name): return "\(descriptor.name)=\"\(name)\""
            }
        }.joined(separator: random.pick([" ", "  ", "\t"]))
    }

    private func check(_ line: String, _ kind: OptimizerKind, file: StaticString = #filePath, lineNumber: UInt = #line) -> Bool {
        let current = OptimizerConfiguration(kind: kind)
        do {
            let retuned = try RetuneParser.configuration(from: line, current: current)
            XCTAssertEqual(retuned.kind, kind, file: file, line: lineNumber)
            XCTAssertNoThrow(try retuned.hyperparameters.validate(), line, file: file, line: lineNumber)
            let written = RetuneParser.line(for: retuned)
            XCTAssertEqual(try? RetuneParser.configuration(from: written, current: current), retuned,
                           "'\(line)' -> '\(written)' does not read back", file: file, line: lineNumber)
            return true
        } catch {
            XCTAssertEqual(error.file, RetuneParser.source, file: file, line: lineNumber)
            XCTAssertGreaterThan(error.message.count, 10, file: file, line: lineNumber)
            return false
        }
    }

    func testEveryOptimizersOwnLineReadsBackToIt() throws {
        for kind in OptimizerKind.allCases {
            let configuration = OptimizerConfiguration(kind: kind)
            let line = RetuneParser.line(for: configuration)
            XCTAssertEqual(try RetuneParser.configuration(from: line, current: configuration), configuration, line)
        }
    }

    func testGeneratedAndMutatedLinesEndInAConfigurationOrAnError() {
        var random = Mutator(seed: 0x7E7E, dictionary: [
            "lr=", "momentum=", "betas=", "eps=", "weight_decay=", "nesterov=", "=", " ", "[", "]", ",", "0", "-1", "1e300",
            "nan", "inf", "true", "\"0.1\"", "{a=1}", "\n", "#", "1e-400", "0x10", "1_000",
        ])
        var accepted = 0
        for round in 0..<1500 {
            let kind = random.pick(OptimizerKind.allCases)
            let line = randomLine(kind, &random)
            let input = round % 3 == 0 ? line : text(random.mutate(Array(line.utf8), rounds: 2))
            if check(input, kind) { accepted += 1 }
        }
        XCTAssertGreaterThan(accepted, 300)
    }

    func testBadValuesAreRefusedByName() {
        let cases: [(String, String)] = [
            ("", "type key=value pairs"),
            ("lr", "'lr' is not key=value"),
            ("=1", "'=1' is not key=value"),
            ("lr=", "lr= has no value"),
            ("lr=nan", "finite number"),
            ("lr=inf", "finite number"),
            ("lr=1e999", "lr"),
            ("lr=-1", "lr"),
            ("lr=\"0.1\"", "lr"),
            ("momentun=0.9", "no hyperparameter 'momentun'"),
            ("lr=" + String(repeating: "1", count: 300), "lr"),
            ("lr=1\nmomentum=0.5", "lr"),
            ("momentum=[}", "momentum=[} is not a number"),
            ("momentum=[1,}", "momentum=[1,} is not a number"),
            ("momentum=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "is not a number"),
        ]
        for (line, fragment) in cases {
            XCTAssertThrowsError(try RetuneParser.configuration(from: line, current: OptimizerConfiguration(kind: .sgd)), line) { error in
                XCTAssertTrue("\(error)".contains(fragment), "'\(line)': '\(error)' lacks '\(fragment)'")
            }
        }
    }
}
