using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;

namespace DiaBan.Demo.Simulation;

/// <summary>
/// A synthetic province with a known latent offence rate per commune and quarter. Log rate = static part (urban
/// field, population, business density, nearness to a key route, spatially smoothed noise) + a per-commune drift
/// + an AR(1) part with spatially smoothed innovations. True offences are Poisson given the rate; whether police
/// learn of each depends on reporting and on patrol exposure, fixed by pre-drawn uniforms so that observing the same
/// world under different patrol plans uses common random numbers (<see cref="Observe"/>).
/// </summary>
public sealed class SyntheticWorld
{
    private static readonly (IncidentKind Kind, double Share)[] OffenceMix =
        [(IncidentKind.Arrest, 0.40), (IncidentKind.Seizure, 0.15), (IncidentKind.UseSite, 0.22), (IncidentKind.DealingSite, 0.13), (IncidentKind.PlantSite, 0.10)];

    private readonly List<TrueIncident> _incidents = [];

    private SyntheticWorld(SyntheticPanelOptions options) => Options = options;

    public SyntheticPanelOptions Options { get; }

    public int UnitCount => Options.Units;

    public int QuarterCount => Options.Quarters;

    public IReadOnlyList<int> Quarters { get; private set; } = [];

    public (double X, double Y)[] Centroids { get; private set; } = [];

    public double[] AreaKm2 { get; private set; } = [];

    public double[] Population { get; private set; } = [];

    public double[] Businesses { get; private set; } = [];

    public double[] RouteDistanceM { get; private set; } = [];

    public int[][] Neighbours { get; private set; } = [];

    /// <summary>Synthetic district of each commune (blocks of the grid), for the fairness report.</summary>
    public string[] DistrictIds { get; private set; } = [];

    /// <summary>True expected offences [unit, quarter]: the latent risk the model should recover.</summary>
    public double[,] TrueRate { get; private set; } = new double[0, 0];

    /// <summary>Patrol-days the world uses when none are given: more in urban communes, independent of risk otherwise.</summary>
    public double[,] DefaultPatrolDays { get; private set; } = new double[0, 0];

    public static SyntheticWorld Create(SyntheticPanelOptions? options = null)
    {
        var world = new SyntheticWorld(options ?? new SyntheticPanelOptions());
        world.Build();
        return world;
    }

    /// <summary>What police would have recorded under the given patrol-days [unit, quarter] (default <see cref="DefaultPatrolDays"/>).</summary>
    public SyntheticPanel Observe(double[,]? patrolDays = null) => SyntheticObservation.Observe(this, patrolDays ?? DefaultPatrolDays);

    internal IReadOnlyList<TrueIncident> Incidents => _incidents;

