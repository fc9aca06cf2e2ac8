@testable import Networks
import OptimizerCore
import XCTest

/// Every kernel's backward pass against central differences of its forward pass, in Double.
final class LayerGradientTests: XCTestCase {
    func testLinearWithBiasOddSizes() {
        // Sizes that are not multiples of the 2 x 4 tile or the four-lane vectors exercise every tail.
        let (rows, inputs, outputs) = (5, 7, 6)
        let x = GradientCheck.random(rows * inputs, seed: 1)
        let w = GradientCheck.random(outputs * inputs, seed: 2)
        let b = GradientCheck.random(outputs, seed: 3)
        let r = GradientCheck.random(rows * outputs, seed: 4)
        func forward(_ x: [Double], _ w: [Double], _ b: [Double]) -> [Double] {
            var y = [Double](repeating: 0, count: rows * outputs)
            Linear.forward(&y, x, w, b, rows: rows, inputs: inputs, outputs: outputs)
            return y
        }
        // Reference product, written the slow way.
        let y = forward(x, w, b)
        for n in 0..<rows {
            for o in 0..<outputs {
                let expected = (0..<inputs).reduce(b[o]) { $0 + x[n * inputs + $1] * w[o * inputs + $1] }
                XCTAssertEqual(y[n * outputs + o], expected, accuracy: 1e-12)
            }
        }
        var dx = [Double](repeating: 0, count: x.count), dw = [Double](repeating: 0, count: w.count)
        var db = [Double](repeating: 0, count: b.count)
        var scratch = [Double](repeating: 0, count: Linear.scratchCount(rows: rows, inputs: inputs, outputs: outputs))
        Linear.backward(dx: &dx, dw: &dw, db: &db, dy: r, x: x, w: w, rows: rows, inputs: inputs, outputs: outputs, scratch: &scratch)
        GradientCheck.assertClose(dx, GradientCheck.numeric({ GradientCheck.project(forward($0, w, b), r) }, at: x), "dx")
        GradientCheck.assertClose(dw, GradientCheck.numeric({ GradientCheck.project(forward(x, $0, b), r) }, at: w), "dw")
        GradientCheck.assertClose(db, GradientCheck.numeric({ GradientCheck.project(forward(x, w, $0), r) }, at: b), "db")
    }

    func testLinearLargeEnoughToRunInParallel() {
        let (rows, inputs, outputs) = (66, 35, 41)
        let x = GradientCheck.random(rows * inputs, seed: 5)
        let w = GradientCheck.random(outputs * inputs, seed: 6)
        let r = GradientCheck.random(rows * outputs, seed: 7)
        var y = [Double](repeating: 0, count: rows * outputs)
        Linear.forward(&y, x, w, nil, rows: rows, inputs: inputs, outputs: outputs)
        var dx = [Double](repeating: 1, count: x.count), dw = [Double](repeating: 0, count: w.count)
        var scratch = [Double](repeating: 0, count: Linear.scratchCount(rows: rows, inputs: inputs, outputs: outputs))
        Linear.backward(dx: &dx, dw: &dw, db: nil, dy: r, x: x, w: w, rows: rows, inputs: inputs, outputs: outputs,
                        scratch: &scratch, accumulateInput: true)
        for n in [0, 31, 65] {
            for o in [0, 20, 40] {
                let expected = (0..<inputs).reduce(0.0) { $0 + x[n * inputs + $1] * w[o * inputs + $1] }
                XCTAssertEqual(y[n * outputs + o], expected, accuracy: 1e-10)
            }
            for c in [0, 17, 34] {
                let expected = 1 + (0..<outputs).reduce(0.0) { $0 + r[n * outputs + $1] * w[$1 * inputs + c] }
                XCTAssertEqual(dx[n * inputs + c], expected, accuracy: 1e-10, "accumulated dx")
            }
        }
        for o in [0, 40] {
            for c in [0, 34] {
                let expected = (0..<rows).reduce(0.0) { $0 + r[$1 * outputs + o] * x[$1 * inputs + c] }
                XCTAssertEqual(dw[o * inputs + c], expected, accuracy: 1e-10)
            }
        }
    }

