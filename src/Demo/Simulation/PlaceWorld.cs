using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Places;

namespace DiaBan.Demo.Simulation;

/// <summary>
/// Settings of <see cref="PlaceWorld"/>: a rectangle of square communes cut into grid cells, and its rates. The defaults
/// were declared before any backtest ran on them (2026-11-30, "places" session 2) and are not tuned on test folds.
/// </summary>
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
    /// <summary>Diffuse background offences per km² per year in an average commune (no place explains them).</summary>
    public double BackgroundPerKm2Year { get; init; } = 4;
    /// <summary>Persistent micro hot spots per commune (mean; more in urban communes).</summary>
    public double HotSpotsPerCommune { get; init; } = 1.6;
    /// <summary>Offences per year at a typical hot spot (log-normal around it).</summary>
    public double HotSpotPerYear { get; init; } = 14;
    /// <summary>Share of hot spots that open during the period (the rest exist from the start); each lasts ~1–2 years.</summary>
    public double EmergingShare { get; init; } = 0.4;
    /// <summary>Share of hot spots placed beside a conditional business (they close when it closes).</summary>
    public double HotSpotAtBusinessShare { get; init; } = 0.65;
    /// <summary>Expected direct offspring of each offence (ETAS branching ratio), mean delay (days) and spatial SD (m).</summary>
    public double Branching { get; init; } = 0.45;
    public double TriggerDays { get; init; } = 6;
    public double TriggerSigmaM { get; init; } = 110;
    /// <summary>Share of active hot spots the police register knows as open spots (the rest of the register are decoys).</summary>
    public double SpotDetection { get; init; } = 0.7;
    /// <summary>
    /// Police elimination (<i>triệt xóa</i>) of a spot on the register, per year: the spot ends that day and the register
    /// drops it the same day. Plans ask 5–10 % of spots a year (HCMC) up to all of them by 2030 (NQ 163/2024/QH15;
    /// DOMAIN.md "Typical yearly plan indicators"); 25 % a year is in between.
    /// </summary>
    public double EliminationPerYear { get; init; } = 0.25;
    /// <summary>Share of eliminated spots that re-appear 300–800 m away 2–8 weeks later (displacement), found later by the police.</summary>
    public double DisplacementShare { get; init; } = 0.3;
    /// <summary>Conditional businesses (karaoke, bars, guest houses) per commune at the start (× urbanity).</summary>
    public double BusinessesPerCommune { get; init; } = 6;
    /// <summary>Yearly closure hazard of a business; openings arrive at the rate that keeps the count steady. Dates are known to the police (licences, inspections).</summary>
    public double BusinessTurnoverPerYear { get; init; } = 0.2;
    /// <summary>Offences per year around an open business (sales concentrate there; log-normal, SD 0.8 in log) and their spatial SD (m).</summary>
    public double BusinessPerYear { get; init; } = 3;
    public double BusinessSigmaM { get; init; } = 70;
    /// <summary>Transit offences along the key route per km per year, decaying with distance (e-folding 300 m).</summary>
    public double RoutePerKmYear { get; init; } = 15;
    /// <summary>Pre-Tết rise of route transit: × (1 + this) at its peak four weeks before Tết (Gaussian, SD two weeks).</summary>
    public double RoutePreTetRise { get; init; } = 2;
}

/// <summary>One hidden micro hot spot: where, how tight, how busy, and when it is open [Opens, Closes).</summary>
public sealed record PlaceHotSpot(double X, double Y, double SigmaM, double PerYear, DateOnly Opens, DateOnly Closes);

/// <summary>A conditional business open [Opens, Closes) (dates the police know from licences and inspections), and its hidden sales rate.</summary>
public sealed record PlaceBusiness(double X, double Y, DateOnly Opens, DateOnly Closes, double PerYear);

/// <summary>
/// A seeded province-like world at place level (issue 10) whose places change: square communes of different urbanity, a
/// key route whose transit rises before Tết, conditional businesses that open and close during the years (sales
/// concentrate around the open ones), persistent micro hot spots inside communes (some beside a business and closing
/// with it, some emerging, some eliminated by the police and displaced), a diffuse background, a Tết peak, and
/// near-repeat self-excitation — every offence triggers Poisson(<c>Branching</c>) more, delayed by an exponential time
/// and displaced by a Gaussian (the ETAS/Hawkes form of Mohler et al. 2011). What the police know is dated
/// (<see cref="ContextAt"/>): the businesses open on a date, and the register of open spots (a spot is learnt when it
/// opens with probability <c>SpotDetection</c>, dropped the day it is eliminated or its business closes, a few months
/// after it fades by itself; decoys too), so a forecast at an origin never sees what came after it. Coordinates are
/// metres in a UTM-like frame.
/// </summary>
public sealed class PlaceWorld
{
    public const double OriginX = 500_000, OriginY = 1_200_000;