    private void Build()
    {
        var o = Options;
        var random = new SimulationRandom(o.Seed);
        int n = o.Units, q = o.Quarters, side = (int)Math.Ceiling(Math.Sqrt(n));
        double cell = o.CellKm * 1000;
        int first = new CalendarQuarter(o.FirstYear, 1).Ordinal;
        Quarters = Enumerable.Range(first, q).ToArray();

        Centroids = new (double, double)[n];
        for (int i = 0; i < n; i++)
            Centroids[i] = ((i % side + 0.5 + 0.5 * (random.Uniform() - 0.5)) * cell, (i / side + 0.5 + 0.5 * (random.Uniform() - 0.5)) * cell);
        Neighbours = GridQueen(n, side);
        int districtsPerRow = (side + o.DistrictCells - 1) / o.DistrictCells;
        DistrictIds = Enumerable.Range(0, n)
            .Select(i => $"D{(i / side) / o.DistrictCells * districtsPerRow + (i % side) / o.DistrictCells + 1:00}").ToArray();

        AreaKm2 = Enumerable.Range(0, n).Select(_ => o.CellKm * o.CellKm * Math.Exp(0.45 * random.Normal())).ToArray();
        // Urban field: smooth noise plus city peaks, clamped so that no commune becomes an implausible megacity.
        var urban = Standardise(Add(Standardise(Smooth(Noise(random, n), 3)), CityBumps(random, n, side))).Select(v => Math.Clamp(v, -3, 3)).ToArray();
        Population = Enumerable.Range(0, n).Select(i => 6000 * Math.Exp(0.7 * urban[i] + 0.3 * random.Normal())).ToArray();
        Businesses = Enumerable.Range(0, n).Select(i => (double)random.Poisson(Population[i] / 1000 * 0.6 * Math.Exp(0.4 * urban[i]))).ToArray();
        RouteDistanceM = RouteDistances(random, n, side * cell);

        var businessDensity = Standardise(Enumerable.Range(0, n).Select(i => Businesses[i] / Population[i]).ToArray());
        var hidden = Standardise(Smooth(Noise(random, n), 2));
        var drift = Smooth(Noise(random, n), 1).Select(v => 0.03 * v).ToArray();
        var staticPart = Enumerable.Range(0, n).Select(i => o.CovariateEffect * (0.45 * urban[i] + 0.35 * Math.Log(Population[i] / 6000)
            + 0.5 * Math.Exp(-RouteDistanceM[i] / 5000) + 0.2 * businessDensity[i]) + o.HiddenSd * hidden[i]).ToArray();

        var logRate = new double[n, q];
        var dynamic = Noise(random, n).Select(v => v * o.DynamicSd).ToArray();
        double innovation = Math.Sqrt(1 - o.Persistence * o.Persistence) * o.DynamicSd;
        for (int t = 0; t < q; t++)
        {
            if (t > 0)
            {
                var shock = Standardise(Smooth(Noise(random, n), 1));
                for (int i = 0; i < n; i++) dynamic[i] = o.Persistence * dynamic[i] + innovation * shock[i];
            }
            for (int i = 0; i < n; i++) logRate[i, t] = staticPart[i] + dynamic[i] + drift[i] * (t - q / 2.0);
        }
        double mean = 0;
        foreach (double v in logRate) mean += Math.Exp(v);
        double scale = o.MeanRate / (mean / (n * q));
        TrueRate = new double[n, q];
        DefaultPatrolDays = new double[n, q];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < q; t++)
            {
                TrueRate[i, t] = scale * Math.Exp(logRate[i, t]);
                DefaultPatrolDays[i, t] = o.MeanPatrolDays * Math.Exp(0.4 * urban[i] + 0.3 * random.Normal() - 0.125);
            }
        DrawIncidents(random);
    }

    private void DrawIncidents(SimulationRandom random)
    {
        for (int i = 0; i < UnitCount; i++)
        {
            double spread = 300 * Math.Sqrt(AreaKm2[i]); // metres; points stay mostly inside the commune
            for (int t = 0; t < QuarterCount; t++)
            {
                double rate = TrueRate[i, t];
                int offences = random.Poisson(rate);
                for (int k = 0; k < offences; k++)
                    _incidents.Add(new TrueIncident(i, t, PickKind(random.Uniform()), random.Uniform(), random.Uniform(),
                        random.Geometric(0.45), spread * random.Normal(), spread * random.Normal()));
                int tips = random.Poisson(0.6 * rate);
                for (int k = 0; k < tips; k++)
                    _incidents.Add(new TrueIncident(i, t, IncidentKind.Tip, 0, 1, 1, spread * random.Normal(), spread * random.Normal()));
                int violations = random.Poisson(0.02 * Businesses[i] * Math.Sqrt(rate));
                for (int k = 0; k < violations; k++)
                    _incidents.Add(new TrueIncident(i, t, IncidentKind.InspectionViolation, 1, random.Uniform(), 1,
                        spread * random.Normal(), spread * random.Normal()));
            }
        }
    }

    private static IncidentKind PickKind(double u)
    {
        foreach (var (kind, share) in OffenceMix)
        {
            if (u < share) return kind;
            u -= share;
        }
        return IncidentKind.Arrest;
    }

    private static int[][] GridQueen(int n, int side)
    {
        var result = new int[n][];
        for (int i = 0; i < n; i++)
        {
            var list = new List<int>();
            int row = i / side, col = i % side;
            for (int dr = -1; dr <= 1; dr++)
                for (int dc = -1; dc <= 1; dc++)
                {
                    int r = row + dr, c = col + dc, j = r * side + c;
                    if ((dr != 0 || dc != 0) && r >= 0 && c >= 0 && c < side && j < n) list.Add(j);
                }
            result[i] = list.ToArray();
        }
        return result;
    }

    private double[] Smooth(double[] values, int passes)
    {
        var current = values;
        for (int p = 0; p < passes; p++)
        {
            var next = new double[current.Length];
            for (int i = 0; i < current.Length; i++)
            {
                double sum = current[i];
                foreach (int j in Neighbours[i]) sum += current[j];
                next[i] = sum / (1 + Neighbours[i].Length);
            }
            current = next;
        }
        return current;
    }

    private double[] CityBumps(SimulationRandom random, int n, int side)
    {
        int cities = 1 + n / 150;
        var bumps = new double[n];
        double radius = 2.0 * Options.CellKm * 1000;
        for (int c = 0; c < cities; c++)
        {
            var centre = Centroids[random.Next(n)];
            for (int i = 0; i < n; i++)
            {
                double dx = Centroids[i].X - centre.X, dy = Centroids[i].Y - centre.Y;
                bumps[i] = Math.Max(bumps[i], 2.5 * Math.Exp(-(dx * dx + dy * dy) / (2 * radius * radius)));
            }
        }
        return bumps;
    }

    private double[] RouteDistances(SimulationRandom random, int n, double extent)
    {
        int routes = 2 + n / 1000;
        var lines = Enumerable.Range(0, routes).Select(_ =>
        {
            double angle = Math.PI * random.Uniform();
            return (X: extent * random.Uniform(), Y: extent * random.Uniform(), Dx: Math.Cos(angle), Dy: Math.Sin(angle));
        }).ToArray();
        // Distance from a point to an infinite straight line through (X, Y) with unit direction (Dx, Dy).
        return Enumerable.Range(0, n).Select(i => lines.Min(l =>
            Math.Abs((Centroids[i].X - l.X) * l.Dy - (Centroids[i].Y - l.Y) * l.Dx))).ToArray();
    }

    private static double[] Noise(SimulationRandom random, int n) => Enumerable.Range(0, n).Select(_ => random.Normal()).ToArray();

    private static double[] Add(double[] a, double[] b) => a.Select((v, i) => v + b[i]).ToArray();

    private static double[] Standardise(double[] values)
    {
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return values.Select(v => sd > 0 ? (v - mean) / sd : 0).ToArray();
    }
}

/// <summary>
/// One true event. Offences are reported when <c>ReportDraw</c> &lt; report probability, else found on patrol when
/// <c>PatrolDraw</c> &lt; 1 − exp(−γ·patrol-days); tips are always reported; inspection violations are only found on patrol.
/// </summary>
internal readonly record struct TrueIncident(int Unit, int Quarter, IncidentKind Kind, double ReportDraw, double PatrolDraw,
    int SiteLifetime, double Dx, double Dy);
