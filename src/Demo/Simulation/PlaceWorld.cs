using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Places;

namespace DiaBan.Demo.Simulation;

/// <summary>Settings of <see cref="PlaceWorld"/>: a rectangle of square communes cut into grid cells, and its rates.</summary>
public sealed record PlaceWorldOptions
{
    /// <summary>Grid columns and rows (cells of <see cref="CellSizeM"/>); 40 × 40 × 250 m = 100 km².</summary>
    public int Columns { get; init; } = 40;
    public int Rows { get; init; } = 40;
    public double CellSizeM { get; init; } = 250;
    /// <summary>A commune is a square of this many cells a side (10 × 250 m = 2.5 km).</summary>
    public int CommuneCells { get; init; } = 10;
    public DateOnly Start { get; init; } = new(2023, 1, 1);
    public int Days { get; init; } = 3 * 365;
    public int Seed { get; init; } = 1;
    /// <summary>Diffuse background offences per km² per year in an average commune.</summary>
    public double BackgroundPerKm2Year { get; init; } = 6;
    /// <summary>Persistent micro hot spots per commune (mean; more in urban communes).</summary>
    public double HotSpotsPerCommune { get; init; } = 1.6;
    /// <summary>Offences per year at a typical hot spot (log-normal around it).</summary>
    public double HotSpotPerYear { get; init; } = 14;
    /// <summary>Share of hot spots that open during the period (the rest exist from the start); each lasts ~1–2 years.</summary>
    public double EmergingShare { get; init; } = 0.4;
    /// <summary>Expected direct offspring of each offence (ETAS branching ratio), mean delay (days) and spatial SD (m).</summary>
    public double Branching { get; init; } = 0.45;
    public double TriggerDays { get; init; } = 6;
    public double TriggerSigmaM { get; init; } = 110;
    /// <summary>Share of active hot spots the police register knows as open spots (the rest of the register are decoys).</summary>
    public double SpotDetection { get; init; } = 0.7;
}

/// <summary>One hidden micro hot spot: where, how tight, how busy, and when it is open [Opens, Closes).</summary>
public sealed record PlaceHotSpot(double X, double Y, double SigmaM, double PerYear, DateOnly Opens, DateOnly Closes);

/// <summary>
/// A seeded province-like world at place level (issue 10): square communes of different urbanity, a key route, businesses,
/// persistent micro hot spots inside communes (some opening and closing during the period), a diffuse background, a
/// Tết peak, and near-repeat self-excitation — every offence triggers Poisson(<c>Branching</c>) more, delayed by an
/// exponential time and displaced by a Gaussian (the ETAS/Hawkes form of Mohler et al. 2011). The police register of
/// open spots (<see cref="ContextAt"/>) learns a hot spot when it opens (with probability <c>SpotDetection</c>) and holds
/// decoys; it is dated, so a backtest never sees a spot before it opened. Coordinates are metres in a UTM-like frame.
/// </summary>
public sealed class PlaceWorld
{
    public const double OriginX = 500_000, OriginY = 1_200_000;

    private readonly List<(double X, double Y, DateOnly Known, DateOnly Dropped)> _register = [];

    private PlaceWorld(PlaceWorldOptions options) => Options = options;

    public PlaceWorldOptions Options { get; }
    public IReadOnlyList<GridCell> Cells { get; private set; } = [];
    public IReadOnlyList<PlaceEvent> Events { get; private set; } = [];
    public IReadOnlyList<PlaceHotSpot> HotSpots { get; private set; } = [];
    public IReadOnlyList<(double X, double Y)> Businesses { get; private set; } = [];
    public IReadOnlyList<(double X, double Y)> RouteVertices { get; private set; } = [];
    public int Communes { get; private set; }
    public DateOnly Start => Options.Start;
    public DateOnly End => Options.Start.AddDays(Options.Days);
    /// <summary>Offences that were triggered by an earlier one (the rest are background or hot-spot offences).</summary>
    public int Triggered { get; private set; }

    /// <summary>The scoring input at <paramref name="from"/>: history strictly before it, the register as known then.</summary>
    public CellScoringInput InputAt(DateOnly from, ForecastHorizon horizon) =>
        new(Cells, Options.CellSizeM, Events.Where(e => e.Date < from).ToArray(), from, horizon) { Context = ContextAt(from) };

