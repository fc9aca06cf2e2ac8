/// Which standard surface a `Surface` is, with its parameters resolved.
enum SurfaceKind: Sendable, Equatable {
    case rosenbrock(a: Double, b: Double)
    case beale
    case himmelblau
    case rastrigin(amplitude: Double)
    case ackley
    case booth
    case matyas
    case goldsteinPrice
    case sixHumpCamel
    case threeHumpCamel
    case styblinskiTang
    case mccormick
    case saddle
    case monkeySaddle
    case ellipticBowl(l1: Double, l2: Double, cosine: Double, sine: Double)

    /// f(x, y) over any smooth scalar.
    @inline(__always)
    func evaluate<T: SmoothScalar>(_ x: T, _ y: T) -> T {
        switch self {
        case let .rosenbrock(a, b): SurfaceFormulas.rosenbrock(x, y, a: a, b: b)
        case .beale: SurfaceFormulas.beale(x, y)
        case .himmelblau: SurfaceFormulas.himmelblau(x, y)
        case let .rastrigin(amplitude): SurfaceFormulas.rastrigin(x, y, amplitude: amplitude)
        case .ackley: SurfaceFormulas.ackley(x, y)
        case .booth: SurfaceFormulas.booth(x, y)
        case .matyas: SurfaceFormulas.matyas(x, y)
        case .goldsteinPrice: SurfaceFormulas.goldsteinPrice(x, y)
        case .sixHumpCamel: SurfaceFormulas.sixHumpCamel(x, y)
        case .threeHumpCamel: SurfaceFormulas.threeHumpCamel(x, y)
        case .styblinskiTang: SurfaceFormulas.styblinskiTang(x, y)
        case .mccormick: SurfaceFormulas.mccormick(x, y)
        case .saddle: SurfaceFormulas.saddle(x, y)
        case .monkeySaddle: SurfaceFormulas.monkeySaddle(x, y)
        case let .ellipticBowl(l1, l2, cosine, sine):
            SurfaceFormulas.ellipticBowl(x, y, l1: l1, l2: l2, cosine: cosine, sine: sine)
        }
    }
}
