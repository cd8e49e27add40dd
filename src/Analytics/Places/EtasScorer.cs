using DiaBan.Analytics.Risk;
using DiaBan.Analytics.Statistics;

namespace DiaBan.Analytics.Places;

/// <summary>Fitted parameters of the self-exciting model: branching ratio θ, decay ω (1/day), trigger SD σ (m), EM iterations.</summary>
public sealed record EtasParameters(double Theta, double Omega, double SigmaM, int Iterations, int Events);

/// <summary>
/// Baseline: the self-exciting point process of Mohler, Short, Brantingham, Schoenberg &amp; Tita (2011), "Self-exciting
/// point process modeling of crime", JASA 106:100–108, with their parametric trigger:
///   λ(x, y, t) = μ(x, y) + Σ_{t_i &lt; t} θ·ω·e^{−ω(t − t_i)} · (2πσ²)⁻¹·e^{−‖(x, y) − (x_i, y_i)‖² / (2σ²)}.
/// Fitted by EM (stochastic declustering, Veen &amp; Schoenberg 2008; Mohler et al. 2011 §3): the E-step gives each event
/// the probability p_jj = μ_j/λ_j that it is background and p_ij = g_ij/λ_j that event i triggered it; the M-step sets
/// θ = Σp_ij / Σ_i(1 − e^{−ω(T − t_i)}), ω = Σp_ij / Σp_ij·Δt_ij, σ² = Σp_ij·r_ij² / (2Σp_ij), and μ to the quartic kernel
/// density (<see cref="QuarticKernelDensity"/>, bandwidth <c>backgroundBandwidthM</c>) of the events weighted by p_jj,
/// divided by the window's length (a fixed bandwidth where Mohler et al. use a k-nearest-neighbour one).
/// Pairs are limited to Δt ≤ <c>MaxLagDays</c> and r ≤ <c>MaxDistanceM</c> (the trigger is negligible beyond).
/// The forecast for a cell is ∫ over the cell and the horizon of λ: μ·area·days plus, for every past event,
/// θ·(e^{−ω·a} − e^{−ω·(a+H)}) times the Gaussian's mass in the square (a = age in days at the forecast start).
/// </summary>
public sealed class EtasScorer(int windowDays = 730, double backgroundBandwidthM = 200, int maxIterations = 40) : ICellScorer
{
    public const int MaxLagDays = 120;
    public const double MaxDistanceM = 1000;

    public string Name => "etas";

    /// <summary>The parameters of the last fit (for reports and tests).</summary>
    public EtasParameters? Last { get; private set; }

    public IReadOnlyList<CellForecast> Score(CellScoringInput input)
    {
        var fit = FitModel(input.History, input.From);
        Last = fit.Parameters;
        var mean = fit.Forecast(input.Cells, new CellRaster(input.Cells, input.CellSizeM), input.From, CellForecasts.HorizonDays(input));
        return input.Cells.Select((c, i) => CellForecasts.Poisson(c.Id, mean[i], [])).ToArray();
    }

    /// <summary>
    /// The whole fitted model on the window before <paramref name="from"/>: θ, ω, σ and each event's background
    /// probability (the declustering weights of μ). Only events strictly before <paramref name="from"/> are read.
    /// </summary>
    public EtasFit FitModel(IReadOnlyList<PlaceEvent> history, DateOnly from)
    {
        int start = from.DayNumber - windowDays;
        var events = history.Where(e => e.Date.DayNumber >= start && e.Date < from).OrderBy(e => e.Date).ToArray();
        start = Math.Max(start, events.Length > 0 ? events[0].Date.DayNumber : start);
        var (theta, omega, sigma, background, iterations) = Fit(events, start, from.DayNumber);
        return new EtasFit(new EtasParameters(theta, omega, sigma, iterations, events.Length), events, background, windowDays, backgroundBandwidthM);
    }

