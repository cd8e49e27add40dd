using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Spatial;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Statistics.Runs;
using DiaBan.Geo.Queries;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace DiaBan.Geo.Services;

/// <summary>A database layer cannot be analysed (no communes, too few figures, all values equal); the message says why.</summary>
public sealed class StatisticsUnavailableException(string message) : InvalidOperationException(message);

/// <summary>
/// The statistics of the map and of `diaban stats --indicator/--from`: database layer (StatisticsLayers) → values and
/// geometries → the Analytics runs → one result per commune. Every run covers the whole province(s) the caller's area
/// lies in, because a commune's statistic depends on all its neighbours; each result says whether the caller may see
/// the commune, and the GeoJSON keeps only those.
/// </summary>
public sealed class HotSpotService(StatisticsLayers layers)
{
    public Task<LocalLayerResult> LocalAsync(LocalStatistic statistic, string indicator, int year, AreaScope scope, LayerRunOptions options, CancellationToken ct = default) =>
        LocalAsync(statistic, indicator, ReportPeriod.Year(year), scope, options, ct);

    /// <summary>Gi* or LISA of an indicator over a period (incidents over its dates; reported figures of its year) on the communes valid at its end.</summary>
    public async Task<LocalLayerResult> LocalAsync(LocalStatistic statistic, string indicator, ReportPeriod period, AreaScope scope, LayerRunOptions options, CancellationToken ct = default)
    {
        var year = period.CalendarYear;
        var (units, visible, values, notes) = await PeriodLayerAsync(indicator, period, scope, options.Measure, ct);
        var kept = Kept(values, notes, "không có số liệu năm / no figure for the year");
        var weights = Weights(units, kept, options.Weights, notes);
        LocalRun run;
        try
        {
            run = LocalStatistics.Run(statistic, kept.Select(i => values[i]!.Value).ToArray(), weights.Weights,
                new LocalRunOptions(options.Transform, options.Permutations, options.Seed, options.Fdr));
        }
        catch (ArgumentException e)
        {
            throw new StatisticsUnavailableException($"{indicator} {year}: {e.Message}");
        }
        var rowOf = new LocalRow?[units.Count];
        foreach (var row in run.Rows) rowOf[kept[row.Index]] = row;
        var results = units.Select((u, i) => new UnitLocalResult(u, visible.Contains(u.Id), values[i], rowOf[i])).ToArray();
        return new LocalLayerResult(statistic, indicator, year, options.Measure, weights.Description, run.Transform, options.Fdr, run.Analysed, results, notes);
    }

    public async Task<MoranLayerResult> MoranAsync(string indicator, int year, AreaScope scope, LayerRunOptions options, CancellationToken ct = default)
    {
        var (units, _, values, notes) = await PeriodLayerAsync(indicator, ReportPeriod.Year(year), scope, options.Measure, ct);
        var kept = Kept(values, notes, "không có số liệu năm / no figure for the year");
        var weights = Weights(units, kept, options.Weights, notes);
        var transform = options.Transform ?? WeightsTransform.RowStandardised;
        try
        {
            var moran = GlobalMoran.Compute(kept.Select(i => values[i]!.Value).ToArray(), weights.Weights.Styled(transform),
                new GlobalMoranOptions(options.Permutations, options.Seed));
            return new MoranLayerResult(indicator, year, options.Measure, weights.Description, transform, moran, notes);
        }
        catch (ArgumentException e)
        {
            throw new StatisticsUnavailableException($"{indicator} {year}: {e.Message}");
        }
    }

    /// <summary>Emerging Hot Spot Analysis of quarterly incidents on the communes valid at the end of the span.</summary>
    public async Task<EmergingLayerResult> EmergingAsync(CalendarQuarter from, CalendarQuarter to, AreaScope scope, QuarterlyEmergingOptions options, CancellationToken ct = default)
    {
        if (to.Ordinal - from.Ordinal < 2) throw new StatisticsUnavailableException($"{from}–{to}: at least 3 quarters are needed (Mann–Kendall) / cần ít nhất 3 quý");
        var units = await layers.UnitsAsync(to.End, scope, ct);
        var visible = await layers.VisibleUnitIdsAsync(scope, ct);
        var counts = await layers.QuarterlyIncidentCountsAsync(units, from, to, ct);
        var notes = new List<string>();
        var series = counts.Select((row, i) => options.Measure == StatisticsMeasure.Count ? row
            : units[i].Population is > 0 ? row.Select(c => c * StatisticsMeasures.RateBase / units[i].Population!.Value).ToArray() : null).ToArray();
        var kept = Kept(series.Select(s => s is null ? (double?)null : 0).ToArray(), notes, "không có dân số / no population for a rate");
        var weights = Weights(units, kept, options.Weights, notes, spaceTime: true);
        EmergingHotSpotResult result;
        try
        {
            result = EmergingHotSpots.Analyse(kept.Select(i => (IReadOnlyList<double>)series[i]!).ToArray(), weights.Weights.Styled(options.Transform),
                new EmergingHotSpotOptions(options.NeighbourhoodTimeStep, options.GlobalWindow));
        }
        catch (ArgumentException e)
        {
            throw new StatisticsUnavailableException($"{from}–{to}: {e.Message}");
        }
        var results = kept.Select((unit, k) => new UnitEmergingResult(units[unit], visible.Contains(units[unit].Id), series[unit]!, result.Locations[k])).ToArray();
        return new EmergingLayerResult(from, to, options, weights.Description, results, notes);
    }

