import Foundation
import OptimizerCore

/// Seeded byte-level mutations in the spirit of libFuzzer's: flips, deletions, duplications,
/// splices and insertions of tokens the parsers care about. The same seed gives the same inputs.
struct Mutator {
    var generator: SeededGenerator
    /// Fragments worth inserting: the grammar's punctuation, keywords and edge-case numbers.
    let dictionary: [[UInt8]]

    init(seed: UInt64, dictionary: [String]) {
        generator = SeededGenerator(seed: seed)
        self.dictionary = dictionary.map { Array($0.utf8) }
    }

    /// A uniform integer in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int {
        Int(generator.next() % UInt64(bound))
    }

    /// A uniformly chosen element.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// Applies one to `rounds` random mutations to `input`.
    mutating func mutate(_ input: [UInt8], rounds: Int = 4) -> [UInt8] {
        var bytes = input
        for _ in 0...below(rounds) {
            bytes = mutateOnce(bytes)
        }
        return bytes
    }

    private mutating func mutateOnce(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        let position = below(bytes.count + 1)
        switch below(8) {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] ^= UInt8(1 << below(8))
        case 1 where !bytes.isEmpty:
            let end = min(bytes.count, position + 1 + below(16))
            bytes.removeSubrange(min(position, end)..<end)
        case 2 where !bytes.isEmpty:
            let end = min(bytes.count, position + 1 + below(64))
            let chunk = Array(bytes[min(position, end)..<end])
            bytes.insert(contentsOf: chunk, at: below(bytes.count + 1))
        case 3 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = UInt8(truncatingIfNeeded: generator.next())
        case 4:
            bytes.insert(contentsOf: Array(repeating: pick(Array("([{-+^\"'#.=\n,".utf8)), count: 1 + below(300)), at: position)
        default:
            bytes.insert(contentsOf: pick(dictionary), at: position)
        }
        return bytes
    }
}

/// Text from bytes the way a file reader would accept them: invalid UTF-8 is repaired.
func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}
