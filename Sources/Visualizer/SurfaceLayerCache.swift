import Rendering

/// The heatmap and contour layer of the surface panel, kept between frames.
///
/// Sampling the surface is the expensive part of a frame; it only changes on pan, zoom, resize or
/// a new colour mode, so frames in which only paths move reuse the cached cells.
public final class SurfaceLayerCache: @unchecked Sendable {
    private struct Key: Equatable {
        var viewport: Viewport
        var width: Int
        var height: Int
        var mode: ColorMode
    }

    private var key: Key?
    private var layer = Canvas(width: 0, height: 0)
    /// The colour scale of the layer last computed (what the panel's colour bar labels).
    public private(set) var scale: ColorScale?
    /// How many times the layer was computed (for tests and the benchmark).
    public private(set) var recomputations = 0

    /// Creates an empty cache.
    public init() {}

    /// The layer for `plane` over `viewport` at `width` x `height` cells, computed if needed.
    public func layer(plane: SurfacePlane, viewport: Viewport, width: Int, height: Int, mode: ColorMode) -> Canvas {
        let wanted = Key(viewport: viewport, width: width, height: height, mode: mode)
        if wanted == key { return layer }
        (layer, scale) = Self.compute(plane: plane, viewport: viewport, width: width, height: height, mode: mode)
        key = wanted
        recomputations += 1
        return layer
    }

    /// Samples the surface at two pixels per cell, colours it and draws contour lines; also gives
    /// the colour scale used.
    public static func compute(plane: SurfacePlane, viewport: Viewport, width: Int, height: Int,
                               mode: ColorMode) -> (layer: Canvas, scale: ColorScale?) {
        var canvas = Canvas(width: max(0, width), height: max(0, height))
        guard width > 0, height > 0 else { return (canvas, nil) }
        let size = HeatmapWidget.pixelSize(for: canvas.bounds)
        let grid = ScalarGrid.sampling(viewport, columns: size.columns, rows: size.rows) { plane.value($0, $1) }
        let scale = ColorScale.fitting(grid.values, kind: plane.prefersLogColour ? .log : .linear)
        canvas.render(HeatmapWidget(grid: grid, scale: scale, mode: mode), in: canvas.bounds)
        if mode != .none {
            canvas.render(ContourOverlay(grid: grid, scale: scale, levels: 7, attributes: [.dim]), in: canvas.bounds)
        }
        return (canvas, scale)
    }
}
