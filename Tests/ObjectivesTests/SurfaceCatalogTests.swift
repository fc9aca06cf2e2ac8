import Foundation
import Objectives
import XCTest

final class SurfaceCatalogTests: XCTestCase {
    func testEveryNameBuildsTheSurfaceOfThatName() throws {
        XCTAssertEqual(Surface.names.count, 15)
        XCTAssertEqual(Surface.all.map(\.name), Surface.names)
        for name in Surface.names {
            let surface = try Surface.named(name)
            XCTAssertEqual(surface.name, name)
            XCTAssertFalse(surface.title.isEmpty)
            XCTAssertFalse(surface.summary.isEmpty)
            XCTAssertFalse(surface.summary.contains("\n"))
            XCTAssertEqual(surface.dimension, 2)
            XCTAssertEqual(surface.layout.tensors.map(\.name), ["xy"])
            XCTAssertEqual(surface.layout.tensors.map(\.shape), [[2]])
        }
    }

    func testStartsAndMinimaLieInTheViewBox() throws {
        for surface in Surface.all {
            for point in [surface.defaultStart] + surface.alternativeStarts + surface.minima {
                XCTAssertEqual(point.count, 2, surface.name)
                XCTAssertTrue(surface.viewBox.contains(x: point[0], y: point[1]), "\(surface.name) \(point)")
            }
        }
    }

    func testKnownMinimaHaveZeroGradientAndTheMinimumValue() throws {
        for surface in Surface.all {
            if surface.minima.isEmpty {
                XCTAssertNil(surface.minimumValue, surface.name)
                continue
            }
            let minimumValue = try XCTUnwrap(surface.minimumValue, surface.name)
            for point in surface.minima {
                let (value, gradient) = surface.valueAndGradient(at: point)
                assertClose(value, minimumValue, relative: 1e-12, absolute: 1e-13, "\(surface.name) \(point)")
                XCTAssertLessThan(abs(gradient[0]) + abs(gradient[1]), 1e-8, "\(surface.name) \(point)")
            }
        }
    }

    func testReferenceMinimaFromTheSpecification() throws {
        let cases: [(String, [Double], Double, Double)] = [
            ("rosenbrock", [1, 1], 0, 1e-12),
            ("beale", [3, 0.5], 0, 1e-12),
            ("himmelblau", [-2.805118, 3.131312], 0, 1e-9),
            ("goldstein-price", [0, -1], 3, 1e-12),
            ("six-hump-camel", [-0.0898, 0.7126], -1.0316, 1e-4),
            ("styblinski-tang", [-2.903534, -2.903534], -78.33233, 1e-5),
            ("mccormick", [-0.54719, -1.54719], -1.9133, 1e-4),
        ]
        for (name, point, expected, tolerance) in cases {
            let surface = try Surface.named(name)
            assertClose(surface.value(at: point), expected, relative: tolerance, absolute: tolerance, name)
        }
    }

    func testLargeRangeSurfacesPreferLogColour() throws {
        for name in ["rosenbrock", "beale", "goldstein-price"] {
            XCTAssertTrue(try Surface.named(name).prefersLogColour, name)
        }
        for name in ["saddle", "monkey-saddle", "elliptic-bowl", "rastrigin"] {
            XCTAssertFalse(try Surface.named(name).prefersLogColour, name)
        }
    }

    func testParametersHaveDefaultsAndOverrides() throws {
        XCTAssertEqual(try Surface.named("rosenbrock").parameters, ["a": 1, "b": 100])
        XCTAssertEqual(try Surface.named("rastrigin").parameters, ["A": 10])
        XCTAssertEqual(try Surface.named("elliptic-bowl").parameters, ["l1": 1, "l2": 10, "angle": 30])
        XCTAssertEqual(try Surface.named("himmelblau").parameters, [:])
        XCTAssertEqual(Surface.defaultParameters(for: "rosenbrock"), ["a": 1, "b": 100])

        let shifted = try Surface.named("rosenbrock", parameters: ["a": 2, "B": 5])
        XCTAssertEqual(shifted.parameters, ["a": 2, "b": 5])
        XCTAssertEqual(shifted.minima.count, 1)
        assertClose(shifted.minima[0][0], 2, relative: 0)
        assertClose(shifted.minima[0][1], 4, relative: 0)
        assertClose(shifted.value(at: [2, 4]), 0, relative: 0, absolute: 1e-15)
    }

    func testEllipticBowlHasTheRequestedAxesAndConditionNumber() throws {
        let bowl = try Surface.named("elliptic-bowl", parameters: ["l1": 2, "l2": 50, "angle": 30])
        let (values, vectors) = bowl.hessian(at: [0.3, -1]).symmetricEigen()
        assertClose(values[0], 2, relative: 1e-12)
        assertClose(values[1], 50, relative: 1e-12)
        // The l1 axis points 30 degrees above the x axis.
        let angle = atan2(vectors[1, 0], vectors[0, 0]) * 180 / Double.pi
        let folded = (angle + 360).truncatingRemainder(dividingBy: 180)
        assertClose(folded, 30, relative: 1e-10)
    }

    func testNamesForgiveCaseSpacesAndUnderscores() throws {
        XCTAssertEqual(try Surface.named("Six_Hump Camel").name, "six-hump-camel")
        XCTAssertEqual(try Surface.named(" ROSENBROCK ").name, "rosenbrock")
    }

    func testUnknownSurfaceSuggestsTheNearestName() {
        XCTAssertThrowsError(try Surface.named("rosenbrok")) { error in
            XCTAssertEqual(error as? SurfaceError, .unknownSurface(name: "rosenbrok", suggestion: "rosenbrock"))
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix("unknown surface 'rosenbrok'; did you mean 'rosenbrock'? valid surfaces: "))
            XCTAssertTrue(text.contains("goldstein-price"))
            XCTAssertTrue(text.contains("elliptic-bowl"))
        }
        XCTAssertThrowsError(try Surface.named("zzzzzzzzzzzzzzzz")) { error in
            XCTAssertEqual(error as? SurfaceError, .unknownSurface(name: "zzzzzzzzzzzzzzzz", suggestion: nil))
        }
    }

    func testUnknownParameterListsTheValidOnes() {
        XCTAssertThrowsError(try Surface.named("rosenbrock", parameters: ["bb": 1])) { error in
            XCTAssertEqual(
                String(describing: error),
                "surface 'rosenbrock' has no parameter 'bb'; did you mean 'b'? valid parameters: a, b"
            )
        }
        XCTAssertThrowsError(try Surface.named("booth", parameters: ["a": 1])) { error in
            XCTAssertEqual(String(describing: error), "surface 'booth' takes no parameters, got 'a'")
        }
    }

    func testInvalidParameterValuesSayWhatIsValid() {
        XCTAssertThrowsError(try Surface.named("rosenbrock", parameters: ["b": -1])) { error in
            XCTAssertEqual(
                String(describing: error),
                "parameter 'b' of surface 'rosenbrock' must be a finite number > 0, got -1.0"
            )
        }
        XCTAssertThrowsError(try Surface.named("rastrigin", parameters: ["A": -2])) { error in
            XCTAssertTrue(String(describing: error).contains("must be a finite number >= 0"))
        }
        XCTAssertThrowsError(try Surface.named("elliptic-bowl", parameters: ["angle": .nan])) { error in
            XCTAssertTrue(String(describing: error).contains("must be a finite number, got nan"))
        }
        XCTAssertThrowsError(try Surface.named("rosenbrock", parameters: ["a": .infinity]))
    }
}