    private PlaceWorld(PlaceWorldOptions options) => Options = options;

    public PlaceWorldOptions Options { get; }
    public IReadOnlyList<GridCell> Cells { get; private set; } = [];
    public IReadOnlyList<PlaceEvent> Events { get; private set; } = [];
    public IReadOnlyList<PlaceHotSpot> HotSpots { get; private set; } = [];
    public IReadOnlyList<PlaceBusiness> Businesses { get; private set; } = [];
    public IReadOnlyList<(double X, double Y)> RouteVertices { get; private set; } = [];
    public int Communes { get; private set; }
    public DateOnly Start => Options.Start;
    public DateOnly End => Options.Start.AddDays(Options.Days);
    /// <summary>Offences that were triggered by an earlier one (the rest are background, hot-spot, business or route offences).</summary>
    public int Triggered { get; private set; }
    /// <summary>Offences by source before triggering: diffuse, hot spots, businesses, route.</summary>
    public (int Diffuse, int HotSpots, int Businesses, int Route) Immigrants { get; private set; }

    /// <summary>The scoring input at <paramref name="from"/>: history strictly before it, the context as known then and at earlier dates.</summary>
    public CellScoringInput InputAt(DateOnly from, ForecastHorizon horizon) =>
        new(Cells, Options.CellSizeM, Events.Where(e => e.Date < from).ToArray(), from, horizon) { Context = ContextAt(from), ContextAt = ContextAt };

    /// <summary>
    /// What the police know with its dates: the register's spots [known, dropped), the businesses [opens, closes), the
    /// route — the same dated context the database path builds (<c>PlaceQueries.ScoringInputAsync</c>), so "open on a
    /// date" has one rule (<see cref="DatedPlace.OpenOn"/>).
    /// </summary>
    public DatedPlaceContext Known { get; private set; } = DatedPlaceContext.Empty;

    /// <summary>What the police know on that date: open spots on the register, the businesses open, the route.</summary>
    public PlaceContext ContextAt(DateOnly date) => Known.At(date);

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
        var never = End.AddDays(1);
        DateOnly DayOf(double days) => days >= o.Days + 1 ? never : o.Start.AddDays((int)Math.Max(0, days));

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

        // businesses: more in urban communes and along the route; those of the start close at the turnover hazard, new
        // ones open through the years at the rate that keeps the count steady and close at the same hazard
        double yearDays = 365;
        var businesses = new List<PlaceBusiness>();
        (double X, double Y) BusinessPlace(int k)
        {
            var (x, y) = PointInCommune(k);
            if (RouteDistance(x, y) > 1500 && rng.Uniform() < 0.5) (x, y) = PointInCommune(k);
            return (x, y);
        }
        double Lifetime() => -yearDays / o.BusinessTurnoverPerYear * Math.Log(1 - rng.Uniform());
        for (int k = 0; k < Communes; k++)
        {
            double expected = o.BusinessesPerCommune * urban[k];
            int count = rng.Poisson(expected);
            for (int b = 0; b < count; b++)
            {
                var (x, y) = BusinessPlace(k);
                businesses.Add(new PlaceBusiness(x, y, o.Start.AddDays(-3650), DayOf(Lifetime()), o.BusinessPerYear * Math.Exp(0.8 * rng.Normal() - 0.32)));
            }
            int opened = rng.Poisson(expected * o.BusinessTurnoverPerYear * o.Days / yearDays);
            for (int b = 0; b < opened; b++)
            {
                var (x, y) = BusinessPlace(k);
                double day = rng.Uniform() * o.Days;
                businesses.Add(new PlaceBusiness(x, y, DayOf(day), DayOf(day + Lifetime()), o.BusinessPerYear * Math.Exp(0.8 * rng.Normal() - 0.32)));
            }
        }
        Businesses = businesses;

