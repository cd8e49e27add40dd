using DiaBan.Analytics.Domain;

namespace DiaBan.Analytics.Risk;

/// <summary>
/// Builds the feature row of a commune at the end of quarter t (panel position) from data of quarters ≤ t only,
/// and the labels of quarter t+1. Unguarded, offence counts are everything recorded. Guarded
/// (<see cref="FeedbackGuard.ExposureAdjusted"/>), offence counts of quarter s are recorded ÷ m(e_s), the patrol
/// multiplier of <see cref="DiscoveryEffort"/> fitted on quarters ≤ t, and non-offence kinds use the reported channel.
/// </summary>
public sealed class RiskFeatureAssembler
{
    /// <summary>Quarters of history a row needs (the 4-quarter count window), so the first row is at position 3.</summary>
    public const int MinimumHistory = 4;

    private readonly UnitQuarterPanel _panel;
    private readonly double[,] _reportedOffences;
    private readonly double[,] _patrolOffences;
    private readonly DiscoveryEffort? _effort;

    public RiskFeatureAssembler(UnitQuarterPanel panel, FeedbackGuard guard)
    {
        panel.Validate();
        _panel = panel;
        Guard = guard;
        Features = RiskFeatureCatalog.For(guard);
        int units = panel.UnitCount, quarters = panel.QuarterCount;
        _reportedOffences = new double[units, quarters];
        _patrolOffences = new double[units, quarters];
        for (int u = 0; u < units; u++)
            for (int t = 0; t < quarters; t++)
                foreach (var kind in IncidentKinds.Offences)
                {
                    _reportedOffences[u, t] += panel.Count(u, t, kind, DiscoverySource.Reported);
                    _patrolOffences[u, t] += panel.Count(u, t, kind, DiscoverySource.Patrol);
                }
        if (guard == FeedbackGuard.ExposureAdjusted)
            _effort = DiscoveryEffort.Fit(_reportedOffences, _patrolOffences, panel.PatrolDays);
    }

    public FeedbackGuard Guard { get; }

    public UnitQuarterPanel Panel => _panel;

    public IReadOnlyList<RiskFeature> Features { get; }

    public int FeatureCount => Features.Count;

    /// <summary>The fitted patrol multiplier (guarded only).</summary>
    public DiscoveryEffort? Effort => _effort;

    /// <summary>Offences of <paramref name="quarter"/> as known at <paramref name="asOf"/> (≥ quarter): the target series.</summary>
    public double Offences(int unit, int quarter, int asOf) =>
        (_reportedOffences[unit, quarter] + _patrolOffences[unit, quarter]) / Multiplier(unit, quarter, asOf);

    /// <summary>Offences of quarter t as known at t.</summary>
    public double Offences(int unit, int t) => Offences(unit, t, t);

    /// <summary>Mean offences per quarter over quarters t−3…t as known at t (the 4-quarter-mean baseline's forecast).</summary>
    public double RecentMean(int unit, int t) => Window(unit, t, 4) / 4;

    /// <summary>Weight that turns one recorded offence of (unit, quarter) into target-series units, as known at <paramref name="asOf"/>.</summary>
    public double OffenceWeight(int unit, int quarter, int asOf) => 1 / Multiplier(unit, quarter, asOf);

    private readonly Dictionary<int, double> _overallMean = [];

    /// <summary>Quarters of prior weight given to the overall mean when shrinking a unit's history mean (<see cref="CountOffset"/>).</summary>
    public const double OffsetPriorQuarters = 4;

    /// <summary>
    /// The unit's mean offences per quarter over quarters ≤ t, shrunk towards the mean of all units:
    /// (Σ own + k·overall)/(n + k) with k = <see cref="OffsetPriorQuarters"/>. The count model predicts a multiple of it.
    /// </summary>
    public double CountOffset(int unit, int t)
    {
        if (!_overallMean.TryGetValue(t, out double overall))
        {
            double sum = 0;
            for (int u = 0; u < _panel.UnitCount; u++) sum += Window(u, t, t + 1);
            _overallMean[t] = overall = Math.Max(sum / (_panel.UnitCount * (t + 1.0)), 1e-3);
        }
        return (Window(unit, t, t + 1) + OffsetPriorQuarters * overall) / (t + 1 + OffsetPriorQuarters);
    }

