// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "descent",
    products: [
        .executable(name: "descent", targets: ["descent"]),
        // The optimizer core as a library: rules, the driver, the registry, partitions, schedules.
        .library(name: "OptimizerCore", targets: ["OptimizerCore"]),
        // Loss surfaces and quadratics with exact gradients and Hessians.
        .library(name: "Objectives", targets: ["Objectives"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // `swift package generate-documentation` for the libraries' DocC catalogs.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The floating-point control register (flushing subnormals), which Swift cannot reach.
        .target(name: "CFloatEnvironment"),
        // The optimizer core: parameter layouts, optimizers, partitions, schedules.
        .target(
            name: "OptimizerCore",
            dependencies: ["CFloatEnvironment", .product(name: "RealModule", package: "swift-numerics")],
            // On Linux, Float.squareRoot() goes through libm's sqrtf for errno's sake, which
            // blocks vectorisation of every kernel with a square root; sqrt stays IEEE-exact.
            // The step kernels are compute-bound at SSE2 width; descent is built where it runs,
            // so they use the build machine's vector width (no fused multiply-adds are formed:
            // results stay bit-identical to torch's operation order).
            swiftSettings: [.unsafeFlags(["-Xcc", "-fno-math-errno", "-target-cpu", "native"])]
        ),
        // Loss surfaces, formula surfaces and quadratics: value, gradient, Hessian.
        .target(name: "Objectives", dependencies: ["OptimizerCore"]),
        // Tiny networks trained on the same core.
        .target(
            name: "Networks",
            dependencies: ["OptimizerCore", "Objectives"],
            // The matrix products use the build machine's vector width, as the optimizer core does.
            swiftSettings: [.unsafeFlags(["-Xcc", "-fno-math-errno", "-target-cpu", "native"])]
        ),
        // TOML scenario files and the runs they describe.
        .target(
            name: "Scenarios",
            dependencies: ["OptimizerCore", "Objectives", "Networks", "TOMLKit"]
        ),
        // An in-memory cell grid and the widgets that draw into it.
        .target(name: "Rendering"),
        // ncurses, wide-character API, through a shim header.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // The only code that talks to ncurses.
        .target(name: "CursesBackend", dependencies: ["CNcurses", "Rendering"]),
        // App state, the pure update function and the screen composition.
        .target(
            name: "Visualizer",
            dependencies: ["OptimizerCore", "Objectives", "Networks", "Scenarios", "Rendering"]
        ),
        .executableTarget(
            name: "descent",
            dependencies: [
                "OptimizerCore", "Objectives", "Networks", "Scenarios", "Rendering",
                "CursesBackend", "Visualizer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "OptimizerCoreTests", dependencies: ["OptimizerCore", "Objectives"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ObjectivesTests", dependencies: ["Objectives"]),
        .testTarget(name: "NetworksTests", dependencies: ["Networks"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering"]),
        .testTarget(name: "VisualizerTests", dependencies: ["Visualizer"]),
        .testTarget(name: "DescentTests", dependencies: ["descent"]),
        .testTarget(name: "HardeningTests", dependencies: ["Scenarios", "Objectives", "OptimizerCore"], resources: [.copy("Corpus")]),
    ],
    swiftLanguageModes: [.v6]
)
