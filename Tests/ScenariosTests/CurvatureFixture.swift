import Foundation

/// Fixtures/curvature.json, written by tools/make_curvature_fixtures.py: eta and the spectrum of
/// P^1/2 H P^1/2 computed from torch's (and the official Adam-mini's) optimizer state.
struct CurvatureFixture: Decodable {
    struct QuadraticProblem: Decodable {
        let hessian: [[Double]]
        let minimum: [Double]
        let start: [Double]
        let blockSizes: [Int]
    }

    /// A hyperparameter as the fixture writes it.
    enum Value: Decodable {
        case flag(Bool)
        case real(Double)
        case pair([Double])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let real = try? container.decode(Double.self) {
                self = .real(real)
            } else {
                self = .pair(try container.decode([Double].self))
            }
        }

        /// The value as TOML.
        var toml: String {
            switch self {
            case .flag(let b): "\(b)"
            case .real(let x): "\(x)"
            case .pair(let xs): "[\(xs.map { "\($0)" }.joined(separator: ", "))]"
            }
        }
    }

    struct Schedule: Decodable {
        let schedule: String
        let stepSize: Int
        let gamma: Double
    }

    struct Case: Decodable {
        let id: String
        let optimizer: String
        let hyperparameters: [String: Value]
        let problem: String
        let steps: Int
        let start: [Double]?
        let finalPoint: [Double]
        let partition: String?
        let schedule: Schedule?
        let eta: [Double]
        let eigenvalues: [Double]
        let hessianEigenvalues: [Double]
        let lambdaMin: Double
        let lambdaMax: Double
        let condition: Double?
        /// nil for optimizers without one (fixed-length sign steps): descent's infinity.
        let threshold: Double?
    }

    let torch: String
    let quadratic: QuadraticProblem
    let cases: [Case]

    static func load() throws -> CurvatureFixture {
        guard let url = Bundle.module.url(forResource: "curvature", withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(CurvatureFixture.self, from: Data(contentsOf: url))
    }

    /// The scenario that runs `item` in descent: the same problem, start and settings.
    func scenarioText(for item: Case) -> String {
        func list(_ xs: [Double]) -> String { "[\(xs.map { "\($0)" }.joined(separator: ", "))]" }
        var problem: String
        if item.problem == "quadratic" {
            problem = """
                type = "quadratic"
                hessian = [\(quadratic.hessian.map(list).joined(separator: ", "))]
                blocks = [\(quadratic.blockSizes.map(String.init).joined(separator: ", "))]
                minimum = \(list(quadratic.minimum))
                start = \(list(quadratic.start))
                """
        } else {
            problem = "type = \"\(item.problem)\"\nstart = \(list(item.start ?? []))"
        }
        var optimizer = "type = \"\(item.optimizer)\"\n"
        for (name, value) in item.hyperparameters.sorted(by: { $0.key < $1.key }) {
            optimizer += "\(name) = \(value.toml)\n"
        }
        if let partition = item.partition { optimizer += "partition = \"\(partition)\"\n" }
        if let schedule = item.schedule {
            optimizer += "schedule = \"\(schedule.schedule)\"\nstep_size = \(schedule.stepSize)\ngamma = \(schedule.gamma)\n"
        }
        return "[problem]\n\(problem)\n\n[run]\nsteps = \(item.steps)\nprecision = \"double\"\n\n[[optimizer]]\n\(optimizer)"
    }
}
