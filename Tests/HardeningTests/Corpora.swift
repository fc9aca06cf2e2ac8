import Foundation

/// The inputs the fuzz tests start from: the shipped scenarios and the regression corpus.
enum Corpora {
    /// The repository root, found from this file's path (tests run from any directory).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every shipped scenario, as (file name, text).
    static let shippedScenarios: [(name: String, text: String)] = {
        let folder = root.appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted().compactMap { name in
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
        }
    }()

    /// The regression corpus files whose names start with `prefix`, as (file name, bytes).
    static func regression(_ prefix: String) -> [(name: String, bytes: [UInt8])] {
        guard let folder = Bundle.module.url(forResource: "Corpus", withExtension: nil) else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) }.sorted().compactMap { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name, Array($0)) }
        }
    }
}
