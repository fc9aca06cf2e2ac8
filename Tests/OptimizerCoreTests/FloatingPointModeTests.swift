@testable import OptimizerCore
import XCTest

/// Flushing subnormals applies to the calling thread and the worker pool, and is undone afterwards.
final class FloatingPointModeTests: XCTestCase {
    func testFlushesOnTheCallingThreadAndRestores() throws {
        try XCTSkipUnless(FloatingPointMode.current.flushingSubnormals.flushesSubnormals, "no flush-to-zero mode on this CPU")
        XCTAssertGreaterThan(halvedSmallestNormal(), 0, "IEEE subnormals outside the flushed scope")
        let inside = FloatingPointMode.withSubnormalsFlushed { (halvedSmallestNormal(), halvedSmallestNormalDouble()) }
        XCTAssertEqual(inside.0, 0)
        XCTAssertEqual(inside.1, 0)
        XCTAssertGreaterThan(halvedSmallestNormal(), 0, "the previous mode is restored")
        XCTAssertGreaterThan(halvedSmallestNormalDouble(), 0)
        XCTAssertFalse(FloatingPointMode.current.flushesSubnormals)
    }

    func testWorkerPoolRunsJobsInTheCallersMode() throws {
        try XCTSkipUnless(FloatingPointMode.current.flushingSubnormals.flushesSubnormals, "no flush-to-zero mode on this CPU")
        let slices = 4
        let results = UnsafeMutableBufferPointer<Float>.allocate(capacity: slices)
        defer { results.deallocate() }
        let job = HalvingJob(results: results.baseAddress!)
        // Slices this small would otherwise all run on the caller, which is in the mode anyway.
        WorkerPool.shared.takesSlicesBack = false
        defer { WorkerPool.shared.takesSlicesBack = true }
        FloatingPointMode.withSubnormalsFlushed { WorkerPool.shared.run(job, slices: slices) }
        XCTAssertEqual(Array(results), [Float](repeating: 0, count: slices))
        WorkerPool.shared.run(job, slices: slices)
        XCTAssertTrue(results.allSatisfy { $0 > 0 }, "workers return to IEEE subnormals with an IEEE caller: \(Array(results))")
    }
}

/// Each slice halves the smallest normal Float: zero when subnormals are flushed.
private struct HalvingJob: SliceJob {
    let results: UnsafeMutablePointer<Float>

    func run(slice: Int, of slices: Int) {
        results[slice] = halvedSmallestNormal()
    }
}

/// Half the smallest normal Float, computed at run time (not folded by the compiler).
@inline(never)
private func halvedSmallestNormal() -> Float {
    opaque(Float.leastNormalMagnitude) * opaque(0.5)
}

/// Half the smallest normal Double, computed at run time.
@inline(never)
private func halvedSmallestNormalDouble() -> Double {
    opaque(Double.leastNormalMagnitude) * opaque(0.5)
}

@inline(never)
private func opaque<T>(_ value: T) -> T { value }