    /// <summary>Count label of the row at t: offences of quarter t+1 (patrol-adjusted when guarded).</summary>
    public double CountLabel(int unit, int t) => Offences(unit, t + 1, t + 1);

    /// <summary>
    /// Binary label of the row at t. Unguarded: at least one recorded offence in t+1 or an active site at its end.
    /// Guarded: at least one offence reported in t+1, an event whose chance does not depend on where patrols went.
    /// </summary>
    public bool BinaryLabel(int unit, int t) => Guard == FeedbackGuard.ExposureAdjusted
        ? _reportedOffences[unit, t + 1] >= 1
        : _reportedOffences[unit, t + 1] + _patrolOffences[unit, t + 1] >= 1
          || _panel.ActiveUseSites[unit, t + 1] + _panel.ActiveDealingSites[unit, t + 1] > 0;

    /// <summary>
    /// Status label of the row at t: does the status of year(t) come out worse than that of year(t)−1? Decided after
    /// the year ends, so the label becomes known at the first quarter of year(t)+1 (<paramref name="labelPosition"/>,
    /// may lie beyond the panel). Null when either status is unknown.
    /// </summary>
    public bool? StatusWorsened(int unit, int t, out int labelPosition)
    {
        int year = CalendarQuarter.FromOrdinal(_panel.Quarters[t]).Year;
        labelPosition = new CalendarQuarter(year + 1, 1).Ordinal - _panel.Quarters[0];
        int now = _panel.Status(unit, year), before = _panel.Status(unit, year - 1);
        if (now < 0 || before < 0) return null;
        return now > before;
    }

    /// <summary>Quarters since the unit last had patrol exposure (0 = patrolled in t), capped at <see cref="RiskFeatureCatalog.QuietCap"/>.</summary>
    public int QuartersSinceLastPatrol(int unit, int t)
    {
        int quiet = 0;
        for (int s = t; s >= 0 && _panel.PatrolDays[unit, s] <= 0 && quiet < RiskFeatureCatalog.QuietCap; s--) quiet++;
        return quiet;
    }

    /// <summary>Last known yearly status at t (that of the previous calendar year).</summary>
    public int LastKnownStatus(int unit, int t) => _panel.Status(unit, CalendarQuarter.FromOrdinal(_panel.Quarters[t]).Year - 1);

    public float[] Row(int unit, int t)
    {
        var row = new float[FeatureCount];
        Fill(unit, t, row);
        return row;
    }

