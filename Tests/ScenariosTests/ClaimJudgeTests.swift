import Scenarios
import XCTest

/// Judging is a pure function of the claims and a run's history.
final class ClaimJudgeTests: XCTestCase {
    /// Two racers over steps 0...4: `a` falls 1, 0.1, ..., `b` falls more slowly; `c` diverges at step 3.
    private func history(through last: Int = 4) -> RunHistory {
        var history = RunHistory(labels: ["a", "b", "c"])
        for step in 0...last {
            history.sample(0, step: step, value: pow(10, -Double(step)))
            history.observe(0, step: step, gap: pow(10, -Double(step)), divergedAt: nil)
            history.sample(1, step: step, value: 1 / Double(step + 1))
            history.observe(1, step: step, gap: 1 / Double(step + 1), divergedAt: nil)
            let diverged = step >= 3 ? 3 : nil
            if diverged == nil { history.sample(2, step: step, value: 2 * pow(10, 4 * Double(step))) }
            history.observe(2, step: step, gap: diverged == nil ? 2 * pow(10, 4 * Double(step)) : .nan, divergedAt: diverged)
        }
        return history
    }

    private func verdict(_ test: Claim.Test, _ optimizer: String = "a", step: Int = 4, history: RunHistory? = nil) -> ClaimVerdict {
        ClaimJudge.judge(Claim(optimizer: optimizer, step: step, test: test), history: history ?? self.history())
    }

    func testBelowAndAbove() {
        XCTAssertEqual(verdict(.below(1e-3)).holds, true)
        XCTAssertEqual(verdict(.below(1e-5)).holds, false)
        XCTAssertEqual(verdict(.below(1e-3)).valuesText, "(a 1.00e-4)")
        XCTAssertEqual(verdict(.above(0.1), "b").holds, true)
        XCTAssertEqual(verdict(.above(0.5), "b").holds, false)
        // A diverged loss is unbounded: above anything, below nothing.
        XCTAssertEqual(verdict(.below(1e300), "c").holds, false)
        XCTAssertEqual(verdict(.above(1e300), "c").holds, true)
        XCTAssertEqual(verdict(.above(1e300), "c").valuesText, "(c diverged at step 3)")
    }

    func testBeats() {
        let v = verdict(.beats("b"))
        XCTAssertEqual(v.holds, true)
        XCTAssertEqual(v.valuesText, "(a 1.00e-4, b 2.00e-1)")
        XCTAssertEqual(verdict(.beats("a"), "b").holds, false)
        // A diverged optimizer never beats anything, and anything finite beats it.
        XCTAssertEqual(verdict(.beats("a"), "c").holds, false)
        XCTAssertEqual(verdict(.beats("c"), "b").holds, true)
        // Before c diverged it was simply worse.
        XCTAssertEqual(verdict(.beats("c"), "b", step: 1).holds, true)
    }

    func testBeatsByAFactor() {
        // At step 4, a = 1e-4 and b = 0.2: a is 2000 times lower.
        XCTAssertEqual(verdict(.beats("b", by: 1000)).holds, true)
        XCTAssertEqual(verdict(.beats("b", by: 3000)).holds, false)
        XCTAssertEqual(verdict(.beats("b", by: 3000)).valuesText, "(a 1.00e-4, b 2.00e-1)")
        // A factor below 1 allows the claimed optimizer to be worse, by less than 1 / factor.
        XCTAssertEqual(verdict(.beats("a", by: 1e-4), "b").holds, true)
        XCTAssertEqual(verdict(.beats("a", by: 1e-3), "b").holds, false)
        // An extreme factor neither overflows nor makes a diverged optimizer win.
        XCTAssertEqual(verdict(.beats("b", by: 1e308)).holds, false)
        XCTAssertEqual(verdict(.beats("b", by: 1e-308)).holds, true)
        XCTAssertEqual(verdict(.beats("a", by: 1e-300), "c").holds, false)
        XCTAssertEqual(verdict(.beats("c", by: 1e300), "b").holds, true)
    }

    func testDivergesCountsRunningAwayBeforeNonFiniteValues() {
        // c's gap grows 1e4 per step: diverging from step 1, diverged at 3.
        XCTAssertEqual(verdict(.diverges(true), "c", step: 1).holds, true)
        XCTAssertEqual(verdict(.diverges(true), "c", step: 1).valuesText, "(c diverging from step 1 at 2.00e+4)")
        XCTAssertEqual(verdict(.diverges(true), "c", step: 0).holds, false)
        XCTAssertEqual(verdict(.diverges(true), "c").valuesText, "(c diverged at step 3)")
        XCTAssertEqual(verdict(.diverges(false), "a").holds, true)
        XCTAssertEqual(verdict(.diverges(false), "c").holds, false)
    }

