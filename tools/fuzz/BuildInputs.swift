import Foundation

// Prints what linking a fuzz entry point against the package's modules needs, read from the build
// itself so that a new target or dependency cannot break the link step:
//
//   build-inputs BIN_PATH MODULE...
//
// BIN_PATH is `swift build --show-bin-path` after the modules were built; MODULE... are the
// modules the entry point imports. Reads BIN_PATH/description.json (every target's dependency
// closure and its Swift compile arguments) and the llbuild manifest beside BIN_PATH (the objects
// and libraries of each product's link), and prints one line per item, tab-separated:
//
//   flag <argument>       search paths and module maps for compiling the entry point
//   object <path>         an object file of a module in the imports' dependency closure
//   library <-lname>      a library the product links
//
// Exits 1 with a message when the build holds no such module.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("build-inputs: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: build-inputs BIN_PATH MODULE...") }
let bin = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let imports = Array(arguments.dropFirst(2))

guard let descriptionData = try? Data(contentsOf: bin.appendingPathComponent("description.json")),
      let description = try? JSONSerialization.jsonObject(with: descriptionData) as? [String: Any],
      let dependencyMap = description["targetDependencyMap"] as? [String: [String]],
      let swiftCommands = description["swiftCommands"] as? [String: [String: Any]] else {
    fail("\(bin.path)/description.json is missing or unreadable; build the modules first")
}

let roots = imports.filter { dependencyMap[$0] != nil }
guard !roots.isEmpty else { fail("none of \(imports.joined(separator: ", ")) is a target of this package") }
let closure = Set(roots + roots.flatMap { dependencyMap[$0]! })

// Compile flags: where the roots' Swift modules are, and what their compile passed to clang.
var flags: [String] = []
for root in roots {
    guard let command = swiftCommands.first(where: { !$0.key.contains("-tool.") && ($0.value["moduleName"] as? String) == root })?.value else {
        fail("the build has no Swift compile command for \(root)")
    }
    if let importPath = command["importPath"] as? String { flags += ["-I", importPath] }
    // Every `-Xcc X` pair: the C modules' module maps and include paths, as the root saw them.
    let other = command["otherArguments"] as? [String] ?? []
    for index in other.indices.dropLast() where other[index] == "-Xcc" && (index == 0 || other[index - 1] != "-Xcc") {
        flags += ["-Xcc", other[index + 1]]
    }
}

// Objects and libraries: from the first product link whose inputs hold objects of every root.
// The manifest, CONFIGURATION.yaml, is in the scratch folder, one or two levels above BIN_PATH.
let manifests = [bin.deletingLastPathComponent(), bin.deletingLastPathComponent().deletingLastPathComponent()]
    .map { $0.appendingPathComponent(bin.lastPathComponent + ".yaml") }
guard let manifestText = manifests.lazy.compactMap({ try? String(contentsOf: $0, encoding: .utf8) }).first else {
    fail("\(manifests[0].path) is missing; build the modules first")
}
func jsonList(after key: String, in line: Substring) -> [String]? {
    let trimmed = line.drop { $0 == " " }
    guard trimmed.hasPrefix(key + ": [") else { return nil }
    return try? JSONSerialization.jsonObject(with: Data(trimmed.dropFirst(key.count + 2).utf8)) as? [String]
}
func module(of object: String) -> String? {
    let parts = object.split(separator: "/")
    return parts.last(where: { $0.hasSuffix(".build") }).map { String($0.dropLast(".build".count)) }
}
var objects: [String] = []
var libraries: [String] = []
var inputs: [String] = []
for line in manifestText.split(separator: "\n") {
    if let list = jsonList(after: "inputs", in: line) {
        inputs = list
    } else if let args = jsonList(after: "args", in: line), args.contains("-emit-executable") {
        let modules = Set(inputs.compactMap(module(of:)))
        guard roots.allSatisfy(modules.contains) else { continue }
        // X.swiftmodule.o only wraps a module's AST for the debugger and is built with products.
        objects = inputs.filter {
            $0.hasSuffix(".o") && !$0.hasSuffix(".swiftmodule.o") && module(of: $0).map(closure.contains) == true
        }
        libraries = args.filter { $0.hasPrefix("-l") }
        break
    }
}
guard !objects.isEmpty else { fail("no product of the build links \(roots.joined(separator: ", "))") }

for flag in flags { print("flag\t\(flag)") }
for object in objects { print("object\t\(object)") }
for library in libraries { print("library\t\(library)") }
