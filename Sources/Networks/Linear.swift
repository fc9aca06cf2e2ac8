import OptimizerCore

/// `nn.Linear` as paired forward/backward kernels over row-major buffers: y = x W^T (+ b).
///
/// Weights are (out, in) like PyTorch, so every output element is the dot product of two
/// contiguous rows. The forward pass computes 2 x 4 output tiles with eight-lane accumulators and
/// walks the weights in cache-sized chunks; rows are split across cores for large products.
enum Linear {
    /// Output rows of the weight processed together, sized so the chunk stays in L2.
    static let weightChunkBytes = 64 * 1024

    /// y[n, o] (=, or += when `accumulate`) sum_c x[n, c] * w[o, c] + b[o].
    ///
    /// - Parameters: x (rows, inputs), w (outputs, inputs), b (outputs) or nil; y (rows, outputs).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func forward<Scalar: OptimizerScalar>(
        _ y: UnsafeMutablePointer<Scalar>, _ x: UnsafePointer<Scalar>, _ w: UnsafePointer<Scalar>,
        _ b: UnsafePointer<Scalar>?, rows: Int, inputs: Int, outputs: Int, accumulate: Bool = false
    ) {
        let ys = SharedPointer(y), xs = SharedPointer(x), ws = SharedPointer(w)
        let bs = b.map { SharedPointer($0) }
        let chunk = max(4, (weightChunkBytes / max(1, inputs * MemoryLayout<Scalar>.stride)) & ~3)
        Parallelism.forEachRange(rows, work: rows * inputs * outputs) { range in
            var o0 = 0
            while o0 < outputs {
                let o1 = min(outputs, o0 + chunk)
                forwardTile(ys.base, xs.base, ws.base, bs?.base, rows: range, outputs: o0..<o1,
                            inputs: inputs, stride: outputs, accumulate: accumulate)
                o0 = o1
            }
        }
    }

    @inline(__always)
    private static func forwardTile<Scalar: OptimizerScalar>(
        _ y: UnsafeMutablePointer<Scalar>, _ x: UnsafeMutablePointer<Scalar>, _ w: UnsafeMutablePointer<Scalar>,
        _ b: UnsafeMutablePointer<Scalar>?, rows: Range<Int>, outputs: Range<Int>, inputs c: Int, stride: Int,
        accumulate: Bool
    ) {
        let vectorEnd = c & ~7
        var n = rows.lowerBound
        while n + 1 < rows.upperBound {
            let x0 = UnsafePointer(x + n * c), x1 = UnsafePointer(x + (n + 1) * c)
            var o = outputs.lowerBound
            while o + 3 < outputs.upperBound {
                let w0 = UnsafePointer(w + o * c), w1 = w0 + c, w2 = w1 + c, w3 = w2 + c
                var a00 = SIMD8<Scalar>(), a01 = SIMD8<Scalar>(), a02 = SIMD8<Scalar>(), a03 = SIMD8<Scalar>()
                var a10 = SIMD8<Scalar>(), a11 = SIMD8<Scalar>(), a12 = SIMD8<Scalar>(), a13 = SIMD8<Scalar>()
                var i = 0
                while i < vectorEnd {
                    let u = Vector8.load(x0 + i), v = Vector8.load(x1 + i)
                    let k0 = Vector8.load(w0 + i), k1 = Vector8.load(w1 + i)
                    let k2 = Vector8.load(w2 + i), k3 = Vector8.load(w3 + i)
                    a00 += u * k0; a01 += u * k1; a02 += u * k2; a03 += u * k3
                    a10 += v * k0; a11 += v * k1; a12 += v * k2; a13 += v * k3
                    i += 8
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
                if accumulate {
                    y0[0] += s00; y0[1] += s01; y0[2] += s02; y0[3] += s03
                    y1[0] += s10; y1[1] += s11; y1[2] += s12; y1[3] += s13
                } else {
                    y0[0] = s00; y0[1] = s01; y0[2] = s02; y0[3] = s03
                    y1[0] = s10; y1[1] = s11; y1[2] = s12; y1[3] = s13
                }
                o += 4
            }
            while o < outputs.upperBound {
                let wo = UnsafePointer(w + o * c)
                let bias = b?[o] ?? 0
                let y0 = y + n * stride + o, y1 = y0 + stride
                y0.pointee = (accumulate ? y0.pointee : 0) + dot(x0, wo, c) + bias
                y1.pointee = (accumulate ? y1.pointee : 0) + dot(x1, wo, c) + bias
                o += 1
            }
            n += 2
        }
        if n < rows.upperBound {
            let xn = UnsafePointer(x + n * c)
            for o in outputs {
                let target = y + n * stride + o
                target.pointee = (accumulate ? target.pointee : 0) + dot(xn, UnsafePointer(w + o * c), c) + (b?[o] ?? 0)
            }
        }
    }

    /// Dot product of two contiguous vectors of length `count`.
    @inline(__always)
    static func dot<Scalar: OptimizerScalar>(_ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ count: Int) -> Scalar {
        var accumulator = SIMD8<Scalar>()
        var i = 0
        while i + 7 < count {
            accumulator += Vector8.load(a + i) * Vector8.load(b + i)
            i += 8
        }
        var sum = accumulator.sum()
        while i < count {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// Scratch scalars `backward` needs: room for W^T, or for dy^T and x^T.
    static func scratchCount(rows: Int, inputs: Int, outputs: Int) -> Int {
        max(inputs * outputs, rows * (inputs + outputs))
    }

    /// Gradients of `forward`: dx (=, or += when `accumulateInput`) = dy W; dW += dy^T x; db += sum_n dy.
    ///
    /// Both products run through the forward kernel on transposed copies (dx = dy (W^T)^T,
    /// dW = (dy^T)(x^T)^T): its register tiles load each operand once per 2 x 4 outputs, where
    /// row-by-row axpy updates would reload and store the target for every source row. The copies
    /// cost O(rows * (inputs + outputs)), small next to the O(rows * inputs * outputs) products.
    ///
    /// - Parameters: dy (rows, outputs); x (rows, inputs); w (outputs, inputs); dx (rows, inputs)
    ///   or nil when the input needs no gradient; dw (outputs, inputs); db (outputs) or nil;
    ///   scratch of `scratchCount` scalars.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func backward<Scalar: OptimizerScalar>(
        dx: UnsafeMutablePointer<Scalar>?, dw: UnsafeMutablePointer<Scalar>, db: UnsafeMutablePointer<Scalar>?,
        dy: UnsafePointer<Scalar>, x: UnsafePointer<Scalar>, w: UnsafePointer<Scalar>,
        rows: Int, inputs: Int, outputs: Int, scratch: UnsafeMutablePointer<Scalar>, accumulateInput: Bool = false
    ) {
        if let dx {
            // W^T: (inputs, outputs).
            transpose(scratch, w, rows: outputs, columns: inputs)
            forward(dx, dy, scratch, nil, rows: rows, inputs: outputs, outputs: inputs, accumulate: accumulateInput)
        }
        // dy^T: (outputs, rows) and x^T: (inputs, rows).
        let dyT = scratch, xT = scratch + outputs * rows
        transpose(dyT, dy, rows: rows, columns: outputs)
        transpose(xT, x, rows: rows, columns: inputs)
        forward(dw, dyT, xT, nil, rows: outputs, inputs: rows, outputs: inputs, accumulate: true)
        if let db {
            for o in 0..<outputs {
                let row = dyT + o * rows
                var sum: Scalar = 0
                for n in 0..<rows { sum += row[n] }
                db[o] += sum
            }
        }
    }

    /// target (columns, rows) = source (rows, columns)^T, split across cores by bands of rows.
    private static func transpose<Scalar>(_ target: UnsafeMutablePointer<Scalar>, _ source: UnsafePointer<Scalar>, rows: Int, columns: Int) {
        // Blocks of 16 x 16 keep both the rows read and the rows written in cache.
        let tile = 16
        let targets = SharedPointer(target), sources = SharedPointer(source)
        let bands = (rows + tile - 1) / tile
        // A copy is cheaper than a multiply-add: count it at a quarter when deciding to split.
        Parallelism.forEachRange(bands, work: rows * columns / 4) { range in
            for band in range {
                let r0 = band * tile, r1 = min(rows, r0 + tile)
                var c0 = 0
                while c0 < columns {
                    let c1 = min(columns, c0 + tile)
                    for r in r0..<r1 {
                        for c in c0..<c1 { targets.base[c * rows + r] = sources.base[r * columns + c] }
                    }
                    c0 = c1
                }
            }
        }
    }
}
