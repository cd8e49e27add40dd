using DiaBan.Analytics.Spatial;
using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Statistics;

/// <summary>KDE settings: null search radius = ArcGIS default rule; null cell size = shorter extent side / 250; null extent = the points' envelope.</summary>
public sealed record KernelDensityOptions(double? SearchRadius = null, double? CellSize = null, Envelope? Extent = null);

/// <summary>
/// Quartic kernel density for incident points (ArcGIS Kernel Density; Silverman 1986 eq. 4.5):
/// f(s) = Σ_i c_i·3/(π h²)·(1 − d²/h²)² for d &lt; h, per square metre, on planar points (metres) only.
/// Default h (ArcGIS since 10.2.1): 0.9·min(SD, √(1/ln 2)·Dm)·n^(−0.2), SD the standard distance and Dm the median
/// distance to the mean centre, both weighted when weights are given, n = Σ weights (else the point count).
/// </summary>
public static class KernelDensity
{
    /// <summary>The quartic (biweight) kernel K_h(d); integrates to 1 over the plane.</summary>
    public static double Quartic(double distance, double radius)
    {
        if (distance >= radius) return 0;
        var u = 1 - distance * distance / (radius * radius);
        return 3 / (Math.PI * radius * radius) * u * u;
    }

    /// <summary>ArcGIS default search radius for the points (metres).</summary>
    public static double DefaultSearchRadius(PlanarPoints points, IReadOnlyList<double>? weights = null)
    {
        var c = CheckedWeights(points, weights);
        var total = c.Sum();
        double meanX = 0, meanY = 0;
        for (var i = 0; i < points.Count; i++)
        {
            meanX += c[i] * points.X[i];
            meanY += c[i] * points.Y[i];
        }
        meanX /= total;
        meanY /= total;
        var distances = new (double Distance, double Weight)[points.Count];
        double squares = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var d = Math.Sqrt(Square(points.X[i] - meanX) + Square(points.Y[i] - meanY));
            distances[i] = (d, c[i]);
            squares += c[i] * d * d;
        }
        var standardDistance = Math.Sqrt(squares / total);
        var median = WeightedMedian(distances, total);
        var n = weights is null ? points.Count : total;
        var radius = 0.9 * Math.Min(standardDistance, Math.Sqrt(1 / Math.Log(2)) * median) * Math.Pow(n, -0.2);
        if (!(radius > 0)) throw new ArgumentException("The points are too concentrated for the default search radius; give one explicitly.", nameof(points));
        return radius;
    }

    public static DensityGrid Estimate(PlanarPoints points, IReadOnlyList<double>? weights = null, KernelDensityOptions? options = null)
    {
        options ??= new KernelDensityOptions();
        var c = CheckedWeights(points, weights);
        var radius = options.SearchRadius ?? DefaultSearchRadius(points, weights);
        if (!(radius > 0) || double.IsInfinity(radius)) throw new ArgumentOutOfRangeException(nameof(options), "Search radius must be a positive distance in metres.");
        var extent = options.Extent?.Copy() ?? Envelope(points);
        if (extent.Width == 0 || extent.Height == 0) extent.ExpandBy(radius);
        var cell = options.CellSize ?? Math.Min(extent.Width, extent.Height) / 250;
        if (!(cell > 0) || double.IsInfinity(cell)) throw new ArgumentOutOfRangeException(nameof(options), "Cell size must be a positive distance in metres.");
        var columns = Math.Max(1, (int)Math.Ceiling(extent.Width / cell));
        var rows = Math.Max(1, (int)Math.Ceiling(extent.Height / cell));
        if ((long)columns * rows > 100_000_000) throw new ArgumentException($"A {columns} × {rows} grid is too large; use a larger cell size.", nameof(options));

        var byY = Enumerable.Range(0, points.Count).OrderBy(i => points.Y[i]).ThenBy(i => i).ToArray();
        var ys = byY.Select(i => points.Y[i]).ToArray();
        var xs = points.X.ToArray();
        var values = new double[columns * rows];
        Parallel.For(0, rows, row =>
        {
            var centreY = extent.MinY + (row + 0.5) * cell;
            var first = LowerBound(ys, centreY - radius);
            for (var k = first; k < ys.Length && ys[k] < centreY + radius; k++)
            {
                var i = byY[k];
                var dy = ys[k] - centreY;
                var from = Math.Max(0, (int)Math.Ceiling((xs[i] - radius - extent.MinX) / cell - 0.5));
                var to = Math.Min(columns - 1, (int)Math.Floor((xs[i] + radius - extent.MinX) / cell - 0.5));
                for (var column = from; column <= to; column++)
                {
                    var dx = extent.MinX + (column + 0.5) * cell - xs[i];
                    values[row * columns + column] += c[i] * Quartic(Math.Sqrt(dx * dx + dy * dy), radius);
                }
            }
        });
        return new DensityGrid(extent.MinX, extent.MinY, cell, columns, rows, values, radius, points.Projection);
    }

    private static double[] CheckedWeights(PlanarPoints points, IReadOnlyList<double>? weights)
    {
        if (points.Count == 0) throw new ArgumentException("No points.", nameof(points));
        if (weights is null) return Enumerable.Repeat(1.0, points.Count).ToArray();
        if (weights.Count != points.Count) throw new ArgumentException("One weight per point is required.", nameof(weights));
        if (weights.Any(w => !(w >= 0) || double.IsInfinity(w))) throw new ArgumentException("Weights must be finite and non-negative.", nameof(weights));
        if (!(weights.Sum() > 0)) throw new ArgumentException("The weights sum to zero.", nameof(weights));
        return weights.ToArray();
    }

    // Smallest distance whose cumulative weight reaches half the total; the midpoint when it lands exactly on half (the usual median for unit weights).
    private static double WeightedMedian((double Distance, double Weight)[] items, double total)
    {
        var sorted = items.OrderBy(d => d.Distance).ToArray();
        double cumulative = 0;
        for (var k = 0; k < sorted.Length; k++)
        {
            cumulative += sorted[k].Weight;
            if (cumulative > total / 2) return sorted[k].Distance;
            if (cumulative == total / 2) return k + 1 < sorted.Length ? (sorted[k].Distance + sorted[k + 1].Distance) / 2 : sorted[k].Distance;
        }
        return sorted[^1].Distance;
    }

    private static Envelope Envelope(PlanarPoints points)
    {
        var envelope = new Envelope();
        for (var i = 0; i < points.Count; i++) envelope.ExpandToInclude(points.X[i], points.Y[i]);
        return envelope;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static double Square(double v) => v * v;
}