    /// <summary>Writes the features of (unit, t) into <paramref name="row"/>; reads quarters ≤ t only.</summary>
    public void Fill(int unit, int t, Span<float> row)
    {
        if (t < MinimumHistory - 1 || t >= _panel.QuarterCount)
            throw new ArgumentOutOfRangeException(nameof(t), $"Rows need {MinimumHistory} quarters of history.");
        var p = _panel;
        int i = 0;
        for (int k = 0; k < IncidentKinds.CountedKinds; k++)
            foreach (int window in RiskFeatureCatalog.CountWindows)
            {
                double sum = 0;
                for (int s = t - window + 1; s <= t; s++) sum += KindCount(unit, s, (IncidentKind)k, t);
                row[i++] = (float)sum;
            }

        double population = Math.Max(p.Population[unit], 1);
        double offences4 = Window(unit, t, 4);
        double arrests4 = 0;
        for (int s = t - 3; s <= t; s++) arrests4 += KindCount(unit, s, IncidentKind.Arrest, t);
        // Long windows are per-quarter means over the quarters available, so early rows mean the same as late ones.
        int longWindow = Math.Min(RiskFeatureCatalog.TrendQuarters, t + 1);
        row[i++] = (float)(Window(unit, t, longWindow) / longWindow);
        double historyMean = Window(unit, t, t + 1) / (t + 1);
        row[i++] = (float)historyMean;
        row[i++] = (float)(historyMean / p.AreaKm2[unit]);
        row[i++] = (float)(offences4 * 1000 / population);
        row[i++] = (float)(arrests4 * 1000 / population);

        int trendLength = Math.Min(RiskFeatureCatalog.TrendQuarters, t + 1);
        Span<double> series = stackalloc double[trendLength];
        for (int s = 0; s < trendLength; s++) series[s] = Offences(unit, t - trendLength + 1 + s, t);
        var (mkS, mkZ) = Statistics.MannKendall.StatisticAndZ(series);
        row[i++] = (float)TrendMeasures.OlsSlope(series);
        row[i++] = (float)mkS;
        row[i++] = (float)mkZ;
        row[i++] = TrendMeasures.RisingStreak(series);

        var neighbours = p.Neighbours[unit];
        double lag1 = 0, lag4 = 0, lag8 = 0;
        foreach (int j in neighbours)
        {
            lag1 += Offences(j, t, t);
            lag4 += Window(j, t, 4);
            lag8 += Window(j, t, longWindow);
        }
        int degree = Math.Max(1, neighbours.Length);
        row[i++] = (float)(lag1 / degree);
        row[i++] = (float)(lag4 / degree);
        row[i++] = (float)(lag8 / degree / longWindow);

        row[i++] = p.ActiveUseSites[unit, t];
        row[i++] = p.ActiveDealingSites[unit, t];

        int year = CalendarQuarter.FromOrdinal(p.Quarters[t]).Year;
        int last = p.Status(unit, year - 1), before = p.Status(unit, year - 2);
        row[i++] = last;
        row[i++] = last >= 0 && before >= 0 ? last - before : 0;

        row[i++] = (float)(p.ConditionalBusinesses[unit] * 1000 / population);
        row[i++] = (float)(p.KeyRouteDistanceM[unit] / 1000);
        row[i++] = (float)(p.Population[unit] / 1000);
        row[i++] = (float)p.AreaKm2[unit];
        row[i++] = (float)(p.Population[unit] / p.AreaKm2[unit]);

        int quiet = 0;
        for (int s = t; s >= 0 && _reportedOffences[unit, s] + _patrolOffences[unit, s] <= 0 && quiet < RiskFeatureCatalog.QuietCap; s--) quiet++;
        row[i++] = quiet;

        double patrol4 = 0, recorded4 = 0, days4 = 0;
        for (int s = t - 3; s <= t; s++)
        {
            patrol4 += _patrolOffences[unit, s];
            recorded4 += _reportedOffences[unit, s] + _patrolOffences[unit, s];
            days4 += p.PatrolDays[unit, s];
        }
        row[i++] = recorded4 > 0 ? (float)(patrol4 / recorded4) : 0;

        if (Guard == FeedbackGuard.ExposureAdjusted)
        {
            row[i++] = (float)days4;
            row[i++] = days4 > 0 ? (float)(patrol4 * 100 / days4) : 0;
        }
        if (i != FeatureCount) throw new InvalidOperationException("Feature catalogue and assembler disagree.");
    }

    private double Multiplier(int unit, int quarter, int asOf) =>
        _effort?.Multiplier(asOf, _panel.PatrolDays[unit, quarter]) ?? 1;

    // Count of one kind in quarter s as known at t: offences patrol-adjusted when guarded, other kinds reported only.
    private double KindCount(int unit, int s, IncidentKind kind, int t)
    {
        int reported = _panel.Count(unit, s, kind, DiscoverySource.Reported), patrol = _panel.Count(unit, s, kind, DiscoverySource.Patrol);
        if (Guard == FeedbackGuard.None) return reported + patrol;
        return IncidentKinds.IsOffence(kind) ? (reported + patrol) / Multiplier(unit, s, t) : reported;
    }

    private double Window(int unit, int t, int quarters)
    {
        double sum = 0;
        for (int s = Math.Max(0, t - quarters + 1); s <= t; s++) sum += Offences(unit, s, t);
        return sum;
    }
}
