using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Places;

/// <summary>One feature of the cell model: its name (the code a reason carries; the web layer words it per language).</summary>
public sealed record CellFeature(string Name);

/// <summary>
/// The cell model's features at an origin date, from the incidents strictly before it (issue 10 §3): decayed counts
/// (time constants 1, 4, 13, 52 weeks), near-repeat exposure within the Knox extent, neighbours' counts, distances to
/// open spots, businesses and the key route, the commune's level and trend, the calendar (month, days to Tết), and
/// the days since the cell's last incident, quartic densities of the last year (150 and 400 m), and the expected
/// triggered incidents in the horizon under the fitted self-exciting parameters (<see cref="EtasScorer.TriggeredMass"/>),
/// and the open businesses and register spots within 250 m. The context part comes from <see cref="Static"/>, built from
/// the context known at the origin (<see cref="CellScoringInput.ContextOn"/>). A row is one cell; values are floats for ML.NET.
/// </summary>
public static class CellFeatures
{
    public const double DistanceCapM = 5000;
    private static readonly double[] DecayDays = [7, 28, 91, 364];

    public static IReadOnlyList<CellFeature> All { get; } =
    [
        new("decay_1w"),
        new("decay_4w"),
        new("decay_13w"),
        new("decay_52w"),
        new("near_repeat"),
        new("ring1_4w"),
        new("ring1_52w"),
        new("ring2_52w"),
        new("open_spot_m"),
        new("business_m"),
        new("route_m"),
        new("commune_13w"),
        new("commune_trend"),
        new("month"),
        new("days_to_tet"),
        new("days_since_last"),
        new("kde_150_52w"),
        new("kde_400_52w"),
        new("near_repeat_etas"),
        new("kde_200_104w"),
        new("businesses_250m"),
        new("open_spots_250m"),
    ];

    public static int Count => All.Count;

    /// <summary>
    /// The context's part of the features (distances to open spots, businesses and the route; quartic-weighted counts of
    /// open businesses and spots within 250 m) for the context known at one origin.
    /// </summary>
    public sealed record Static(double[] OpenSpot, double[] Business, double[] Route)
    {
        public double[] BusinessesNear { get; init; } = [];
        public double[] SpotsNear { get; init; } = [];
    }

    public static Static StaticOf(CellRaster raster, IReadOnlyList<GridCell> cells, PlaceContext context)
    {
        var centroids = cells.Select(c => (c.X, c.Y)).ToArray();
        // quartic weights scaled so a business on the centroid counts 1 and one 250 m away 0
        var businesses = QuarticKernelDensity.Evaluate(context.Businesses, centroids, NearM);
        var spots = QuarticKernelDensity.Evaluate(context.OpenSpots, centroids, NearM);
        double atCentre = QuarticKernelDensity.Evaluate([(0.0, 0.0)], [(0.0, 0.0)], NearM)[0];
        return new Static(
            raster.NearestDistance(cells, context.OpenSpots, DistanceCapM),
            raster.NearestDistance(cells, context.Businesses, DistanceCapM),
            raster.NearestDistance(cells, context.RouteVertices, DistanceCapM))
        {
            BusinessesNear = businesses.Select(v => v / atCentre).ToArray(),
            SpotsNear = spots.Select(v => v / atCentre).ToArray(),
        };
    }

    /// <summary>Radius of the businesses and spots counted "beside" a cell.</summary>
    public const double NearM = 250;

    /// <summary>
    /// Feature rows [cell][feature] at <paramref name="origin"/> from <paramref name="sorted"/> (history sorted by date; only
    /// events before the origin are read). <paramref name="nearRepeat"/> is the Knox extent (metres, days).
    /// </summary>
    public static float[][] At(CellRaster raster, IReadOnlyList<GridCell> cells, IReadOnlyList<PlaceEvent> sorted, DateOnly origin,
        (double DistanceM, int Days) nearRepeat, Static context, EtasParameters? etas = null, int horizonDays = 7)
    {
        var trigger = etas ?? new EtasParameters(0.3, 1 / 7.0, 100, 0, 0);
        int n = cells.Count, o = origin.DayNumber;
        var decay = new double[DecayDays.Length][];
        for (int k = 0; k < decay.Length; k++) decay[k] = new double[n];
        var nearRepeatCount = new double[n];
        var lastDay = new int[n];
        Array.Fill(lastDay, int.MinValue);
        var unitIndex = new Dictionary<int, int>();
        var cellUnit = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (!unitIndex.TryGetValue(cells[i].UnitId, out var u)) unitIndex[cells[i].UnitId] = u = unitIndex.Count;
            cellUnit[i] = u;
        }
        var unitRecent = new double[unitIndex.Count];
        var unitBefore = new double[unitIndex.Count];
        var unitCells = new double[unitIndex.Count];
        for (int i = 0; i < n; i++) unitCells[cellUnit[i]] += cells[i].AreaShare;

