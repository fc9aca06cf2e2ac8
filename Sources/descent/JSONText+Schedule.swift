import Foundation
import OptimizerCore

extension JSONText {
    /// A learning-rate schedule as JSON: its name and parameters, keyed as in scenario files.
    struct Schedule: Encodable {
        let schedule: LearningRateSchedule

        private enum Keys: String, CodingKey {
            case name, period, warmup, gamma
            case stepSize = "step_size", minLR = "min_lr", startFactor = "start_factor"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(schedule.name, forKey: .name)
            switch schedule {
            case .constant:
                break
            case let .step(stepSize, gamma):
                try container.encode(stepSize, forKey: .stepSize)
                try container.encode(gamma, forKey: .gamma)
            case let .cosine(period, minimum):
                try container.encode(period, forKey: .period)
                try container.encode(minimum, forKey: .minLR)
            case let .warmupCosine(warmup, total, startFactor, minimum):
                try container.encode(warmup, forKey: .warmup)
                // `period` as scenario files name it: the whole schedule, warmup included.
                try container.encode(total, forKey: .period)
                try container.encode(startFactor, forKey: .startFactor)
                try container.encode(minimum, forKey: .minLR)
            }
        }
    }

    /// `schedule` as a JSON object, e.g. `{"min_lr":0,"name":"cosine","period":200}`.
    static func schedule(_ schedule: LearningRateSchedule) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings and finite numbers cannot fail.
        return String(decoding: try! encoder.encode(Schedule(schedule: schedule)), as: UTF8.self)
    }
}