    /// <summary>
    /// Quartic KDE of the span's incidents over the province(s) (ArcGIS default radius unless given), on a coarse grid,
    /// keeping cells of at least <paramref name="minimumShare"/> of the peak whose centre lies in the caller's area.
    /// </summary>
    public async Task<DensityLayerResult> DensityAsync(CalendarQuarter from, CalendarQuarter to, AreaScope scope, double? searchRadius = null, double minimumShare = 0.05, CancellationToken ct = default)
    {
        if (to < from) throw new StatisticsUnavailableException($"{to} is before {from} / quý kết thúc trước quý bắt đầu");
        return await DensityAsync(from.Start, to.EndExclusive, scope, searchRadius, minimumShare, ct);
    }

    /// <summary>The density of the incidents of a period (its exact dates, a month included).</summary>
    public Task<DensityLayerResult> DensityAsync(ReportPeriod period, AreaScope scope, double? searchRadius = null, double minimumShare = 0.05, CancellationToken ct = default) =>
        DensityAsync(period.Start, period.EndExclusive, scope, searchRadius, minimumShare, ct);

    private async Task<DensityLayerResult> DensityAsync(DateOnly start, DateOnly endExclusive, AreaScope scope, double? searchRadius, double minimumShare, CancellationToken ct)
    {
        CalendarQuarter from = CalendarQuarter.Of(start), to = CalendarQuarter.Of(endExclusive.AddDays(-1));
        var units = await layers.UnitsAsync(endExclusive.AddDays(-1), scope, ct);
        var points = units.Count == 0 ? [] : await layers.IncidentPointsAsync(units, start, endExclusive, ct);
        if (points.Count < 2) throw new StatisticsUnavailableException($"{from}–{to}: fewer than 2 incidents / chưa đủ vụ việc để tính mật độ");
        var visible = await layers.VisibleUnitIdsAsync(scope, ct);
        var grid = DensitySurface.Estimate(points, units.Select(u => u.Geometry).ToArray(), searchRadius);
        var area = new STRtree<IPreparedGeometry>();
        foreach (var u in units.Where(u => visible.Contains(u.Id))) area.Insert(u.Geometry.EnvelopeInternal, PreparedGeometryFactory.Prepare(u.Geometry));
        area.Build();
        var cells = DensitySurface.Cells(grid, minimumShare).Where(c =>
        {
            var centre = c.LonLat.Centroid;
            return area.Query(centre.EnvelopeInternal).Any(g => g.Covers(centre));
        }).ToArray();
        return new DensityLayerResult(from, to, points.Count, grid.SearchRadius, grid.CellSize, grid.Maximum * 1e6, cells);
    }

    private async Task<(IReadOnlyList<StatisticsUnit> Units, IReadOnlySet<int> Visible, double?[] Values, List<string> Notes)> PeriodLayerAsync(
        string indicator, ReportPeriod period, AreaScope scope, StatisticsMeasure measure, CancellationToken ct)
    {
        if (!StatisticsLayers.IsIndicator(indicator))
            throw new StatisticsUnavailableException($"unknown indicator '{indicator}'; one of {string.Join(", ", StatisticsLayers.Indicators)} / chỉ tiêu không tồn tại");
        var units = await layers.UnitsAsync(period.End, scope, ct);
        var visible = await layers.VisibleUnitIdsAsync(scope, ct);
        var figures = await layers.PeriodFiguresAsync(indicator, period, units, ct);
        var values = figures.Select(f => measure.Apply(f.Value, f.Population)).ToArray();
        return (units, visible, values, new List<string>());
    }

    // indices of the units with a value; at least 3 are needed for any of the statistics
    private static int[] Kept(IReadOnlyList<double?> values, List<string> notes, string why)
    {
        var kept = Enumerable.Range(0, values.Count).Where(i => values[i] is not null).ToArray();
        if (kept.Length < values.Count) notes.Add($"{values.Count - kept.Length} xã bị loại: {why} / communes left out");
        if (kept.Length < 3) throw new StatisticsUnavailableException($"only {kept.Length} communes to analyse (at least 3 needed) / không đủ xã để phân tích");
        return kept;
    }

    // islands stay out of the statistic (no neighbours, no local evidence) and are reported as such
    private static LayerWeightsResult Weights(IReadOnlyList<StatisticsUnit> units, int[] kept, WeightsSpec spec, List<string> notes, bool spaceTime = false)
    {
        var layer = new StatisticsLayer(kept.Select(i => units[i].Geometry).ToArray(), LayerCoordinates.LonLat);
        LayerWeightsResult weights;
        try
        {
            weights = LayerWeights.Build(layer, spec, IslandPolicy.Exclude);
        }
        catch (ArgumentException e)
        {
            throw new StatisticsUnavailableException(e.Message);
        }
        if (weights.Weights.Islands.Count > 0)
        {
            notes.Add(spaceTime
                ? $"{weights.Weights.Islands.Count} xã không có láng giềng: chỉ so với chính nó qua các quý / communes without neighbours: their space-time Gi* uses their own quarters only"
                : $"{weights.Weights.Islands.Count} xã không có láng giềng, không tính / communes without neighbours: no statistic");
        }
        return weights;
    }
}