    func testRMSNorm() {
        let (rows, width) = (3, 6)
        let x = GradientCheck.random(rows * width, seed: 8)
        let w = GradientCheck.random(width, seed: 9)
        let r = GradientCheck.random(rows * width, seed: 10)
        func forward(_ x: [Double], _ w: [Double]) -> ([Double], [Double]) {
            var y = [Double](repeating: 0, count: x.count), rstd = [Double](repeating: 0, count: rows)
            RMSNorm.forward(&y, rstd: &rstd, x, w, rows: rows, width: width, eps: 1e-5)
            return (y, rstd)
        }
        let rstd = forward(x, w).1
        var dx = [Double](repeating: 0, count: x.count), dw = [Double](repeating: 0, count: width)
        RMSNorm.backward(dx: &dx, dw: &dw, dy: r, x: x, w: w, rstd: rstd, rows: rows, width: width)
        GradientCheck.assertClose(dx, GradientCheck.numeric({ GradientCheck.project(forward($0, w).0, r) }, at: x), "dx")
        GradientCheck.assertClose(dw, GradientCheck.numeric({ GradientCheck.project(forward(x, $0).0, r) }, at: w), "dw")
    }

    func testRotaryEmbedding() {
        let (rows, context, heads, headSize) = (6, 3, 2, 4)
        let rope = RotaryEmbedding<Double>(context: context, headSize: headSize, base: 10_000)
        let x = GradientCheck.random(rows * heads * headSize, seed: 11)
        let r = GradientCheck.random(x.count, seed: 12)
        func forward(_ x: [Double]) -> [Double] {
            var y = x
            rope.apply(&y, rows: rows, context: context, heads: heads, inverse: false)
            return y
        }
        var dx = r
        rope.apply(&dx, rows: rows, context: context, heads: heads, inverse: true)
        GradientCheck.assertClose(dx, GradientCheck.numeric({ GradientCheck.project(forward($0), r) }, at: x), "dx")
        // Position 0 does not turn.
        let y = forward(x)
        for i in 0..<(heads * headSize) { XCTAssertEqual(y[i], x[i], accuracy: 1e-15) }
    }

    func testGroupedQueryCausalAttention() {
        let attention = CausalSelfAttention(batch: 2, context: 4, heads: 4, kvHeads: 2, headSize: 3)
        let rows = 2 * 4
        let q = GradientCheck.random(rows * 4 * 3, seed: 13)
        let k = GradientCheck.random(rows * 2 * 3, seed: 14)
        let v = GradientCheck.random(rows * 2 * 3, seed: 15)
        let r = GradientCheck.random(q.count, seed: 16)
        var att = [Double](repeating: 0, count: 2 * 4 * 4 * 4)
        func forward(_ q: [Double], _ k: [Double], _ v: [Double]) -> [Double] {
            var y = [Double](repeating: 0, count: q.count)
            attention.forward(y: &y, att: &att, q: q, k: k, v: v)
            return y
        }
        _ = forward(q, k, v)
        // Causality: a row's probabilities vanish beyond its position and sum to 1.
        for row in 0..<(2 * 4 * 4) {
            let t = row % 4
            XCTAssertEqual(att[(row * 4)..<(row * 4 + t + 1)].reduce(0, +), 1, accuracy: 1e-12)
            for t2 in (t + 1)..<4 { XCTAssertEqual(att[row * 4 + t2], 0) }
        }
        let saved = att
        var dq = [Double](repeating: 9, count: q.count), dk = [Double](repeating: 9, count: k.count)
        var dv = [Double](repeating: 9, count: v.count), scratch = [Double](repeating: 0, count: rows)
        attention.backward(dq: &dq, dk: &dk, dv: &dv, scratch: &scratch, dy: r, att: saved, q: q, k: k, v: v)
        GradientCheck.assertClose(dq, GradientCheck.numeric({ GradientCheck.project(forward($0, k, v), r) }, at: q), "dq")
        GradientCheck.assertClose(dk, GradientCheck.numeric({ GradientCheck.project(forward(q, $0, v), r) }, at: k), "dk")
        GradientCheck.assertClose(dv, GradientCheck.numeric({ GradientCheck.project(forward(q, k, $0), r) }, at: v), "dv")
    }