    func testReaches() {
        let hit = verdict(.reaches(2e-2, within: 4), step: 4)
        XCTAssertEqual(hit.holds, true)
        XCTAssertEqual(hit.valuesText, "(a 1.00e-2 at step 2)")
        let miss = verdict(.reaches(0.1, within: 4), "b", step: 4)
        XCTAssertEqual(miss.holds, false)
        XCTAssertEqual(miss.valuesText, "(b 2.00e-1 at step 4)")
        // Reaching the bound settles it before the run gets to `within`.
        XCTAssertEqual(verdict(.reaches(2e-2, within: 4), step: 4, history: history(through: 2)).holds, true)
        XCTAssertNil(verdict(.reaches(1e-6, within: 4), step: 4, history: history(through: 2)).holds)
    }

    func testPendingUntilTheRunReachesTheStep() {
        let early = history(through: 2)
        XCTAssertNil(verdict(.below(1.0), history: early).holds)
        XCTAssertTrue(verdict(.below(1.0), history: early).measurements.isEmpty)
        XCTAssertNil(verdict(.beats("b"), history: early).holds)
        // Diverging before the step settles `diverges` early.
        XCTAssertEqual(verdict(.diverges(true), "c", history: early).holds, true)
    }

    func testHistoryTruncatesAndResets() {
        var h = history()
        h.truncate(after: 2)
        XCTAssertEqual(h.lastStep, 2)
        XCTAssertNil(h.track("c")?.divergedAt)
        XCTAssertEqual(h.track("c")?.runawayFrom, 1)
        XCTAssertNil(h.track("a")?.value(at: 3))
        h.reset(0)
        XCTAssertTrue(h.track("a")?.samples.isEmpty ?? false)
    }

    func testDivergenceStatus() throws {
        XCTAssertEqual(DivergenceStatus.classify(startGap: 1, gap: 999, divergedAt: nil), .healthy)
        XCTAssertEqual(DivergenceStatus.classify(startGap: 1, gap: 1001, divergedAt: nil), .diverging)
        XCTAssertEqual(DivergenceStatus.classify(startGap: 1, gap: .infinity, divergedAt: nil), .diverging)
        XCTAssertEqual(DivergenceStatus.classify(startGap: 1, gap: 1, divergedAt: 7), .diverged(at: 7))
        XCTAssertEqual(DivergenceStatus.diverged(at: 7).text, "diverged at step 7")
        // This target sees only Scenarios, so the view box comes from a parsed file.
        let text = "[problem]\ntype = \"expression\"\nf = \"x^2 + y^2\"\nview = { x = [0.0, 1.0], y = [0.0, 1.0] }\n[[optimizer]]\ntype = \"gd\"\n"
        let view = try ScenarioLoader.parse(text: text, file: "unit.toml").problem.view
        XCTAssertEqual(DivergenceStatus.classify(startGap: 1, gap: 1, point: [0.5, 999], view: view, divergedAt: nil), .healthy)
        XCTAssertEqual(DivergenceStatus.classify(startGap: 1, gap: 1, point: [0.5, 1002], view: view, divergedAt: nil), .diverging)
        XCTAssertEqual(DivergenceStatus.classify(startGap: 0, gap: 5, divergedAt: nil), .healthy)
    }

    func testClaimNumbers() {
        XCTAssertEqual(ClaimNumber.text(5.3149e-3), "5.31e-3")
        XCTAssertEqual(ClaimNumber.text(9.996), "1.00e+1")
        XCTAssertEqual(ClaimNumber.text(-27.04), "-2.70e+1")
        XCTAssertEqual(ClaimNumber.text(0), "0")
        XCTAssertEqual(ClaimNumber.text(.infinity), "inf")
        XCTAssertEqual(ClaimNumber.bound(1e-4), "1e-4")
        XCTAssertEqual(ClaimNumber.bound(0.05), "0.05")
        XCTAssertEqual(ClaimNumber.bound(2.5e6), "2.5e+6")
        XCTAssertEqual(ClaimNumber.bound(12.9), "12.9")
    }
}
