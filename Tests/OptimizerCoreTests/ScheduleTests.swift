import Foundation
import OptimizerCore
import XCTest

/// Learning-rate schedules against torch.optim.lr_scheduler.
final class ScheduleTests: XCTestCase {
    func testSchedulesMatchTorch() throws {
        let schedules = try Fixture.json("schedules")["schedules"] as! [[String: Any]]
        XCTAssertEqual(schedules.count, 3)
        for entry in schedules {
            let options = entry["options"] as! [String: Any]
            let base = entry.double("base_lr")
            let schedule: LearningRateSchedule
            switch entry.string("id") {
            case "step":
                schedule = .step(stepSize: options.int("step_size"), gamma: options.double("gamma"))
            case "cosine":
                schedule = .cosine(period: options.int("T_max"), minimum: options.double("eta_min"))
            default:
                schedule = .warmupCosine(warmup: options.int("warmup"), total: options.int("warmup") + options.int("T_max"),
                                         startFactor: options.double("start_factor"), minimum: options.double("eta_min"))
            }
            let expected = entry.doubles("lrs")
            XCTAssertGreaterThan(expected.count, 40)
            for (t, lr) in expected.enumerated() {
                XCTAssertEqual(schedule.learningRate(base: base, completedSteps: t), lr, accuracy: 1e-12 * max(lr, 1e-3),
                               "\(entry.string("id")) at t = \(t)")
            }
        }
    }

    func testCosineHoldsItsMinimumAfterThePeriod() {
        let schedule = LearningRateSchedule.cosine(period: 10, minimum: 0.01)
        XCTAssertEqual(schedule.learningRate(base: 1, completedSteps: 25), 0.01, accuracy: 1e-15)
    }
}
