namespace DiaBan.Analytics.Risk;

/// <summary>
/// Quartic (biweight) kernel density of points, evaluated at given locations. A local minimal version for the KDE
/// baseline; the statistics branch has the full KernelDensity. K_h(d) = 3/(π h²) · (1 − d²/h²)² for d &lt; h, else 0,
/// which integrates to 1 over the plane (Silverman 1986, Density Estimation, eq. 4.5 scaled by h).
/// </summary>
public static class QuarticKernelDensity
{
    /// <summary>Kernel value at squared distance <paramref name="d2"/> (m²) for bandwidth <paramref name="h"/> (m), per m².</summary>
    public static double Kernel(double d2, double h)
    {
        double h2 = h * h;
        if (d2 >= h2) return 0;
        double w = 1 - d2 / h2;
        return 3 / (Math.PI * h2) * w * w;
    }

    /// <summary>Σ_points K_h(‖location − point‖) at each location: expected points per m².</summary>
    public static double[] Evaluate(IReadOnlyList<(double X, double Y)> points, IReadOnlyList<(double X, double Y)> locations, double h) =>
        Evaluate(points.Select(p => (p.X, p.Y, 1.0)).ToArray(), locations, h);

    /// <summary>Σ_points w·K_h(‖location − point‖) at each location (points binned by bandwidth for speed).</summary>
    public static double[] Evaluate(IReadOnlyList<(double X, double Y, double Weight)> points, IReadOnlyList<(double X, double Y)> locations, double h)
    {
        if (h <= 0) throw new ArgumentOutOfRangeException(nameof(h));
        var bins = new Dictionary<(long, long), List<(double X, double Y, double Weight)>>();
        foreach (var p in points)
        {
            var key = ((long)Math.Floor(p.X / h), (long)Math.Floor(p.Y / h));
            if (!bins.TryGetValue(key, out var list)) bins[key] = list = [];
            list.Add(p);
        }
        var density = new double[locations.Count];
        for (int i = 0; i < locations.Count; i++)
        {
            var (x, y) = locations[i];
            long bx = (long)Math.Floor(x / h), by = (long)Math.Floor(y / h);
            double sum = 0;
            for (long dx = -1; dx <= 1; dx++)
                for (long dy = -1; dy <= 1; dy++)
                {
                    if (!bins.TryGetValue((bx + dx, by + dy), out var list)) continue;
                    foreach (var p in list) sum += p.Weight * Kernel((p.X - x) * (p.X - x) + (p.Y - y) * (p.Y - y), h);
                }
            density[i] = sum;
        }
        return density;
    }
}