    /// <summary>
    /// Expected triggered incidents per cell in [origin, origin + days): for every event before the origin,
    /// θ·(e^{−ω·a} − e^{−ω·(a+days)}) times the mass of its Gaussian (SD σ) in the cell's square.
    /// </summary>
    public static double[] TriggeredMass(IReadOnlyList<GridCell> cells, CellRaster raster, IEnumerable<PlaceEvent> events, int originDay,
        int days, double theta, double omega, double sigma)
    {
        var mass = new double[cells.Count];
        int reach = (int)Math.Ceiling(4 * sigma / raster.SizeM) + 1;
        double half = raster.SizeM / 2;
        foreach (var e in events)
        {
            double age = originDay - e.Date.DayNumber;
            if (age <= 0) continue;
            double m = theta * (Math.Exp(-omega * age) - Math.Exp(-omega * (age + days)));
            if (m < 1e-6) continue;
            var (pc, pr) = raster.Locate(e.X, e.Y);
            for (int r = pr - reach; r <= pr + reach; r++)
                for (int c = pc - reach; c <= pc + reach; c++)
                {
                    int i = raster.At(c, r);
                    if (i < 0) continue;
                    var cell = cells[i];
                    double gx = Normal.Cdf((cell.X + half - e.X) / sigma) - Normal.Cdf((cell.X - half - e.X) / sigma);
                    double gy = Normal.Cdf((cell.Y + half - e.Y) / sigma) - Normal.Cdf((cell.Y - half - e.Y) / sigma);
                    mass[i] += m * gx * gy;
                }
        }
        return mass;
    }

    /// <summary>θ, ω, σ fitted by EM on the window before <paramref name="from"/>.</summary>
    public EtasParameters FitParameters(IReadOnlyList<PlaceEvent> history, DateOnly from) => FitModel(history, from).Parameters;

    /// <summary>EM on events sorted by date within [start, end) (day numbers); returns θ, ω, σ and each event's background probability.</summary>
    private (double Theta, double Omega, double Sigma, double[] Background, int Iterations) Fit(PlaceEvent[] events, int start, int end)
    {
        int n = events.Length;
        double theta = 0.3, omega = 1 / 7.0, sigma = 150;
        var background = Enumerable.Repeat(0.7, n).ToArray();
        if (n < 10) return (0, omega, sigma, Enumerable.Repeat(1.0, n).ToArray(), 0);
        var pairs = Pairs(events);
        double window = Math.Max(1, end - start);
        var points = new (double X, double Y, double Weight)[n];
        var locations = events.Select(e => (e.X, e.Y)).ToArray();
        var lambdaTrigger = new double[n];
        var pTrigger = new double[pairs.Count];
        int iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            for (int j = 0; j < n; j++) points[j] = (events[j].X, events[j].Y, background[j]);
            var mu = QuarticKernelDensity.Evaluate(points, locations, backgroundBandwidthM);
            Array.Clear(lambdaTrigger);
            double norm = theta * omega / (2 * Math.PI * sigma * sigma), twoS2 = 2 * sigma * sigma;
            for (int k = 0; k < pairs.Count; k++)
            {
                var (_, j, dt, r2) = pairs[k];
                double g = norm * Math.Exp(-omega * dt - r2 / twoS2);
                pTrigger[k] = g;
                lambdaTrigger[j] += g;
            }
            var muJ = new double[n];
            for (int j = 0; j < n; j++) muJ[j] = Math.Max(mu[j] / window, 1e-12);
            // E-step
            double sumP = 0, sumPt = 0, sumPr2 = 0;
            for (int k = 0; k < pairs.Count; k++)
            {
                var (_, j, dt, r2) = pairs[k];
                double p = pTrigger[k] / (muJ[j] + lambdaTrigger[j]);
                pTrigger[k] = p;
                sumP += p;
                sumPt += p * dt;
                sumPr2 += p * r2;
            }
            double change = 0;
            for (int j = 0; j < n; j++)
            {
                double b = muJ[j] / (muJ[j] + lambdaTrigger[j]);
                change = Math.Max(change, Math.Abs(b - background[j]));
                background[j] = b;
            }
            // M-step (θ with the edge correction for offspring that would fall after the window)
            double newOmega = sumP > 0 ? sumP / Math.Max(sumPt, 1e-9) : omega;
            double exposure = 0;
            foreach (var e in events) exposure += 1 - Math.Exp(-newOmega * (end - e.Date.DayNumber));
            double newTheta = Math.Min(0.95, sumP / Math.Max(exposure, 1e-9));
            double newSigma = sumP > 0 ? Math.Sqrt(sumPr2 / (2 * sumP)) : sigma;
            newSigma = Math.Clamp(newSigma, 10, MaxDistanceM / 3);
            newOmega = Math.Clamp(newOmega, 1.0 / MaxLagDays, 5);
            change = Math.Max(change, Math.Abs(newTheta - theta));
            (theta, omega, sigma) = (newTheta, newOmega, newSigma);
            if (change < 1e-4) break;
        }
        return (theta, omega, sigma, background, iteration + 1);
    }

    // Ordered pairs (i earlier than j by ≥ 1 day) within MaxLagDays and MaxDistanceM, with Δt (days) and r² (m²).
    private static List<(int I, int J, double Dt, double R2)> Pairs(PlaceEvent[] events)
    {
        var bins = new Dictionary<(long, long), List<int>>();
        for (int i = 0; i < events.Length; i++)
        {
            var key = ((long)Math.Floor(events[i].X / MaxDistanceM), (long)Math.Floor(events[i].Y / MaxDistanceM));
            if (!bins.TryGetValue(key, out var list)) bins[key] = list = [];
            list.Add(i);
        }
        var pairs = new List<(int, int, double, double)>();
        double max2 = MaxDistanceM * MaxDistanceM;
        for (int j = 0; j < events.Length; j++)
        {
            long bx = (long)Math.Floor(events[j].X / MaxDistanceM), by = (long)Math.Floor(events[j].Y / MaxDistanceM);
            for (long dx = -1; dx <= 1; dx++)
                for (long dy = -1; dy <= 1; dy++)
                {
                    if (!bins.TryGetValue((bx + dx, by + dy), out var list)) continue;
                    foreach (var i in list)
                    {
                        int dt = events[j].Date.DayNumber - events[i].Date.DayNumber;
                        if (dt < 1 || dt > MaxLagDays) continue;
                        double ex = events[j].X - events[i].X, ey = events[j].Y - events[i].Y, r2 = ex * ex + ey * ey;
                        if (r2 <= max2) pairs.Add((i, j, dt, r2));
                    }
                }
        }
        return pairs;
    }
}

