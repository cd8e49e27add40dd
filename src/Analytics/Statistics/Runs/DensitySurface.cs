using DiaBan.Analytics.Spatial;
using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Statistics.Runs;

/// <summary>One grid cell of a density surface, as a lon/lat polygon for a web map.</summary>
/// <param name="DensityPerKm2">Kernel density at the cell centre per square kilometre.</param>
/// <param name="Expected">Density × cell area: the weighted count the cell holds.</param>
/// <param name="ShareOfMaximum">Density / the surface's maximum, 0…1 (for colour classes).</param>
public sealed record DensityCell(int Column, int Row, Polygon LonLat, double DensityPerKm2, double Expected, double ShareOfMaximum);

/// <summary>
/// KDE surfaces for the map and per-feature densities for the command line, on top of <see cref="KernelDensity"/>
/// (quartic kernel, ArcGIS default radius). Everything is in metres; lon/lat only goes in and comes out.
/// </summary>
public static class DensitySurface
{
    private const double SquareMetresPerKm2 = 1e6;

    /// <summary>
    /// The surface of lon/lat points over the extent of lon/lat <paramref name="area"/> (e.g. the province's communes),
    /// with at most <paramref name="maxColumns"/> columns or rows so the payload stays small (coarse grid; cell size
    /// barely changes a KDE map's accuracy, Chainey 2013 — the bandwidth does).
    /// </summary>
    public static DensityGrid Estimate(IReadOnlyList<Geometry> lonLatPoints, IReadOnlyList<Geometry> area, double? searchRadius = null, int maxColumns = 80)
    {
        if (lonLatPoints.Count < 2) throw new ArgumentException("A density surface needs at least 2 points.", nameof(lonLatPoints));
        var projection = LocalProjection.Around(area);
        var extent = new Envelope();
        foreach (var g in area) extent.ExpandToInclude(projection.Project(g).EnvelopeInternal);
        var points = PlanarPoints.FromGeographic(lonLatPoints, projection);
        var cellSize = Math.Max(extent.Width, extent.Height) / maxColumns;
        return KernelDensity.Estimate(points, null, new KernelDensityOptions(searchRadius, cellSize, extent));
    }

    /// <summary>Cells whose density is at least <paramref name="minimumShare"/> of the maximum, as lon/lat polygons.</summary>
    public static IEnumerable<DensityCell> Cells(DensityGrid grid, double minimumShare)
    {
        var projection = grid.Projection ?? throw new ArgumentException("The grid has no projection to place its cells on a web map.", nameof(grid));
        var maximum = grid.Maximum;
        if (!(maximum > 0)) yield break;
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        for (var row = 0; row < grid.Rows; row++)
        {
            for (var column = 0; column < grid.Columns; column++)
            {
                var density = grid[column, row];
                if (density / maximum < minimumShare) continue;
                var west = grid.MinX + column * grid.CellSize;
                var south = grid.MinY + row * grid.CellSize;
                var ring = new[] { (west, south), (west + grid.CellSize, south), (west + grid.CellSize, south + grid.CellSize), (west, south + grid.CellSize), (west, south) }
                    .Select(c => projection.Inverse(c.Item1, c.Item2)).ToArray();
                yield return new DensityCell(column, row, factory.CreatePolygon(ring), density * SquareMetresPerKm2, density * grid.CellArea, density / maximum);
            }
        }
    }

    /// <summary>
    /// Density per km² at each target (a point, or a polygon's centroid) from weighted sources, both already in metres:
    /// f(s) = Σ c_i·K_h(‖s − s_i‖) with the quartic kernel.
    /// </summary>
    public static double[] AtTargets(PlanarPoints sources, IReadOnlyList<double>? weights, PlanarPoints targets, double searchRadius)
    {
        if (weights is not null && weights.Count != sources.Count) throw new ArgumentException("One weight per source point is required.", nameof(weights));
        var result = new double[targets.Count];
        for (var t = 0; t < targets.Count; t++)
        {
            double sum = 0;
            for (var s = 0; s < sources.Count; s++)
            {
                var dx = targets.X[t] - sources.X[s];
                var dy = targets.Y[t] - sources.Y[s];
                sum += (weights?[s] ?? 1.0) * KernelDensity.Quartic(Math.Sqrt(dx * dx + dy * dy), searchRadius);
            }
            result[t] = sum * SquareMetresPerKm2;
        }
        return result;
    }
}