        int reach = (int)Math.Ceiling(nearRepeat.DistanceM / raster.SizeM) + 1;
        double nr2 = nearRepeat.DistanceM * nearRepeat.DistanceM;
        int horizonStart = o - 5 * 364;
        foreach (var e in sorted)
        {
            int d = e.Date.DayNumber;
            if (d >= o) break;
            if (d < horizonStart) continue;
            int age = o - d;
            int i = raster.CellOf(e.X, e.Y);
            if (i >= 0)
            {
                for (int k = 0; k < DecayDays.Length; k++) decay[k][i] += Math.Exp(-age / DecayDays[k]);
                if (d > lastDay[i]) lastDay[i] = d;
                if (age <= 91) unitRecent[cellUnit[i]]++;
                else if (age <= 364) unitBefore[cellUnit[i]]++;
            }
            if (age > nearRepeat.Days) continue;
            var (pc, pr) = raster.Locate(e.X, e.Y);
            for (int r = pr - reach; r <= pr + reach; r++)
                for (int c = pc - reach; c <= pc + reach; c++)
                {
                    int j = raster.At(c, r);
                    if (j < 0) continue;
                    double dx = cells[j].X - e.X, dy = cells[j].Y - e.Y;
                    if (dx * dx + dy * dy <= nr2) nearRepeatCount[j]++;
                }
        }
        var yearPoints = sorted.Where(e => e.Date.DayNumber >= o - 365 && e.Date.DayNumber < o).Select(e => (e.X, e.Y)).ToArray();
        var centroids = cells.Select(c => (c.X, c.Y)).ToArray();
        double area = raster.SizeM * raster.SizeM;
        var kde150 = QuarticKernelDensity.Evaluate(yearPoints, centroids, 150);
        var kde400 = QuarticKernelDensity.Evaluate(yearPoints, centroids, 400);
        var twoYears = sorted.Where(e => e.Date.DayNumber >= o - 730 && e.Date.DayNumber < o).Select(e => (e.X, e.Y)).ToArray();
        double years = Math.Max(1, o - Math.Max(o - 730, sorted.Count > 0 ? sorted[0].Date.DayNumber : o)) / 365.0;
        var kde200 = QuarticKernelDensity.Evaluate(twoYears, centroids, 200);
        var triggered = EtasScorer.TriggeredMass(cells, raster, sorted.Where(e => e.Date.DayNumber >= o - 180 && e.Date.DayNumber < o),
            o, horizonDays, trigger.Theta, trigger.Omega, trigger.SigmaM);
        var ring1Short = raster.RingSum(decay[1], 1, 1);
        var ring1Long = raster.RingSum(decay[3], 1, 1);
        var ring2Long = raster.RingSum(decay[3], 2, 2);
        float month = origin.Month;
        float tet = TetCalendar.DaysToNearest(origin) is int t ? Math.Clamp(t, -183, 183) : 183;

        var rows = new float[n][];
        for (int i = 0; i < n; i++)
        {
            int u = cellUnit[i];
            double perCell = unitRecent[u] / Math.Max(unitCells[u], 1);
            double trend = Math.Log((unitRecent[u] + 1) / (unitBefore[u] / 3 + 1));
            rows[i] =
            [
                (float)decay[0][i], (float)decay[1][i], (float)decay[2][i], (float)decay[3][i],
                (float)nearRepeatCount[i], (float)ring1Short[i], (float)ring1Long[i], (float)ring2Long[i],
                (float)context.OpenSpot[i], (float)context.Business[i], (float)context.Route[i],
                (float)perCell, (float)trend, month, tet,
                lastDay[i] == int.MinValue ? 5 * 364 : Math.Min(5 * 364, o - lastDay[i]),
                (float)(kde150[i] * area), (float)(kde400[i] * area), (float)triggered[i], (float)(kde200[i] * area / years),
                (float)(context.BusinessesNear.Length > 0 ? context.BusinessesNear[i] : 0), (float)(context.SpotsNear.Length > 0 ? context.SpotsNear[i] : 0),
            ];
        }
        return rows;
    }
}
