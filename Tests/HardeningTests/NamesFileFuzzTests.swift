import Foundation
import Scenarios
import XCTest

/// Names files: generated ones read back exactly, mutated ones end in an inventory or an error
/// on a real line.
final class NamesFileFuzzTests: XCTestCase {
    func testGeneratedFilesReadBackExactly() throws {
        var random = Mutator(seed: 0x4A3E, dictionary: [""])
        for _ in 0..<300 {
            var lines: [String] = []
            var tensors: [(name: String, shape: [Int])] = []
            for index in 0..<(1 + random.below(8)) {
                let shape = (0..<random.below(4)).map { _ in random.below(5000) }
                let name = "layer\(index).\(random.pick(["weight", "bias", "q_proj.weight"]))"
                let written = shape.isEmpty ? random.pick(["()", "1"]) : shape.map(String.init).joined(separator: "x")
                lines.append(random.pick(["", "  ", "\t"]) + name + random.pick([" ", "\t", "   "]) + written + random.pick(["", " # note", "\r"]))
                tensors.append((name, shape.isEmpty && written == "1" ? [1] : shape))
                if random.below(4) == 0 { lines.append(random.pick(["", "# comment", "   "])) }
            }
            let inventory = try NamesFile.parse(lines.joined(separator: "\n"), file: "n.txt")
            XCTAssertEqual(inventory.tensors.map(\.name), tensors.map(\.name))
            XCTAssertEqual(inventory.tensors.map(\.shape), tensors.map(\.shape))
        }
    }

    func testMutatedFilesEndInAnInventoryOrALocatedError() {
        var random = Mutator(seed: 0x4A3F, dictionary: [
            "x", "xx", " ", "\n", "#", "()", "281474976710656", "281474976710657", "9223372036854775807",
            "99999999999999999999", "-1", "+5", "0", "é", "\r\n", "\t", "a.b.weight 4x4\n",
        ])
        let seed = "model.embed.weight 1000x256\n# comment\nmodel.layers.0.q_proj.weight 256x256\nmodel.norm.weight 256\nscale ()\n"
        var parsed = 0
        for _ in 0..<3000 {
            let input = text(random.mutate(Array(seed.utf8), rounds: 5))
            do {
                let inventory = try NamesFile.parse(input, file: "n.txt")
                parsed += 1
                XCTAssertEqual(Set(inventory.tensors.map(\.name)).count, inventory.tensors.count)
                XCTAssertTrue(inventory.tensors.allSatisfy { $0.count <= NamesFile.maximumElements && $0.shape.allSatisfy { $0 >= 0 } })
            } catch {
                XCTAssertEqual(error.file, "n.txt")
                let lineCount = input.split(separator: "\n", omittingEmptySubsequences: false).count
                if let line = error.line { XCTAssertTrue((1...lineCount).contains(line), "\(error) in \(lineCount) lines") }
                XCTAssertGreaterThan(error.message.count, 10)
            }
        }
        XCTAssertGreaterThan(parsed, 300)
    }

    func testElementCountsPastTwoToTheFortyEightAreRefused() {
        for shape in ["281474976710657", "16777216x16777217", "9223372036854775807", "99999999999999999999", "65536x65536x65536x2"] {
            XCTAssertThrowsError(try NamesFile.parse("w \(shape)\n", file: "n.txt")) { error in
                XCTAssertEqual((error as? ModelInventoryError)?.line, 1)
                XCTAssertTrue("\(error)".contains("w"), "\(error)")
            }
        }
        XCTAssertEqual(try NamesFile.parse("w 16777216x16777216\n", file: "n.txt").tensors.first?.count, 1 << 48)
    }
}

/// Totals over a whole inventory stay bounded, so the partition report's sums cannot overflow.
final class InventoryTotalTests: XCTestCase {
    func testModelsPastTwoToTheFortyEightElementsInTotalAreRefused() throws {
        // 2^15 tensors of 2^48 elements each would overflow Int when the report adds them up.
        let lines = (0..<(1 << 15)).map { "t\($0) 16777216x16777216" }
        XCTAssertThrowsError(try NamesFile.parse(lines.joined(separator: "\n"), file: "n.txt")) { error in
            XCTAssertEqual((error as? ModelInventoryError)?.line, 2)
            XCTAssertTrue("\(error)".contains("add up to more than 2^48"), "\(error)")
        }
        let entries = (0..<2).map { "\"t\($0)\": {\"dtype\": \"U8\", \"shape\": [281474976710656], \"data_offsets\": [0, 281474976710656]}" }
        let header = Data(("{" + entries.joined(separator: ", ") + "}").utf8)
        XCTAssertThrowsError(try SafetensorsHeader.parse(header: header, dataBytes: 1 << 48, path: "m.safetensors")) { error in
            XCTAssertTrue("\(error)".contains("add up to more than 2^48"), "\(error)")
        }
    }
}
