import Objectives
import XCTest

final class SurfaceDerivativeTests: XCTestCase {
    func testEverySurfaceGradientAndHessianMatchFiniteDifferences() throws {
        for (index, name) in Surface.names.enumerated() {
            let surface = try Surface.named(name)
            for point in randomPoints(in: surface.viewBox, count: 40, seed: UInt64(index) + 1) {
                assertDerivativesMatchFiniteDifferences(of: surface, at: point, label: name)
            }
        }
    }

    func testParameterisedSurfacesMatchFiniteDifferences() throws {
        let variants: [(String, [String: Double])] = [
            ("rosenbrock", ["a": -0.5, "b": 3]),
            ("rastrigin", ["A": 2.5]),
            ("elliptic-bowl", ["l1": 0.3, "l2": 40, "angle": -75]),
        ]
        for (name, parameters) in variants {
            let surface = try Surface.named(name, parameters: parameters)
            for point in randomPoints(in: surface.viewBox, count: 20, seed: 99) {
                assertDerivativesMatchFiniteDifferences(of: surface, at: point, label: "\(name) \(parameters)")
            }
        }
    }

    func testObjectiveBufferInterfaceAgreesWithJet() throws {
        let surface = try Surface.named("beale")
        let point = [1.3, -0.7]
        let jet = surface.jet(x: point[0], y: point[1])
        let (value, gradient) = surface.valueAndGradient(at: point)
        assertClose(value, jet.value, relative: 1e-15)
        assertClose(surface.value(at: point), jet.value, relative: 1e-15)
        assertClose(gradient[0], jet.dx, relative: 1e-15)
        assertClose(gradient[1], jet.dy, relative: 1e-15)
        let hessian = surface.hessian(at: point)
        XCTAssertTrue(hessian.isSymmetric())
        assertClose(hessian[0, 0], jet.dxx, relative: 1e-15)
        assertClose(hessian[0, 1], jet.dxy, relative: 1e-15)
        assertClose(hessian[1, 1], jet.dyy, relative: 1e-15)
    }

    func testAckleyGradientIsDefinedAsZeroAtTheOrigin() throws {
        let ackley = try Surface.named("ackley")
        let jet = ackley.jet(x: 0, y: 0)
        XCTAssertEqual(jet.dx, 0, accuracy: 1e-15)
        XCTAssertEqual(jet.dy, 0, accuracy: 1e-15)
        // Only the smooth cosine term contributes: 2π²e on the diagonal.
        let expected = 2 * Double.pi * Double.pi * 2.718281828459045
        assertClose(jet.dxx, expected, relative: 1e-12)
        assertClose(jet.dyy, expected, relative: 1e-12)
        XCTAssertEqual(jet.dxy, 0, accuracy: 1e-15)
    }

    func testFarOutValuesDoNotTrap() throws {
        for name in Surface.names {
            let surface = try Surface.named(name)
            for point in [[1e200, -1e200], [Double.infinity, 0], [Double.nan, 1], [-1e300, 1e300]] {
                _ = surface.value(at: point)
                _ = surface.gradient(at: point)
                _ = surface.hessian(at: point)
            }
        }
        let saddle = try Surface.named("saddle")
        XCTAssertLessThan(saddle.value(at: [0, 1e10]), -1e19)
    }
}