    func testSwiGLU() {
        let gate = GradientCheck.random(10, seed: 17, scale: 2)
        let up = GradientCheck.random(10, seed: 18)
        let r = GradientCheck.random(10, seed: 19)
        func forward(_ gate: [Double], _ up: [Double]) -> [Double] {
            var a = [Double](repeating: 0, count: 10)
            SwiGLU.forward(&a, gate: gate, up: up, count: 10)
            return a
        }
        var dgate = [Double](repeating: 0, count: 10), dup = [Double](repeating: 0, count: 10)
        SwiGLU.backward(dgate: &dgate, dup: &dup, da: r, gate: gate, up: up, count: 10)
        GradientCheck.assertClose(dgate, GradientCheck.numeric({ GradientCheck.project(forward($0, up), r) }, at: gate), "dgate")
        GradientCheck.assertClose(dup, GradientCheck.numeric({ GradientCheck.project(forward(gate, $0), r) }, at: up), "dup")
    }

    func testActivations() {
        // Away from ReLU's kink so central differences are valid there.
        let x = GradientCheck.random(12, seed: 20, scale: 1.5).map { abs($0) < 0.01 ? 0.5 : $0 }
        let r = GradientCheck.random(12, seed: 21)
        for activation in Activation.allCases {
            func forward(_ x: [Double]) -> [Double] {
                var y = [Double](repeating: 0, count: x.count)
                activation.forward(&y, x, count: x.count)
                return y
            }
            var dx = [Double](repeating: 0, count: 12)
            activation.backward(&dx, dy: r, x: x, count: 12)
            GradientCheck.assertClose(dx, GradientCheck.numeric({ GradientCheck.project(forward($0), r) }, at: x),
                                      activation.rawValue)
        }
        var y = [0.0]
        Activation.gelu.forward(&y, [1.0], count: 1)
        XCTAssertEqual(y[0], 0.8413447460685429, accuracy: 1e-12, "torch.nn.functional.gelu(1.0)")
    }

    func testEmbeddingAndCrossEntropy() {
        let (vocabulary, width) = (5, 3)
        let table = GradientCheck.random(vocabulary * width, seed: 22)
        let tokens: [Int32] = [4, 1, 4, 0]
        let targets: [Int32] = [2, -1, 0, 4]
        let projection = GradientCheck.random(width * vocabulary, seed: 23)
        // loss = cross_entropy(embed(tokens) @ projection^T... kept as a product of the two kernels.
        func loss(_ table: [Double]) -> Double {
            var x = [Double](repeating: 0, count: 4 * width)
            Embedding.forward(&x, table: table, tokens: tokens, rows: 4, width: width)
            var logits = [Double](repeating: 0, count: 4 * vocabulary)
            Linear.forward(&logits, x, projection, nil, rows: 4, inputs: width, outputs: vocabulary)
            return SoftmaxCrossEntropy.evaluate(logits: &logits, targets: targets, rows: 4, classes: vocabulary,
                                                gradient: false, normaliser: 3).meanLoss
        }
        var x = [Double](repeating: 0, count: 4 * width)
        Embedding.forward(&x, table: table, tokens: tokens, rows: 4, width: width)
        var logits = [Double](repeating: 0, count: 4 * vocabulary)
        Linear.forward(&logits, x, projection, nil, rows: 4, inputs: width, outputs: vocabulary)
        let result = SoftmaxCrossEntropy.evaluate(logits: &logits, targets: targets, rows: 4, classes: vocabulary,
                                                  gradient: true, normaliser: 3)
        XCTAssertEqual(result.counted, 3)
        for j in 0..<vocabulary { XCTAssertEqual(logits[vocabulary + j], 0, "ignored row has no gradient") }
        var dx = [Double](repeating: 0, count: x.count), dp = [Double](repeating: 0, count: projection.count)
        var scratch = [Double](repeating: 0, count: Linear.scratchCount(rows: 4, inputs: width, outputs: vocabulary))
        Linear.backward(dx: &dx, dw: &dp, db: nil, dy: logits, x: x, w: projection, rows: 4, inputs: width, outputs: vocabulary,
                        scratch: &scratch)
        var dtable = [Double](repeating: 0, count: table.count)
        Embedding.backward(dtable: &dtable, dx: dx, tokens: tokens, rows: 4, width: width)
        GradientCheck.assertClose(dtable, GradientCheck.numeric(loss, at: table), "dtable")
    }
}