    /// <summary>Open spots on the register on that date, the businesses and the route (businesses and route do not change).</summary>
    public PlaceContext ContextAt(DateOnly date) =>
        new(_register.Where(s => s.Known <= date && date < s.Dropped).Select(s => (s.X, s.Y)).ToArray(), Businesses, RouteVertices);

    public static PlaceWorld Create(PlaceWorldOptions? options = null)
    {
        var world = new PlaceWorld(options ?? new PlaceWorldOptions());
        world.Build();
        return world;
    }

    private void Build()
    {
        var o = Options;
        var rng = new SimulationRandom(o.Seed);
        double size = o.CellSizeM, width = o.Columns * size, height = o.Rows * size;
        int communeCols = (o.Columns + o.CommuneCells - 1) / o.CommuneCells, communeRows = (o.Rows + o.CommuneCells - 1) / o.CommuneCells;
        Communes = communeCols * communeRows;
        var urban = Enumerable.Range(0, Communes).Select(_ => Math.Exp(0.7 * rng.Normal())).ToArray();
        int CommuneOf(int col, int row) => row / o.CommuneCells * communeCols + col / o.CommuneCells;

        var cells = new GridCell[o.Columns * o.Rows];
        for (int r = 0; r < o.Rows; r++)
            for (int c = 0; c < o.Columns; c++)
                cells[r * o.Columns + c] = new GridCell(r * o.Columns + c + 1, OriginX + (c + 0.5) * size, OriginY + (r + 0.5) * size, CommuneOf(c, r) + 1);
        Cells = cells;

        // a key route: a gentle sine across the province, a vertex every cell
        var route = new List<(double, double)>();
        for (double x = 0; x <= width; x += size)
            route.Add((OriginX + x, OriginY + height * (0.5 + 0.15 * Math.Sin(2 * Math.PI * x / width))));
        RouteVertices = route;
        double RouteDistance(double x, double y) => route.Min(v => Math.Sqrt((v.Item1 - x) * (v.Item1 - x) + (v.Item2 - y) * (v.Item2 - y)));

        // businesses: more in urban communes and along the route
        var businesses = new List<(double X, double Y)>();
        for (int k = 0; k < Communes; k++)
        {
            int count = rng.Poisson(6 * urban[k]);
            for (int b = 0; b < count; b++)
            {
                var (x, y) = PointInCommune(k);
                if (RouteDistance(x, y) > 1500 && rng.Uniform() < 0.5) (x, y) = PointInCommune(k);
                businesses.Add((x, y));
            }
        }
        Businesses = businesses;

        (double X, double Y) PointInCommune(int k)
        {
            double x0 = k % communeCols * o.CommuneCells * size, y0 = k / communeCols * o.CommuneCells * size;
            double w = Math.Min(o.CommuneCells * size, width - x0), h = Math.Min(o.CommuneCells * size, height - y0);
            return (OriginX + x0 + rng.Uniform() * w, OriginY + y0 + rng.Uniform() * h);
        }

        // hot spots: mostly beside a business (cafés, karaoke, guest houses), some anywhere in the commune
        var spots = new List<PlaceHotSpot>();
        var communeBusinesses = businesses.GroupBy(b => CommuneOf((int)((b.X - OriginX) / size), (int)((b.Y - OriginY) / size)))
            .ToDictionary(g => g.Key, g => g.ToArray());
        for (int k = 0; k < Communes; k++)
        {
            int count = rng.Poisson(o.HotSpotsPerCommune * Math.Sqrt(urban[k]));
            for (int s = 0; s < count; s++)
            {
                var (x, y) = communeBusinesses.TryGetValue(k, out var near) && rng.Uniform() < 0.65
                    ? Offset(near[rng.Next(near.Length)], 60)
                    : PointInCommune(k);
                x = Math.Clamp(x, OriginX + 1, OriginX + width - 1);
                y = Math.Clamp(y, OriginY + 1, OriginY + height - 1);
                var opens = o.Start;
                var closes = End.AddDays(1);
                if (rng.Uniform() < o.EmergingShare)
                {
                    opens = o.Start.AddDays((int)(rng.Uniform() * o.Days));
                    closes = opens.AddDays(365 + (int)(rng.Uniform() * 365));
                }
                spots.Add(new PlaceHotSpot(x, y, 50 + 70 * rng.Uniform(), o.HotSpotPerYear * Math.Exp(0.5 * rng.Normal()), opens, closes));
            }
        }
        HotSpots = spots;

        (double, double) Offset((double X, double Y) p, double sd) => (p.X + sd * rng.Normal(), p.Y + sd * rng.Normal());

        // the register: detected spots from when they open (dropped a few months after they close, or never), and decoys
        foreach (var s in spots)
        {
            if (rng.Uniform() >= o.SpotDetection) continue;
            var known = s.Opens.AddDays((int)(rng.Uniform() * 30));
            var dropped = s.Closes > End ? End.AddDays(1) : s.Closes.AddDays(60 + (int)(rng.Uniform() * 240));
            _register.Add((s.X + 40 * rng.Normal(), s.Y + 40 * rng.Normal(), known, dropped));
        }
        int decoys = (int)Math.Round(0.3 * _register.Count);
        for (int d = 0; d < decoys; d++)
        {
            var (x, y) = PointInCommune(rng.Next(Communes));
            _register.Add((x, y, o.Start.AddDays((int)(rng.Uniform() * o.Days)), End.AddDays(1)));
        }

        // diffuse background: per cell, commune urbanity × (1 + 1.5 near the route)
        double cellKm2 = size * size / 1e6;
        var weight = cells.Select(c => urban[c.UnitId - 1] * (1 + 1.5 * Math.Exp(-RouteDistance(c.X, c.Y) / 600))).ToArray();
        double weightSum = weight.Sum();
        var cumulative = new double[weight.Length];
        double acc = 0;
        for (int i = 0; i < weight.Length; i++) cumulative[i] = acc += weight[i] / weightSum;
        double backgroundPerDay = o.BackgroundPerKm2Year / 365.0 * cellKm2 * cells.Length * (weightSum / cells.Length) / urban.Average();

        var events = new List<PlaceEvent>();
        for (int day = 0; day < o.Days; day++)
        {
            var date = o.Start.AddDays(day);
            double season = Season(date);
            int n = rng.Poisson(backgroundPerDay * season);
            for (int i = 0; i < n; i++)
            {
                int cell = Array.BinarySearch(cumulative, rng.Uniform());
                if (cell < 0) cell = ~cell;
                cell = Math.Min(cell, cells.Length - 1);
                events.Add(new PlaceEvent(cells[cell].X + (rng.Uniform() - 0.5) * size, cells[cell].Y + (rng.Uniform() - 0.5) * size, date));
            }
            foreach (var s in spots)
            {
                if (date < s.Opens || date >= s.Closes) continue;
                int k = rng.Poisson(s.PerYear / 365.0 * season);
                for (int i = 0; i < k; i++)
                {
                    var (x, y) = Offset((s.X, s.Y), s.SigmaM);
                    if (Inside(x, y)) events.Add(new PlaceEvent(x, y, date));
                }
            }
        }

        // self-excitation, generation by generation: each offence triggers Poisson(branching) offences
        var generation = events.ToList();
        int triggered = 0;
        while (generation.Count > 0)
        {
            var next = new List<PlaceEvent>();
            foreach (var parent in generation)
            {
                int k = rng.Poisson(o.Branching);
                for (int i = 0; i < k; i++)
                {
                    int lag = (int)Math.Ceiling(-o.TriggerDays * Math.Log(1 - rng.Uniform()));
                    var date = parent.Date.AddDays(Math.Max(1, lag));
                    var (x, y) = Offset((parent.X, parent.Y), o.TriggerSigmaM);
                    if (date < End && Inside(x, y)) next.Add(new PlaceEvent(x, y, date));
                }
            }
            triggered += next.Count;
            events.AddRange(next);
            generation = next;
        }
        Triggered = triggered;
        Events = events.OrderBy(e => e.Date).ThenBy(e => e.X).ToArray();

        bool Inside(double x, double y) => x > OriginX && x < OriginX + width && y > OriginY && y < OriginY + height;
    }

    /// <summary>Seasonal factor: a peak of +60 % around Tết (±3 weeks), a little lower in the rainy season.</summary>
    public static double Season(DateOnly date)
    {
        double tet = TetCalendar.DaysToNearest(date) is int d ? Math.Exp(-(double)d * d / (2 * 21.0 * 21.0)) : 0;
        double rainy = date.Month is >= 7 and <= 9 ? -0.1 : 0;
        return 1 + 0.6 * tet + rainy;
    }
}
