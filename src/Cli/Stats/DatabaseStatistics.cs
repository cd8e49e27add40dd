using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Statistics.Runs;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using Npgsql;

namespace DiaBan.Cli.Stats;

/// <summary>
/// `diaban stats … --indicator NAME --year YYYY` or `--from YYYYQn --to YYYYQn`: the same runs as the web map
/// (<see cref="HotSpotService"/>), on every commune of the database or of --province, one row per commune by code.
/// </summary>
public static class DatabaseStatistics
{
    public static async Task<StatsOutput> RunAsync(StatsArguments a, string connectionString, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var service = new HotSpotService(new StatisticsLayers(dataSource));
        var scope = a.Province is null ? AreaScope.Everything : AreaScope.Province(a.Province);
        var options = new LayerRunOptions
        {
            Weights = a.Weights, Transform = a.Transform, Permutations = a.Permutations, Seed = a.Seed, Fdr = a.Fdr, Measure = a.Measure,
        };
        return a.Statistic switch
        {
            "moran" => new StatsOutput(null, await MoranAsync(service, a, scope, options, ct), []),
            "ehsa" => new StatsOutput(await EmergingAsync(service, a, scope, ct), null, []),
            "kde" => new StatsOutput(await DensityAsync(service, a, scope, ct), null, []),
            _ => new StatsOutput(await LocalAsync(service, a, scope, options, ct), null, []),
        };
    }

    private static async Task<StatsTable> LocalAsync(HotSpotService service, StatsArguments a, AreaScope scope, LayerRunOptions options, CancellationToken ct)
    {
        var statistic = a.Statistic switch
        {
            "gistar" => LocalStatistic.GiStar,
            "gi" => LocalStatistic.Gi,
            _ => LocalStatistic.LocalMoran,
        };
        var result = await service.LocalAsync(statistic, a.Indicator!, a.Period ?? ReportPeriod.Year(a.Year!.Value), scope, options, ct);
        var lisa = statistic == LocalStatistic.LocalMoran;
        var table = new StatsTable(["code", "name", "value", "neighbours", lisa ? "i" : "g", "z", "p", lisa ? "cluster" : "bin", "label"]);
        table.Fact("statistic", a.Statistic);
        var period = a.Period ?? ReportPeriod.Year(a.Year!.Value);
        table.Fact("layer", $"{a.Indicator} {period}, communes valid on {period.End:yyyy-MM-dd}{(a.Province is null ? "" : $" in province {a.Province}")}");
        table.Fact("measure", a.Measure == StatisticsMeasure.Rate ? "per 10,000 residents" : "count / figure");
        table.Fact("weights", $"{a.Weights} ({result.WeightsDescription})");
        table.Fact("transform", WeightsSpec.Code(result.Transform));
        table.Fact("significance", a.Fdr ? "Benjamini–Hochberg FDR over all communes" : "uncorrected p");
        table.Fact("analysed", result.Analysed);
        foreach (var note in result.Notes) table.Note(note);
        foreach (var u in result.Units)
        {
            var r = u.Row;
            table.Add(u.Unit.Code, u.Unit.Name, u.Value, r?.Neighbours, r?.Statistic, r?.Z, r?.P, r?.Code, r?.Label ?? "Không có số liệu");
        }
        return table;
    }

    private static async Task<string> MoranAsync(HotSpotService service, StatsArguments a, AreaScope scope, LayerRunOptions options, CancellationToken ct)
    {
        var result = await service.MoranAsync(a.Indicator!, a.Year!.Value, scope, options, ct);
        (string, object?)[] context =
        [
            ("statistic", "moran"),
            ("layer", $"{a.Indicator} {a.Year}"),
            ("measure", a.Measure.Code()),
            ("weights", $"{a.Weights} ({result.WeightsDescription})"),
            ("transform", WeightsSpec.Code(result.Transform)),
        ];
        return MoranOutput.Json(context, result.Moran, a.Seed, result.Notes);
    }

    private static async Task<StatsTable> EmergingAsync(HotSpotService service, StatsArguments a, AreaScope scope, CancellationToken ct)
    {
        var defaults = new QuarterlyEmergingOptions();
        var options = defaults with
        {
            Weights = a.Weights,
            Transform = a.Transform ?? defaults.Transform,
            NeighbourhoodTimeStep = a.TimeWindow ?? defaults.NeighbourhoodTimeStep,
            GlobalWindow = a.GlobalWindow ?? defaults.GlobalWindow,
            Measure = a.Measure,
        };
        var result = await service.EmergingAsync(a.From!.Value, a.To!.Value, scope, options, ct);
        var table = new StatsTable(["code", "name", "category", "category_name", "label", "trend_z", "trend_p", "hot_quarters", "cold_quarters", "final_z", "final_p", "final_bin"]);
        table.Fact("statistic", "ehsa");
        table.Fact("layer", $"quarterly incidents {a.From}–{a.To} on the communes valid on {a.To!.Value.End:yyyy-MM-dd}, incidents re-joined by location");
        table.Fact("measure", a.Measure == StatisticsMeasure.Rate ? "per 10,000 residents" : "count");
        table.Fact("weights", $"{a.Weights} ({result.WeightsDescription})");
        table.Fact("transform", WeightsSpec.Code(options.Transform));
        table.Fact("time_window", $"{options.NeighbourhoodTimeStep} quarter(s) back");
        table.Fact("global_window", options.GlobalWindow.ToString());
        foreach (var note in result.Notes) table.Note(note);
        foreach (var u in result.Units)
        {
            var l = u.Location;
            var final = l.Bins[^1];
            table.Add(u.Unit.Code, u.Unit.Name, (int)l.Category, l.Category.ToString(), l.Category.Vietnamese(), l.Trend.Z, l.Trend.P,
                l.HotSteps, l.ColdSteps, final.Z, final.P, final.Bin);
        }
        return table;
    }

    private static async Task<StatsTable> DensityAsync(HotSpotService service, StatsArguments a, AreaScope scope, CancellationToken ct)
    {
        var result = a.Period is { } period
            ? await service.DensityAsync(period, scope, a.Radius, minimumShare: 0, ct)
            : await service.DensityAsync(a.From!.Value, a.To!.Value, scope, a.Radius, minimumShare: 0, ct);
        var table = new StatsTable(["column", "row", "lon", "lat", "density_per_km2", "expected"]);
        table.Fact("statistic", "kde");
        table.Fact("layer", a.Period is { } p ? $"incidents {p} ({p.Start:yyyy-MM-dd}–{p.End:yyyy-MM-dd})" : $"incidents {a.From}–{a.To}");
        table.Fact("incidents", result.Points);
        table.Fact("search_radius_m", result.SearchRadiusMetres);
        table.Fact("cell_size_m", result.CellSizeMetres);
        foreach (var cell in result.Cells)
        {
            var centre = cell.LonLat.Centroid;
            table.Add(cell.Column, cell.Row, Math.Round(centre.X, 6), Math.Round(centre.Y, 6), cell.DensityPerKm2, cell.Expected);
        }
        return table;
    }
}
