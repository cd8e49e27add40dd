using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DiaBan.Analytics.Statistics;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Import;

namespace DiaBan.Cli.Stats;

/// <summary>
/// `diaban stats knox --input incidents.csv --distance-bands 100,200,400,800 --time-bands 7,14,30,60 --permutations 999`:
/// the Knox near-repeat table (<see cref="KnoxTest"/>) of an incident file in the import format (id, occurred_on, kind,
/// lon,lat or x,y with --crs), every row checked as the importer checks it, points projected to a metric CRS.
/// </summary>
public static class KnoxCommand
{
    public static Command Build()
    {
        var input = CliOptions.Text("--input", "incident file in the import format (CSV/XLSX: id, occurred_on, kind, lon,lat or x,y) / tệp vụ việc", "file.csv", required: true);
        var crs = CliOptions.Crs("the CRS of x,y columns (lon,lat default WGS 84) / hệ tọa độ của tệp");
        var metricOption = CliOptions.Parsed<int>("--metric-crs",
            "metric CRS the distances are measured in (default: UTM 48N, or 49N east of 108°E) / hệ tọa độ phẳng", "EPSG:xxxx", false, text =>
            {
                try
                {
                    return CoordinateSystems.ParseCode(text);
                }
                catch (CoordinateException e)
                {
                    throw new FormatException(e.Message);
                }
            });
        var distances = CliOptions.Text("--distance-bands", "upper limits of the distance bands, metres / các khoảng cách (m)", "100,200,400,800");
        distances.DefaultValueFactory = _ => "100,200,400,800";
        var times = CliOptions.Text("--time-bands", "upper limits of the time bands, days / các khoảng thời gian (ngày)", "7,14,30,60");
        times.DefaultValueFactory = _ => "7,14,30,60";
        var permutations = CliOptions.Int("--permutations", "Monte Carlo permutations of the dates / số hoán vị", min: 0);
        permutations.DefaultValueFactory = _ => KnoxTest.DefaultPermutations;
        var seed = CliOptions.Int("--seed", "random seed / hạt giống ngẫu nhiên", "S", min: 0);
        seed.DefaultValueFactory = _ => 1;
        var format = CliOptions.Choice("--format", "table or JSON / dạng kết quả", ["table", "json"], "table");
        var command = new Command("knox",
            "near-repeat (Knox) test: pairs of incidents close in space and time against permuted dates / kiểm định lặp lại gần (Knox)")
        {
            input, crs, metricOption, distances, times, permutations, seed, format,
        };
        CliAction.Set(command, (ctx, p, _) =>
        {
            var d = Bands(p.GetValue(distances)!, "--distance-bands", v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture));
            var t = Bands(p.GetValue(times)!, "--time-bands", s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture));
            var events = Read(p.GetValue(input)!, p.GetValue(crs), p.GetValue(metricOption), out int metricEpsg);
            KnoxResult result;
            try
            {
                result = KnoxTest.Run(events, d, t, p.GetValue(permutations)!.Value, (ulong)p.GetValue(seed)!.Value);
            }
            catch (ArgumentException e)
            {
                throw new StatsInputException(e.Message);
            }
            if (p.GetValue(format) == "json") ctx.Out.WriteLine(Json(result, events.Length, metricEpsg));
            else Table(ctx, result, events.Length, metricEpsg);
            return Task.FromResult(DiaBanCli.Ok);
        });
        return command;
    }

    private static T[] Bands<T>(string text, string name, Func<string, T> parse)
    {
        try
        {
            return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(parse).ToArray();
        }
        catch (FormatException)
        {
            throw new CliUsageException($"{name} '{text}' must be a comma-separated list of numbers / danh sách số cách nhau bởi dấu phẩy");
        }
    }

    /// <summary>Rows checked as the importer checks them (errors name file, row and field); points in the metric CRS.</summary>
    private static KnoxEvent[] Read(string path, int? crs, int? metricCrs, out int metricEpsg)
    {
        var table = TableFile.Read(path);
        table.RequireColumns("id", "occurred_on", "kind");
        var point = PointColumns.Detect(table, crs);
        var errors = new ImportErrors(table.Name);
        var parse = new FieldParser(errors);
        var rows = table.Rows.Select(r => IncidentRow.Parse(r, point, parse, errors, IncidentRow.Today(TimeProvider.System))).Where(r => r is not null).Select(r => r!).ToArray();
        errors.ThrowIfAny();
        metricEpsg = metricCrs ?? (rows.Length > 0 && rows.Average(r => r.Lon) >= 108 ? 32649 : 32648);
        if (!CoordinateSystems.Get(metricEpsg).IsProjected)
            throw new CliUsageException($"--metric-crs EPSG:{metricEpsg} is not projected; distances need metres / cần hệ tọa độ phẳng");
        var epsg = metricEpsg;
        return rows.Select(r =>
        {
            var (x, y) = CoordinateSystems.FromWgs84(epsg, r.Lon, r.Lat);
            return new KnoxEvent(x, y, r.OccurredOn);
        }).ToArray();
    }

    private static void Table(CliContext ctx, KnoxResult r, int events, int epsg)
    {
        string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        var rows = r.Cells.Select(c => (IReadOnlyList<string>)[
            $"≤ {F(r.DistanceBandsM[c.DistanceBand], "0")} m", $"≤ {r.TimeBandsDays[c.TimeBand]} d", $"{c.Observed}", F(c.Expected, "0.00"),
            c.Ratio is double q ? F(q, "0.00") : "–", F(c.P, "0.000")]).ToArray();
        var caption = FormattableString.Invariant(
            $"{events} incidents, {r.Pairs} pairs, {r.Permutations} permutations (seed {r.Seed}), EPSG:{epsg}; bands exclusive of the one before");
        var extent = r.ElevatedExtent();
        var summary = extent is { } e
            ? FormattableString.Invariant($"near-repeat risk elevated (p ≤ 0.05, ratio > 1.2) up to {e.DistanceM:0} m and {e.Days} days / nguy cơ lặp lại gần trong {e.DistanceM:0} m, {e.Days} ngày")
            : "no elevated near-repeat band / không thấy lặp lại gần";
        ctx.Terminal.Table(["distance", "time", "observed", "expected", "Knox ratio", "p"], rows,
            [string.Join('\t', "distance_m", "time_days", "observed", "expected", "knox_ratio", "p"),
                .. r.Cells.Select(c => string.Join('\t', F(r.DistanceBandsM[c.DistanceBand], "0.###"), $"{r.TimeBandsDays[c.TimeBand]}", $"{c.Observed}",
                    F(c.Expected, "0.####"), c.Ratio is double q ? F(q, "0.####") : "", F(c.P, "0.####"))),
                caption, summary],
            caption + " — " + summary);
    }

    private static string Json(KnoxResult r, int events, int epsg) => JsonSerializer.Serialize(new KnoxJson(
        events, r.Pairs, r.Permutations, r.Seed, epsg, r.DistanceBandsM, r.TimeBandsDays,
        r.Cells.Select(c => new KnoxCellJson(r.DistanceBandsM[c.DistanceBand], r.TimeBandsDays[c.TimeBand], c.Observed, c.Expected, c.Ratio, c.SimulatedMean, c.P)).ToArray(),
        r.ElevatedExtent() is { } e ? new KnoxExtentJson(e.DistanceM, e.Days) : null));

    private sealed record KnoxJson(
        [property: JsonPropertyName("events")] int Events,
        [property: JsonPropertyName("pairs")] long Pairs,
        [property: JsonPropertyName("permutations")] int Permutations,
        [property: JsonPropertyName("seed")] ulong Seed,
        [property: JsonPropertyName("metric_epsg")] int MetricEpsg,
        [property: JsonPropertyName("distance_bands_m")] IReadOnlyList<double> DistanceBands,
        [property: JsonPropertyName("time_bands_days")] IReadOnlyList<int> TimeBands,
        [property: JsonPropertyName("cells")] IReadOnlyList<KnoxCellJson> Cells,
        [property: JsonPropertyName("elevated")] KnoxExtentJson? Elevated);

    private sealed record KnoxCellJson(
        [property: JsonPropertyName("distance_m")] double DistanceM,
        [property: JsonPropertyName("time_days")] int TimeDays,
        [property: JsonPropertyName("observed")] long Observed,
        [property: JsonPropertyName("expected")] double Expected,
        [property: JsonPropertyName("knox_ratio")] double? Ratio,
        [property: JsonPropertyName("simulated_mean")] double SimulatedMean,
        [property: JsonPropertyName("p")] double P);

    private sealed record KnoxExtentJson(
        [property: JsonPropertyName("distance_m")] double DistanceM,
        [property: JsonPropertyName("days")] int Days);
}
