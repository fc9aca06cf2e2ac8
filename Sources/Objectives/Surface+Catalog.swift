import Foundation
import OptimizerCore

extension Surface {
    /// Every surface name `named(_:parameters:)` accepts, in presentation order.
    public static let names: [String] = [
        "rosenbrock", "beale", "himmelblau", "rastrigin", "ackley", "booth", "matyas",
        "goldstein-price", "six-hump-camel", "three-hump-camel", "styblinski-tang", "mccormick",
        "saddle", "monkey-saddle", "elliptic-bowl",
    ]

    /// Every surface with its default parameters.
    public static var all: [Surface] {
        names.compactMap { try? named($0) }
    }

    /// The surface called `name` (case, spaces and underscores are forgiven: "Six_Hump Camel"
    /// works), with `parameters` overriding its defaults.
    ///
    /// Parameters: rosenbrock `a` (default 1) and `b` (100, > 0); rastrigin `A` (10, >= 0);
    /// elliptic-bowl `l1` (1, > 0), `l2` (10, > 0) and `angle` in degrees (30). Parameter names
    /// are matched case-insensitively.
    public static func named(
        _ name: String,
        parameters: [String: Double] = [:]
    ) throws(SurfaceError) -> Surface {
        let key = canonicalName(name)
        guard names.contains(key) else {
            throw .unknownSurface(name: name, suggestion: NearestName.find(key, in: names))
        }
        let specs = parameterSpecs(for: key)
        var resolved: [String: Double] = [:]
        for spec in specs { resolved[spec.name] = spec.defaultValue }
        for (given, value) in parameters.sorted(by: { $0.key < $1.key }) {
            guard let spec = specs.first(where: { $0.name.lowercased() == given.lowercased() }) else {
                let valid = specs.map(\.name)
                throw .unknownParameter(
                    surface: key, parameter: given, valid: valid,
                    suggestion: NearestName.find(given, in: valid)
                )
            }
            guard spec.constraint.accepts(value) else {
                throw .invalidParameter(
                    surface: key, parameter: spec.name, value: value,
                    requirement: spec.constraint.requirement
                )
            }
            resolved[spec.name] = value
        }
        return build(key, resolved)
    }