        (double X, double Y) PointInCommune(int k)
        {
            double x0 = k % communeCols * o.CommuneCells * size, y0 = k / communeCols * o.CommuneCells * size;
            double w = Math.Min(o.CommuneCells * size, width - x0), h = Math.Min(o.CommuneCells * size, height - y0);
            return (OriginX + x0 + rng.Uniform() * w, OriginY + y0 + rng.Uniform() * h);
        }
        int CommuneAt(double x, double y) => CommuneOf(Math.Clamp((int)((x - OriginX) / size), 0, o.Columns - 1), Math.Clamp((int)((y - OriginY) / size), 0, o.Rows - 1));
        (double X, double Y) Clamp((double X, double Y) p) =>
            (Math.Clamp(p.X, OriginX + 1, OriginX + width - 1), Math.Clamp(p.Y, OriginY + 1, OriginY + height - 1));

        // hot spots: mostly beside a business open when the spot opens (cafés, karaoke, guest houses; the spot closes with
        // it), some anywhere in the commune; a share emerge during the period and last 1–2 years
        var communeBusinesses = businesses.GroupBy(b => CommuneAt(b.X, b.Y)).ToDictionary(g => g.Key, g => g.ToArray());
        var spots = new List<PlaceHotSpot>();
        var register = new List<DatedPlace>();
        void AddSpot(PlaceHotSpot s, int detectMin, int detectMax, bool faded)
        {
            // the police learn a spot soon after it opens (or never); a known spot may be eliminated: it ends that day,
            // the register drops it that day, and it may re-appear nearby (displacement) a few weeks later
            if (rng.Uniform() >= o.SpotDetection) { spots.Add(s); return; }
            var known = s.Opens.AddDays(detectMin + (int)(rng.Uniform() * (detectMax - detectMin)));
            if (known >= s.Closes) { spots.Add(s); return; }
            var eliminated = known.AddDays((int)(-yearDays / o.EliminationPerYear * Math.Log(1 - rng.Uniform())));
            if (eliminated < s.Closes && eliminated < End)
            {
                spots.Add(s with { Closes = eliminated });
                register.Add(new DatedPlace(s.X + 40 * rng.Normal(), s.Y + 40 * rng.Normal(), known, eliminated));
                if (rng.Uniform() < o.DisplacementShare)
                {
                    double angle = 2 * Math.PI * rng.Uniform(), distance = 300 + 500 * rng.Uniform();
                    var (x, y) = Clamp((s.X + distance * Math.Cos(angle), s.Y + distance * Math.Sin(angle)));
                    var opens = eliminated.AddDays(14 + (int)(rng.Uniform() * 42));
                    if (opens < End)
                        AddSpot(new PlaceHotSpot(x, y, s.SigmaM, 0.7 * s.PerYear, opens, opens.AddDays(365 + (int)(rng.Uniform() * 365))), 30, 120, true);
                }
                return;
            }
            spots.Add(s);
            // a spot that fades by itself leaves the register months later; one that closes with its business, that day
            var dropped = s.Closes > End ? never : faded ? s.Closes.AddDays(60 + (int)(rng.Uniform() * 240)) : s.Closes;
            register.Add(new DatedPlace(s.X + 40 * rng.Normal(), s.Y + 40 * rng.Normal(), known, dropped));
        }
        for (int k = 0; k < Communes; k++)
        {
            int count = rng.Poisson(o.HotSpotsPerCommune * Math.Sqrt(urban[k]));
            for (int s = 0; s < count; s++)
            {
                var opens = o.Start;
                var closes = never;
                bool emerging = rng.Uniform() < o.EmergingShare;
                if (emerging)
                {
                    opens = o.Start.AddDays((int)(rng.Uniform() * o.Days));
                    closes = opens.AddDays(365 + (int)(rng.Uniform() * 365));
                }
                var open = communeBusinesses.TryGetValue(k, out var near) ? near.Where(b => b.Opens <= opens && opens < b.Closes).ToArray() : [];
                bool atBusiness = open.Length > 0 && rng.Uniform() < o.HotSpotAtBusinessShare, withBusiness = false;
                var (x, y) = PointInCommune(k);
                if (atBusiness)
                {
                    var b = open[rng.Next(open.Length)];
                    (x, y) = Offset((b.X, b.Y), 60);
                    if (b.Closes <= closes) (closes, withBusiness) = (b.Closes, true);
                }
                (x, y) = Clamp((x, y));
                AddSpot(new PlaceHotSpot(x, y, 50 + 70 * rng.Uniform(), o.HotSpotPerYear * Math.Exp(0.5 * rng.Normal()), opens, closes),
                    0, 30, faded: !withBusiness);
            }
        }
        HotSpots = spots;
        int detected = register.Count;

