import ArgumentParser
import Foundation
import OptimizerCore

/// `descent bench`: optimizer step speed against the memory bandwidth measured in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time optimizer steps on a transformer-shaped float32 model against the memory roofline.",
        discussion: """
        For each optimizer: time per step (median of the timed repetitions after a warm-up, and \
        the spread), nanoseconds and bytes moved per parameter, achieved GB/s, and the fraction of \
        the bandwidth of an in-place x += s*y kernel over arrays of the same size, measured in the \
        same run with the same threads. Also the optimizer state size and the process's peak \
        resident memory.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(parsing: .unconditional, help: "Approximate parameter count (a Llama-style layout of about this size).")
    var params: Int = 16_000_000

    @Option(parsing: .unconditional, help: "Threads for every kernel (default: one per processor).")
    var threads: Int?

    @Option(help: "Comma-separated optimizers (default: all of them).")
    var optimizers: String = OptimizerRegistry.standard.trainableKinds.map(\.rawValue).joined(separator: ",")

    @Option(parsing: .unconditional, help: "Timed repetitions per optimizer.")
    var repetitions: Int = 15

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "Time the preconditioned curvature instead: the spectrum of P^1/2 H P^1/2 and a Lanczos lambda_max at n = 90, 300 and 1000.")
    var curvature = false

    func validate() throws {
        guard (10_000...400_000_000).contains(params) else { throw ValidationError("--params \(params) is out of range; give 10000 to 400000000") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads \(threads) is out of range; give 1 to 256") }
        guard (1...1000).contains(repetitions) else { throw ValidationError("--repetitions \(repetitions) is out of range; give 1 to 1000") }
        for name in optimizerNames where OptimizerKind(rawValue: name).map({ $0.needsHessian }) ?? true {
            let valid = OptimizerRegistry.standard.trainableKinds.map(\.rawValue)
            let hint = NearestName.hint(name, in: valid)
            throw ValidationError("'\(name)' is not an optimizer descent can bench\(hint); valid: \(valid.joined(separator: ", "))")
        }
    }

    private var optimizerNames: [String] {
        optimizers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        if curvature {
            try runCurvature()
            return
        }
        if let threads { Parallelism.threadCount = threads }
        let model = BenchModel(parameters: params)
        let count = model.layout.count
        // The probe runs before and after the optimizers and the median of all its samples is the
        // roofline: on a shared machine bandwidth drifts, and one end alone can mislead.
        var probe = bandwidthSamples(count: count)
        var results: [BenchResult] = []
        for name in optimizerNames {
            results.append(try measure(kind: OptimizerKind(rawValue: name)!, model: model))
        }
        probe += bandwidthSamples(count: count)
        let bandwidth = Double(BandwidthProbe.bytesPerElement(Float.self) * count) / median(probe) / 1e9
        let peak = PeakMemory.residentBytes()
        switch format {
        case .text:
            print("descent bench: \(grouped(count)) float32 parameters (\(model.layers) layers, dim \(model.dim), \(model.heads) heads), \(Parallelism.threadCount) threads, \(repetitions) timed steps each")
            print(String(format: "memory roofline (x += s*y in place, 12 B/element, median before and after): %.1f GB/s", bandwidth))
            print("optimizer     ms/step   spread(ms)     ns/param  B/param    GB/s  roofline  state MB")
            for r in results {
                print(r.optimizer.padding(toLength: 12, withPad: " ", startingAt: 0) + String(format: " %8.2f  %5.2f-%-5.2f  %9.3f  %7d  %6.1f  %7.0f%%  %8.1f",
                      r.median * 1e3, r.fastest * 1e3, r.slowest * 1e3, r.nanosecondsPerParameter, r.bytesPerParameter,
                      r.gigabytesPerSecond, 100 * r.gigabytesPerSecond / bandwidth, Double(r.stateBytes) / 1e6))
            }
            print(String(format: "peak resident memory: %.1f MB", Double(peak) / 1e6))
        case .json:
            let items = results.map { r in
                "{\"optimizer\":\"\(r.optimizer)\",\"parameters\":\(count),\"threads\":\(Parallelism.threadCount),\"ns_per_param\":\(r.nanosecondsPerParameter),\"bytes_per_param\":\(r.bytesPerParameter),\"gb_per_s\":\(r.gigabytesPerSecond),\"roofline_fraction\":\(r.gigabytesPerSecond / bandwidth),\"state_bytes\":\(r.stateBytes),\"median_ms\":\(r.median * 1e3),\"min_ms\":\(r.fastest * 1e3),\"max_ms\":\(r.slowest * 1e3)}"
            }
            print("{\"bandwidth_gb_per_s\":\(bandwidth),\"peak_rss_bytes\":\(peak),\"results\":[\(items.joined(separator: ","))]}")
        }
    }

    private func bandwidthSamples(count: Int) -> [Double] {
        var x = [Float](repeating: 1, count: count)
        let y = [Float](repeating: 1e-7, count: count)
        return x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                timedRepetitions { BandwidthProbe.pass(x: xs, y: ys, scale: 0.5) }
            }
        }
    }

    private func measure(kind: OptimizerKind, model: BenchModel) throws -> BenchResult {
        let count = model.layout.count
        var optimizer = try OptimizerConfiguration(kind: kind).makeOptimizer(Float.self, layout: model.layout,
                                                                             defaultPartition: model.partition, network: true)
        var generator = SeededGenerator(seed: 1)
        var parameters = (0..<count).map { _ in Float(generator.nextUniform() - 0.5) * 0.02 }
        let gradients = (0..<count).map { _ in Float(generator.nextUniform() - 0.5) * 1e-3 }
        let seconds = parameters.withUnsafeMutableBufferPointer { p in
            gradients.withUnsafeBufferPointer { g in
                timedRepetitions { optimizer.step(parameters: p, gradients: g) }
            }
        }
        let bytes = StepTraffic.bytesPerParameter(kind: kind, optimizer: optimizer, count: count)
        let t = median(seconds)
        return BenchResult(optimizer: kind.rawValue, median: t, fastest: seconds.min()!, slowest: seconds.max()!,
                           nanosecondsPerParameter: t * 1e9 / Double(count), bytesPerParameter: bytes,
                           gigabytesPerSecond: Double(bytes * count) / t / 1e9, stateBytes: optimizer.stateBytes)
    }

    /// Seconds per call of `body`, `count` times after `warmUps` untimed calls.
    func timedRepetitions(warmUps: Int = 3, count: Int? = nil, _ body: () -> Void) -> [Double] {
        for _ in 0..<warmUps { body() }
        return (0..<(count ?? repetitions)).map { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
    }

    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        return String(digits.enumerated().flatMap { i, d in (i > 0 && (digits.count - i) % 3 == 0) ? [",", d] : [d] })
    }
}

/// One optimizer's timing.
struct BenchResult {
    let optimizer: String
    let median: Double
    let fastest: Double
    let slowest: Double
    let nanosecondsPerParameter: Double
    let bytesPerParameter: Int
    let gigabytesPerSecond: Double
    let stateBytes: Int
}
