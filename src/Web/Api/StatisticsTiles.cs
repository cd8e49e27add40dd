using System.Globalization;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Statistics.Runs;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Web.Map;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using NetTopologySuite.IO;

namespace DiaBan.Web.Api;

/// <summary>
/// The parameters of a statistics tile, as the GeoJSON statistics API takes them (/api/hotspots, /api/clusters,
/// /api/emerging, /api/density): Gi* and LISA take indicator, period (or year), measure, weights, fdr; EHSA takes
/// from..to or period, measure, weights; density from..to or period and radius. <see cref="Canonical"/> names the
/// computation (cache key and ETag part).
/// </summary>
public sealed record StatisticsTileRequest(
    TileLayer Layer, string Indicator, ReportPeriod? Period, CalendarQuarter From, CalendarQuarter To,
    StatisticsMeasure Measure, WeightsSpec Weights, bool Fdr, double? Radius)
{
    public string Canonical => Layer switch
    {
        TileLayer.HotSpots or TileLayer.Clusters => $"{Layer}|{Indicator}|{Period}|{Measure.Code()}|{Weights}|{Fdr}",
        TileLayer.Emerging => $"{Layer}|{From}|{To}|{Measure.Code()}|{Weights}",
        _ => $"{Layer}|{Period?.ToString() ?? $"{From}-{To}"}|{Radius?.ToString(CultureInfo.InvariantCulture)}",
    };

    /// <summary>
    /// The query string of the tile URL that asks for this computation (<see cref="Parse"/> reads it back to the same
    /// <see cref="Canonical"/>): the map page builds its statistics tile URL from it.
    /// </summary>
    public string Query => Layer switch
    {
        TileLayer.HotSpots or TileLayer.Clusters =>
            $"indicator={Uri.EscapeDataString(Indicator)}&period={Period}&measure={Measure.Code()}&weights={Uri.EscapeDataString(Weights.ToString())}&fdr={(Fdr ? "true" : "false")}",
        TileLayer.Emerging => $"from={From}&to={To}&measure={Measure.Code()}&weights={Uri.EscapeDataString(Weights.ToString())}",
        _ => (Period is { } p ? $"period={p}" : $"from={From}&to={To}")
             + (Radius is { } r ? FormattableString.Invariant($"&radius={r:R}") : ""),
    };

    /// <summary>The route name of the layer in /tiles/{layer}/… (<see cref="TilesApi.Layers"/>).</summary>
    public string LayerName => TilesApi.Layers.Single(l => l.Value == Layer).Key;

    /// <summary>The request, or a 400 naming the bad parameter.</summary>
    public static (StatisticsTileRequest? Request, ProblemHttpResult? Problem) Parse(TileLayer layer, IQueryCollection query)
    {
        string? Text(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        var (measure, weights) = (StatisticsMeasure.Count, WeightsSpec.Queen);
        if (layer != TileLayer.Density)
        {
            if (StatisticsApi.Options(Text("measure"), Text("weights")) is not { } o)
                return (null, ApiProblems.BadRequest("measure must be count or rate; weights queen, rook, knn:K or band:METRES"));
            (measure, weights) = o;
        }
        switch (layer)
        {
            case TileLayer.HotSpots or TileLayer.Clusters:
            {
                var indicator = Text("indicator") ?? StatisticsLayers.Incidents;
                if (!StatisticsLayers.IsIndicator(indicator))
                    return (null, ApiProblems.BadRequest($"indicator must be one of {string.Join(", ", StatisticsLayers.Indicators)}"));
                int? year = null;
                if (Text("year") is { } y)
                {
                    if (!int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var yi)) return (null, ApiProblems.BadRequest($"year '{y}' is not a year"));
                    year = yi;
                }
                var (p, problem) = ApiInput.Period(Text("period"), year);
                if (p is not { } period) return (null, problem);
                bool fdr = layer == TileLayer.HotSpots;
                if (Text("fdr") is { } f && !bool.TryParse(f, out fdr)) return (null, ApiProblems.BadRequest("fdr must be true or false"));
                return (new(layer, indicator, period, period.First, period.Last, measure, weights, fdr, null), null);
            }
            case TileLayer.Emerging:
            {
                var (span, problem) = StatisticsApi.Span(Text("from"), Text("to"), Text("period"));
                if (span is not { } s) return (null, problem);
                return (new(layer, StatisticsLayers.Incidents, null, s.From, s.To, measure, weights, false, null), null);
            }
            default:
            {
                double? radius = null;
                if (Text("radius") is { } r)
                {
                    if (!double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var rv) || !(rv is > 0 and <= 100_000))
                        return (null, ApiProblems.BadRequest("radius is a search radius in metres, 0 < radius ≤ 100000"));
                    radius = rv;
                }
                if (!string.IsNullOrWhiteSpace(Text("period")))
                {
                    var (p, problem) = ApiInput.Period(Text("period"));
                    if (p is not { } period) return (null, problem);
                    return (new(layer, StatisticsLayers.Incidents, period, period.First, period.Last, measure, weights, false, radius), null);
                }
                if (ApiInput.QuarterSpan(Text("from"), Text("to")) is not { } span)
                    return (null, ApiProblems.BadRequest(ApiInput.QuarterSpanRule + $"; or period= {ReportPeriod.Forms}"));
                return (new(layer, StatisticsLayers.Incidents, null, span.From, span.To, measure, weights, false, radius), null);
            }
        }
    }
}

/// <summary>
/// One run of a statistics layer: the service's whole result (the one of <see cref="Local"/>, <see cref="Emerging"/>,
/// <see cref="Density"/> that the layer has; the map page's legend and panel read it) and the per-commune data its
/// tiles draw, derived from it.
/// </summary>
public sealed record StatisticsRun(StatisticsTileData Tiles, LocalLayerResult? Local = null, EmergingLayerResult? Emerging = null, DensityLayerResult? Density = null);

