import Scenarios

extension JSONText {
    /// `{"step":…,"lambda_min":…,"lambda_max":…,"condition":…,"threshold":…}` for one optimizer's
    /// preconditioned curvature, `null` where there is none (no eta yet, or not finite); condition
    /// is null when lambda_min <= 0, threshold null when infinite.
    static func preconditioned(_ curvature: PreconditionedCurvature?) -> String {
        guard let curvature else { return "null" }
        return "{\"step\":\(curvature.step),\"lambda_min\":\(number(curvature.lambdaMin)),\"lambda_max\":\(number(curvature.lambdaMax))"
            + ",\"condition\":\(curvature.condition.map { number($0) } ?? "null"),\"threshold\":\(number(curvature.threshold))}"
    }
}