        (double, double) Offset((double X, double Y) p, double sd) => (p.X + sd * rng.Normal(), p.Y + sd * rng.Normal());

        // decoys: places on the register where nothing happens
        int decoys = (int)Math.Round(0.3 * detected);
        for (int d = 0; d < decoys; d++)
        {
            var (x, y) = PointInCommune(rng.Next(Communes));
            register.Add(new DatedPlace(x, y, o.Start.AddDays((int)(rng.Uniform() * o.Days)), never));
        }
        Known = new DatedPlaceContext(register.ToArray(), Businesses.Select(b => new DatedPlace(b.X, b.Y, b.Opens, b.Closes)).ToArray(), RouteVertices);

        // diffuse background: per cell, commune urbanity
        double cellKm2 = size * size / 1e6;
        var weight = cells.Select(c => urban[c.UnitId - 1]).ToArray();
        double weightSum = weight.Sum();
        var cumulative = new double[weight.Length];
        double acc = 0;
        for (int i = 0; i < weight.Length; i++) cumulative[i] = acc += weight[i] / weightSum;
        double backgroundPerDay = o.BackgroundPerKm2Year / 365.0 * cellKm2 * cells.Length;

        // route transit: per cell, e^(−distance/300 m), scaled to RoutePerKmYear per km of route
        var routeWeight = cells.Select(c => Math.Exp(-RouteDistance(c.X, c.Y) / 300)).ToArray();
        double routeSum = routeWeight.Sum();
        var routeCumulative = new double[routeWeight.Length];
        acc = 0;
        for (int i = 0; i < routeWeight.Length; i++) routeCumulative[i] = acc += routeWeight[i] / routeSum;
        double routeKm = route.Zip(route.Skip(1), (a, b) => Math.Sqrt((a.Item1 - b.Item1) * (a.Item1 - b.Item1) + (a.Item2 - b.Item2) * (a.Item2 - b.Item2))).Sum() / 1000;
        double routePerDay = o.RoutePerKmYear * routeKm / 365.0;

        var events = new List<PlaceEvent>();
        int diffuse = 0, atSpots = 0, atBusinesses = 0, onRoute = 0;
        void InCell(double[] cdf, DateOnly date)
        {
            int cell = Array.BinarySearch(cdf, rng.Uniform());
            if (cell < 0) cell = ~cell;
            cell = Math.Min(cell, cells.Length - 1);
            events.Add(new PlaceEvent(cells[cell].X + (rng.Uniform() - 0.5) * size, cells[cell].Y + (rng.Uniform() - 0.5) * size, date));
        }
        bool Around((double X, double Y) p, double sd, DateOnly date)
        {
            var (x, y) = Offset(p, sd);
            if (!Inside(x, y)) return false;
            events.Add(new PlaceEvent(x, y, date));
            return true;
        }
        for (int day = 0; day < o.Days; day++)
        {
            var date = o.Start.AddDays(day);
            double season = Season(date);
            int n = rng.Poisson(backgroundPerDay * season);
            for (int i = 0; i < n; i++) InCell(cumulative, date);
            diffuse += n;
            n = rng.Poisson(routePerDay * season * RouteSeason(date, o.RoutePreTetRise));
            for (int i = 0; i < n; i++) InCell(routeCumulative, date);
            onRoute += n;
            foreach (var s in spots)
            {
                if (date < s.Opens || date >= s.Closes) continue;
                int k = rng.Poisson(s.PerYear / 365.0 * season);
                for (int i = 0; i < k; i++)
                    if (Around((s.X, s.Y), s.SigmaM, date)) atSpots++;
            }
            foreach (var b in businesses)
            {
                if (date < b.Opens || date >= b.Closes) continue;
                int k = rng.Poisson(b.PerYear / 365.0 * season);
                for (int i = 0; i < k; i++)
                    if (Around((b.X, b.Y), o.BusinessSigmaM, date)) atBusinesses++;
            }
        }
        Immigrants = (diffuse, atSpots, atBusinesses, onRoute);

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

    /// <summary>Route transit before Tết: × (1 + <paramref name="rise"/>) four weeks before it (Gaussian, SD 14 days), 1 otherwise.</summary>
    public static double RouteSeason(DateOnly date, double rise)
    {
        if (TetCalendar.DaysToNearest(date) is not int d) return 1;
        double x = (d - 28) / 14.0;
        return 1 + rise * Math.Exp(-x * x / 2);
    }
}