/// <summary>
/// The per-commune results a statistics tile draws, computed by the same services as the GeoJSON statistics API
/// (HotSpotService, AreaDensity) once per scope, parameters and data version, and kept in memory: the dozens of tiles of
/// one view share one computation (requests arriving together wait for the same task), and the map page's statistics
/// view, which needs the whole result for its legend and panel, runs it through <see cref="RunAsync"/> and leaves the
/// tiles' data here, so its tiles compute nothing again. Only the tiles' compact arrays are kept (the whole result
/// holds every commune's geometry). The data version is the tiles'
/// (<see cref="TileQueries.DataVersionAsync"/>): imports of incidents, boundaries and reported figures, approved figure
/// entries and classifications make older entries unreachable.
/// </summary>
public sealed class StatisticsTiles(HotSpotService service, AreaDensity density) : IDisposable
{
    /// <summary>How long one computation may run (it is shared, so it does not stop when one tile request goes away).</summary>
    public static TimeSpan Limit { get; set; } = TimeSpan.FromSeconds(120);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 64 });

    /// <summary>Computations run since start (a cache hit runs none): lets tests see that tiles share one.</summary>
    public long Computed => Interlocked.Read(ref computed);

    private long computed;

    private static (string, string, long) Key(StatisticsTileRequest request, AreaScope scope, long dataVersion) =>
        (request.Canonical, scope.ToString(), dataVersion);

    public Task<StatisticsTileData> DataAsync(StatisticsTileRequest request, AreaScope scope, long dataVersion)
    {
        var key = Key(request, scope, dataVersion);
        var entry = cache.GetOrCreate(key, e =>
        {
            e.Size = 1;
            return new Lazy<Task<StatisticsTileData>>(async () => (await ComputeAsync(request, scope)).Tiles);
        })!;
        var task = entry.Value;
        // a failure that is not the data's answer (a timeout, a dropped connection) is not kept
        _ = task.ContinueWith(t => { if (t.IsFaulted && t.Exception?.InnerException is not StatisticsUnavailableException) cache.Remove(key); },
            TaskScheduler.Default);
        return task;
    }

    /// <summary>
    /// The whole run, for a caller that needs more than the tiles (the map page's legend and panel). With a data
    /// version, the tiles' data of the run is kept for the tiles of that version, which then compute nothing.
    /// </summary>
    public async Task<StatisticsRun> RunAsync(StatisticsTileRequest request, AreaScope scope, long? keepForDataVersion)
    {
        var run = await ComputeAsync(request, scope);
        if (keepForDataVersion is { } version)
        {
            cache.GetOrCreate(Key(request, scope, version), e =>
            {
                e.Size = 1;
                return new Lazy<Task<StatisticsTileData>>(Task.FromResult(run.Tiles));
            });
        }
        return run;
    }

    private async Task<StatisticsRun> ComputeAsync(StatisticsTileRequest request, AreaScope scope)
    {
        Interlocked.Increment(ref computed);
        using var timeout = new CancellationTokenSource(Limit);
        var ct = timeout.Token;
        switch (request.Layer)
        {
            case TileLayer.HotSpots or TileLayer.Clusters:
            {
                var statistic = request.Layer == TileLayer.HotSpots ? LocalStatistic.GiStar : LocalStatistic.LocalMoran;
                var options = new LayerRunOptions { Fdr = request.Fdr, Measure = request.Measure, Weights = request.Weights };
                var result = await service.LocalAsync(statistic, request.Indicator, request.Period!.Value, scope, options, ct);
                var shown = result.Units.Where(u => u.Visible).ToArray();
                return new StatisticsRun(new StatisticsTileData(
                    shown.Select(u => u.Unit.Id).ToArray(),
                    shown.Select(u => StatisticsKeys.Local(statistic, u.Row)).ToArray(),
                    shown.Select(u => u.Row?.Code ?? 0).ToArray(),
                    shown.Select(u => Finite(u.Row?.Z)).ToArray(),
                    shown.Select(u => Finite(u.Row?.P)).ToArray()), Local: result);
            }
            case TileLayer.Emerging:
            {
                var options = new QuarterlyEmergingOptions { Measure = request.Measure, Weights = request.Weights };
                var result = await service.EmergingAsync(request.From, request.To, scope, options, ct);
                var shown = result.Units.Where(u => u.Visible).ToArray();
                return new StatisticsRun(new StatisticsTileData(
                    shown.Select(u => u.Unit.Id).ToArray(),
                    shown.Select(u => StatisticsKeys.Emerging(u.Location.Category)).ToArray(),
                    shown.Select(u => (int)u.Location.Category).ToArray(),
                    shown.Select(u => Finite(u.Location.Trend.Z)).ToArray(),
                    shown.Select(u => Finite(u.Location.Trend.P)).ToArray()), Emerging: result);
            }
            default:
            {
                var result = request.Period is { } p
                    ? await density.DensityAsync(p, scope, request.Radius, ct)
                    : await density.DensityAsync(request.From, request.To, scope, request.Radius, ct);
                var writer = new WKBWriter();
                return new StatisticsRun(StatisticsTileData.Cells(
                    result.Cells.Select(c => writer.Write(c.LonLat)).ToArray(),
                    result.Cells.Select(c => StatisticsKeys.Density(c.ShareOfMaximum)).ToArray(),
                    result.Cells.Select(c => Math.Round(c.DensityPerKm2, 4)).ToArray()), Density: result);
            }
        }
    }

    private static double? Finite(double? v) => v is { } d && double.IsFinite(d) ? d : null;

    public void Dispose() => cache.Dispose();
}
