import OptimizerCore

/// `nn.Linear` as paired forward/backward kernels over row-major buffers: y = x W^T (+ b).
///
/// Weights are (out, in) like PyTorch, so every output element is the dot product of two
/// contiguous rows. The forward pass computes 2 x 4 output tiles with four-lane accumulators and
/// walks the weights in cache-sized chunks; rows are split across cores for large products.
enum Linear {
    /// Output rows of the weight processed together, sized so the chunk stays in L2.
    static let weightChunkBytes = 64 * 1024

    /// y[n, o] = sum_c x[n, c] * w[o, c] + b[o].
    ///
    /// - Parameters: x (rows, inputs), w (outputs, inputs), b (outputs) or nil; y (rows, outputs).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func forward<Scalar: OptimizerScalar>(
        _ y: UnsafeMutablePointer<Scalar>, _ x: UnsafePointer<Scalar>, _ w: UnsafePointer<Scalar>,
        _ b: UnsafePointer<Scalar>?, rows: Int, inputs: Int, outputs: Int
    ) {
        let ys = SharedPointer(y), xs = SharedPointer(x), ws = SharedPointer(w)
        let bs = b.map { SharedPointer($0) }
        let chunk = max(4, (weightChunkBytes / max(1, inputs * MemoryLayout<Scalar>.stride)) & ~3)
        ParallelLoop.rows(rows, work: rows * inputs * outputs) { range in
            var o0 = 0
            while o0 < outputs {
                let o1 = min(outputs, o0 + chunk)
                forwardTile(ys.base, xs.base, ws.base, bs?.base, rows: range, outputs: o0..<o1,
                            inputs: inputs, stride: outputs)
                o0 = o1
            }
        }
    }

    @inline(__always)
    private static func forwardTile<Scalar: OptimizerScalar>(
        _ y: UnsafeMutablePointer<Scalar>, _ x: UnsafeMutablePointer<Scalar>, _ w: UnsafeMutablePointer<Scalar>,
        _ b: UnsafeMutablePointer<Scalar>?, rows: Range<Int>, outputs: Range<Int>, inputs c: Int, stride: Int
    ) {
        let vectorEnd = c & ~3
        var n = rows.lowerBound
        while n + 1 < rows.upperBound {
            let x0 = UnsafePointer(x + n * c), x1 = UnsafePointer(x + (n + 1) * c)
            var o = outputs.lowerBound
            while o + 3 < outputs.upperBound {
                let w0 = UnsafePointer(w + o * c), w1 = w0 + c, w2 = w1 + c, w3 = w2 + c
                var a00 = SIMD4<Scalar>(), a01 = SIMD4<Scalar>(), a02 = SIMD4<Scalar>(), a03 = SIMD4<Scalar>()
                var a10 = SIMD4<Scalar>(), a11 = SIMD4<Scalar>(), a12 = SIMD4<Scalar>(), a13 = SIMD4<Scalar>()
                var i = 0
                while i < vectorEnd {
                    let u = Vector4.load(x0 + i), v = Vector4.load(x1 + i)
                    let k0 = Vector4.load(w0 + i), k1 = Vector4.load(w1 + i)
                    let k2 = Vector4.load(w2 + i), k3 = Vector4.load(w3 + i)
                    a00 += u * k0; a01 += u * k1; a02 += u * k2; a03 += u * k3
                    a10 += v * k0; a11 += v * k1; a12 += v * k2; a13 += v * k3
                    i += 4
                }
                var s00 = a00.sum(), s01 = a01.sum(), s02 = a02.sum(), s03 = a03.sum()
                var s10 = a10.sum(), s11 = a11.sum(), s12 = a12.sum(), s13 = a13.sum()
                while i < c {
                    let u = x0[i], v = x1[i]
                    s00 += u * w0[i]; s01 += u * w1[i]; s02 += u * w2[i]; s03 += u * w3[i]
                    s10 += v * w0[i]; s11 += v * w1[i]; s12 += v * w2[i]; s13 += v * w3[i]
                    i += 1
                }
                if let b {
                    s00 += b[o]; s01 += b[o + 1]; s02 += b[o + 2]; s03 += b[o + 3]
                    s10 += b[o]; s11 += b[o + 1]; s12 += b[o + 2]; s13 += b[o + 3]
                }
                let y0 = y + n * stride + o, y1 = y0 + stride
                y0[0] = s00; y0[1] = s01; y0[2] = s02; y0[3] = s03
                y1[0] = s10; y1[1] = s11; y1[2] = s12; y1[3] = s13
                o += 4
            }
            while o < outputs.upperBound {
                let wo = UnsafePointer(w + o * c)
                y[n * stride + o] = dot(x0, wo, c) + (b?[o] ?? 0)
                y[(n + 1) * stride + o] = dot(x1, wo, c) + (b?[o] ?? 0)
                o += 1
            }
            n += 2
        }
        if n < rows.upperBound {
            let xn = UnsafePointer(x + n * c)
            for o in outputs {
                y[n * stride + o] = dot(xn, UnsafePointer(w + o * c), c) + (b?[o] ?? 0)
            }
        }
    }

    /// Dot product of two contiguous vectors of length `count`.
    @inline(__always)
    static func dot<Scalar: OptimizerScalar>(_ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ count: Int) -> Scalar {
        var accumulator = SIMD4<Scalar>()
        var i = 0
        while i + 3 < count {
            accumulator += Vector4.load(a + i) * Vector4.load(b + i)
            i += 4
        }
        var sum = accumulator.sum()
        while i < count {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// Gradients of `forward`: dx (=, or += when `accumulateInput`) = dy W; dW += dy^T x; db += sum_n dy.
    ///
    /// - Parameters: dy (rows, outputs); x (rows, inputs); w (outputs, inputs); dx (rows, inputs)
    ///   or nil when the input needs no gradient; dw (outputs, inputs); db (outputs) or nil.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func backward<Scalar: OptimizerScalar>(
        dx: UnsafeMutablePointer<Scalar>?, dw: UnsafeMutablePointer<Scalar>, db: UnsafeMutablePointer<Scalar>?,
        dy: UnsafePointer<Scalar>, x: UnsafePointer<Scalar>, w: UnsafePointer<Scalar>,
        rows: Int, inputs: Int, outputs: Int, accumulateInput: Bool = false
    ) {
        let dys = SharedPointer(dy), xs = SharedPointer(x), ws = SharedPointer(w)
        let work = rows * inputs * outputs
        if let dx {
            let dxs = SharedPointer(dx)
            ParallelLoop.rows(rows, work: work) { range in
                for n in range {
                    let target = dxs.base + n * inputs
                    if !accumulateInput { target.initialize(repeating: 0, count: inputs) }
                    axpyRows(target, coefficients: dys.base + n * outputs, coefficientStride: 1,
                             rows: ws.base, count: outputs, width: inputs)
                }
            }
        }
        let dws = SharedPointer(dw)
        ParallelLoop.rows(outputs, work: work) { range in
            for o in range {
                axpyRows(dws.base + o * inputs, coefficients: dys.base + o, coefficientStride: outputs,
                         rows: xs.base, count: rows, width: inputs)
            }
        }
        if let db {
            for n in 0..<rows {
                let row = dy + n * outputs
                for o in 0..<outputs { db[o] += row[o] }
            }
        }
    }

    /// target[0..<width] += sum_k coefficients[k * stride] * rows[k * width ..< (k + 1) * width],
    /// four source rows per pass so the target row is loaded and stored once per four.
    @inline(__always)
    private static func axpyRows<Scalar: OptimizerScalar>(
        _ target: UnsafeMutablePointer<Scalar>, coefficients: UnsafeMutablePointer<Scalar>, coefficientStride s: Int,
        rows: UnsafeMutablePointer<Scalar>, count: Int, width: Int
    ) {
        let vectorEnd = width & ~3
        var k = 0
        while k + 3 < count {
            let c0 = coefficients[k * s], c1 = coefficients[(k + 1) * s]
            let c2 = coefficients[(k + 2) * s], c3 = coefficients[(k + 3) * s]
            let r0 = UnsafePointer(rows + k * width), r1 = r0 + width, r2 = r1 + width, r3 = r2 + width
            var i = 0
            while i < vectorEnd {
                var t = Vector4.load(UnsafePointer(target + i))
                t += c0 * Vector4.load(r0 + i) + c1 * Vector4.load(r1 + i)
                t += c2 * Vector4.load(r2 + i) + c3 * Vector4.load(r3 + i)
                Vector4.store(t, target + i)
                i += 4
            }
            while i < width {
                target[i] += c0 * r0[i] + c1 * r1[i] + c2 * r2[i] + c3 * r3[i]
                i += 1
            }
            k += 4
        }
        while k < count {
            let c0 = coefficients[k * s]
            let r0 = rows + k * width
            for i in 0..<width { target[i] += c0 * r0[i] }
            k += 1
        }
    }
}