    /// The names of the parameters a surface accepts with their defaults (empty if none or if
    /// the name is unknown).
    public static func defaultParameters(for name: String) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: parameterSpecs(for: canonicalName(name)).map {
            ($0.name, $0.defaultValue)
        })
    }

    static func canonicalName(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "_", with: "-")
            .replacingOccurrences(of: " ", with: "-")
    }

    static func parameterSpecs(for name: String) -> [SurfaceParameter] {
        switch name {
        case "rosenbrock":
            [
                SurfaceParameter(name: "a", defaultValue: 1, constraint: .finite),
                SurfaceParameter(name: "b", defaultValue: 100, constraint: .positive),
            ]
        case "rastrigin":
            [SurfaceParameter(name: "A", defaultValue: 10, constraint: .nonNegative)]
        case "elliptic-bowl":
            [
                SurfaceParameter(name: "l1", defaultValue: 1, constraint: .positive),
                SurfaceParameter(name: "l2", defaultValue: 10, constraint: .positive),
                SurfaceParameter(name: "angle", defaultValue: 30, constraint: .finite),
            ]
        default:
            []
        }
    }

    private static func build(_ name: String, _ p: [String: Double]) -> Surface {
        func surface(
            _ kind: SurfaceKind, title: String, summary: String, box: ViewBox, start: [Double],
            alternatives: [[Double]], minima: [[Double]], minimum: Double?, logColour: Bool = false
        ) -> Surface {
            Surface(
                name: name, title: title, summary: summary, viewBox: box, defaultStart: start,
                alternativeStarts: alternatives, minima: minima, minimumValue: minimum,
                prefersLogColour: logColour, parameters: p, kind: kind
            )
        }
        switch name {
        case "rosenbrock":
            let a = p["a"] ?? 1
            let b = p["b"] ?? 100
            return surface(
                .rosenbrock(a: a, b: b), title: "Rosenbrock's banana",
                summary: "A long curved valley: easy to reach, slow to follow to the minimum.",
                box: ViewBox(x: -2...2, y: -1...3), start: [-1.2, 1], alternatives: [[-2, 2]],
                minima: [[a, a * a]], minimum: 0, logColour: true
            )
        case "beale":
            return surface(
                .beale, title: "Beale",
                summary: "Flat plateaus and steep corners: a step size safe in one region explodes in another.",
                box: .square(halfWidth: 4.5), start: [1, 1.5], alternatives: [[3, 4]],
                minima: [[3, 0.5]], minimum: 0, logColour: true
            )
        case "himmelblau":
            return surface(
                .himmelblau, title: "Himmelblau",
                summary: "Four equally deep minima: where a run ends depends on where it starts.",
                box: .square(halfWidth: 5), start: [0, 0], alternatives: [[-4, 0], [0, -4], [4, 4]],
                minima: [
                    [3, 2], [-2.8051180869527449, 3.131312518250573],
                    [-3.7793102533777469, -3.2831859912861694], [3.5844283403304917, -1.8481265269644036],
                ],
                minimum: 0, logColour: true
            )
        case "rastrigin":
            return surface(
                .rastrigin(amplitude: p["A"] ?? 10), title: "Rastrigin",
                summary: "A bowl covered by a grid of local minima: plain gradient steps get trapped.",
                box: .square(halfWidth: 5.12), start: [-4.2, 3.6], alternatives: [[1.2, 0.8]],
                minima: [[0, 0]], minimum: 0
            )
        case "ackley":
            return surface(
                .ackley, title: "Ackley",
                summary: "A bumpy plateau around one deep funnel: far out, gradients say little.",
                box: .square(halfWidth: 5), start: [3.2, -2.4], alternatives: [[0.8, 0.6]],
                minima: [[0, 0]], minimum: 0
            )
        case "booth":
            return surface(
                .booth, title: "Booth",
                summary: "A tilted, mildly stretched bowl: everything converges, at different speeds.",
                box: .square(halfWidth: 10), start: [-8, 8], alternatives: [[8, -8]],
                minima: [[1, 3]], minimum: 0
            )
        case "matyas":
            return surface(
                .matyas, title: "Matyas",
                summary: "A flat diagonal valley: tiny gradients along it slow gradient descent down.",
                box: .square(halfWidth: 10), start: [8, -5], alternatives: [[-9, -9]],
                minima: [[0, 0]], minimum: 0
            )
        case "goldstein-price":
            return surface(
                .goldsteinPrice, title: "Goldstein-Price",
                summary: "Values across six decades and several local minima: scale-free steps shine.",
                box: .square(halfWidth: 2), start: [-1.5, 1.5], alternatives: [[1, 1]],
                minima: [[0, -1]], minimum: 3, logColour: true
            )
        case "six-hump-camel":
            return surface(
                .sixHumpCamel, title: "Six-hump camel",
                summary: "Six local minima, two of them global: the starting basin decides the answer.",
                box: ViewBox(x: -3...3, y: -2...2), start: [-1.5, 1], alternatives: [[2, -1], [-0.5, 1.5]],
                minima: [[0.089842013100318062, -0.71265640302073963], [-0.089842013100318062, 0.71265640302073963]],
                minimum: -1.0316284534898774
            )
        case "three-hump-camel":
            return surface(
                .threeHumpCamel, title: "Three-hump camel",
                summary: "A global minimum between two local ones: momentum can carry a run over the humps.",
                box: .square(halfWidth: 2), start: [1.8, 1.5], alternatives: [[-1.5, -1.8]],
                minima: [[0, 0]], minimum: 0
            )
        case "styblinski-tang":
            return surface(
                .styblinskiTang, title: "Styblinski-Tang",
                summary: "Four basins of different depth: the nearest minimum is rarely the deepest.",
                box: .square(halfWidth: 5), start: [4.5, 4], alternatives: [[-0.5, -0.5], [0.2, 4.5]],
                minima: [[-2.9035340277711771, -2.9035340277711771]], minimum: -78.332331407542831
            )
        case "mccormick":
            return surface(
                .mccormick, title: "McCormick",
                summary: "A gentle sinusoidal valley on a tilted plane: an easy, asymmetric warm-up.",
                box: ViewBox(x: -1.5...4, y: -3...4), start: [3.5, 3.5], alternatives: [[-1, 3]],
                minima: [[-0.54719755119659775, -1.5471975511965977]], minimum: -1.9132229549810364
            )
        case "saddle":
            return surface(
                .saddle, title: "Saddle",
                summary: "x^2 - y^2, unbounded below: on the ridge GD stalls at the saddle, just off it GD escapes.",
                box: .square(halfWidth: 2), start: [-1.8, 0.01], alternatives: [[-1.8, 0], [1.5, 1.5]],
                minima: [], minimum: nil
            )
        case "monkey-saddle":
            return surface(
                .monkeySaddle, title: "Monkey saddle",
                summary: "A critical point with zero Hessian and no minimum: vanishing gradients prove nothing.",
                box: .square(halfWidth: 2), start: [1.5, 0.5], alternatives: [[0.5, 1.5], [-1.5, 0.1]],
                minima: [], minimum: nil
            )
        default:
            let degrees = p["angle"] ?? 30
            let radians = degrees * Double.pi / 180
            return surface(
                .ellipticBowl(l1: p["l1"] ?? 1, l2: p["l2"] ?? 10, cosine: cos(radians), sine: sin(radians)),
                title: "Elliptic bowl",
                summary: "A rotated quadratic with condition number l2/l1: GD zig-zags across the narrow axis.",
                box: .square(halfWidth: 5), start: [-4, 3], alternatives: [[4, 4], [-4, -1]],
                minima: [[0, 0]], minimum: 0
            )
        }
    }
}