/// <summary>
/// A fitted self-exciting model (<see cref="EtasScorer.FitModel"/>): the parameters, the events of the fitting window
/// (sorted by date) and their background probabilities. <see cref="Forecast"/> evaluates the conditional intensity
/// integrated over each cell and a horizon at any origin on or before the fit's end, reading only the events strictly
/// before that origin — so the cell model can use the ETAS forecast as a feature at its past training origins.
/// </summary>
public sealed class EtasFit(EtasParameters parameters, PlaceEvent[] events, double[] background, int windowDays, double backgroundBandwidthM)
{
    public EtasParameters Parameters { get; } = parameters;

    /// <summary>Expected incidents per cell in [origin, origin + days): μ (background-weighted quartic KDE of the window
    /// before the origin, per day) × area share × days, plus the triggered mass of the events before the origin.</summary>
    public double[] Forecast(IReadOnlyList<GridCell> cells, CellRaster raster, DateOnly origin, int days)
    {
        int o = origin.DayNumber, start = o - windowDays;
        int first = -1, end = 0;
        for (int j = 0; j < events.Length && events[j].Date.DayNumber < o; j++)
        {
            if (first < 0 && events[j].Date.DayNumber >= start) first = j;
            end = j + 1;
        }
        var mean = new double[cells.Count];
        if (first < 0) return mean;
        var window = events[first..end];
        var weights = background[first..end];
        start = Math.Max(start, window[0].Date.DayNumber);
        double length = Math.Max(1, o - start), cellArea = raster.SizeM * raster.SizeM;
        var mu = QuarticKernelDensity.Evaluate(window.Select((e, j) => (e.X, e.Y, weights[j])).ToArray(),
            cells.Select(c => (c.X, c.Y)).ToArray(), backgroundBandwidthM);
        for (int i = 0; i < mean.Length; i++) mean[i] = mu[i] / length * cellArea * cells[i].AreaShare * days;
        var p = Parameters;
        var triggered = EtasScorer.TriggeredMass(cells, raster, window, o, days, p.Theta, p.Omega, p.SigmaM);
        for (int i = 0; i < mean.Length; i++) mean[i] += triggered[i];
        return mean;
    }
}
