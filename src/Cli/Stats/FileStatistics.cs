using System.Text.Json;
using DiaBan.Analytics.Spatial;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Statistics.Runs;

namespace DiaBan.Cli.Stats;

/// <summary>`diaban stats … --input FILE`: one output row per input feature, in input order.</summary>
public static class FileStatistics
{
    /// <summary>Runs the statistic; moran returns its JSON object, every other statistic a table.</summary>
    public static StatsOutput Run(StatsArguments a)
    {
        var layer = FeatureLayer.Read(a.Input!, a.Crs, a.IdFields);
        // planar input is said on stderr too, so a user piping the CSV still sees it
        IReadOnlyList<string> notes = layer.IsPlanar ? [$"note: {layer.Coordinates}"] : [];
        return a.Statistic switch
        {
            "moran" => new StatsOutput(null, Moran(a, layer), notes),
            "ehsa" => new StatsOutput(Emerging(a, layer), null, notes),
            "kde" => new StatsOutput(Density(a, layer), null, notes),
            _ => new StatsOutput(Local(a, layer), null, notes),
        };
    }

    private static StatsTable Local(StatsArguments a, FeatureLayer layer)
    {
        var statistic = a.Statistic switch
        {
            "gistar" => LocalStatistic.GiStar,
            "gi" => LocalStatistic.Gi,
            _ => LocalStatistic.LocalMoran,
        };
        var (values, raw, rate) = Values(a, layer);
        var weights = LayerWeights.Build(layer.Layer, a.Weights, a.Islands);
        var run = LocalStatistics.Run(statistic, values, weights.Weights, new LocalRunOptions(a.Transform, a.Permutations, a.Seed, a.Fdr));
        var lisa = statistic == LocalStatistic.LocalMoran;
        var table = new StatsTable([
            "feature", .. layer.IdColumns, a.Field!, .. rate is null ? Array.Empty<string>() : ["rate", "eb_z"],
            "neighbours", lisa ? "i" : "g", "z", "p", lisa ? "cluster" : "bin", "label"]);
        Describe(table, a, layer, weights, run.Transform);
        if (lisa) table.Fact("inference", a.Permutations > 0 ? $"conditional permutation, {a.Permutations} draws, seed {a.Seed}, folded two-sided pseudo p" : "analytic conditional randomisation");
        else table.Fact("p", "two-sided normal p of the z-score");
        table.Fact("significance", a.Fdr ? "Benjamini–Hochberg FDR over all features" : "uncorrected p");
        foreach (var row in run.Rows)
        {
            var i = row.Index;
            table.Add([
                layer.File.Features[i].Row, .. layer.Ids(i), raw[i], .. rate is null ? Array.Empty<object?>() : [rate[i], values[i]],
                row.Neighbours, row.Statistic, row.Z, row.P, row.Code, row.Label]);
        }
        return table;
    }

    private static string Moran(StatsArguments a, FeatureLayer layer)
    {
        var (values, _, _) = Values(a, layer);
        var weights = LayerWeights.Build(layer.Layer, a.Weights, a.Islands);
        var transform = a.Transform ?? WeightsTransform.RowStandardised;
        var moran = GlobalMoran.Compute(values, weights.Weights.Styled(transform), new GlobalMoranOptions(a.Permutations, a.Seed));
        var context = new List<(string, object?)>
        {
            ("statistic", "moran"),
            ("input", layer.File.Name),
            ("field", a.Field),
            ("value", a.PopulationField is null ? a.Field : $"Empirical-Bayes standardised rate {a.Field}/{a.PopulationField}"),
            ("coordinates", layer.Coordinates),
            ("planar", layer.IsPlanar),
            ("weights", $"{a.Weights} ({weights.Description})"),
            ("transform", WeightsSpec.Code(transform)),
        };
        return MoranOutput.Json(context, moran, a.Seed, IslandNotes(weights.Weights));
    }

    private static StatsTable Emerging(StatsArguments a, FeatureLayer layer)
    {
        var idField = a.IdFields.Count > 0 ? a.IdFields[0] : a.UnitField!;
        if (!layer.File.Features[0].Attributes.ContainsKey(idField))
            throw new StatsInputException($"{layer.File.Name}: no attribute '{idField}' to match the table's {a.UnitField} (give --id-field F)");
        var units = layer.File.Features.Select(f => f.GetString(idField)).ToArray();
        var table = SpaceTimeTable.Read(a.Table!, a.UnitField!, a.PeriodField!, a.ValueField!, units);
        var weights = LayerWeights.Build(layer.Layer, a.Weights, a.Islands);
        var transform = a.Transform ?? WeightsTransform.Binary;
        var options = new EmergingHotSpotOptions(a.TimeWindow ?? 1, a.GlobalWindow ?? GlobalWindow.EntireCube);
        var result = EmergingHotSpots.Analyse(table.Cube, weights.Weights.Styled(transform), options);
        var output = new StatsTable([
            "feature", .. layer.IdColumns.Contains(idField) ? layer.IdColumns : [idField, .. layer.IdColumns], "category", "category_name", "label",
            "trend_z", "trend_p", "hot_steps", "cold_steps", "final_z", "final_p", "final_bin"]);
        Describe(output, a, layer, weights, transform);
        output.Fact("periods", $"{table.Periods.Count}: {table.Periods[0]} … {table.Periods[^1]}");
        output.Fact("time_window", $"{options.NeighbourhoodTimeStep} step(s) back");
        output.Fact("global_window", options.GlobalWindow.ToString());
        output.Fact("significance", "Benjamini–Hochberg FDR over all bins; trend: Mann–Kendall at 0.10");
        if (table.FilledWithZero > 0) output.Note($"{table.FilledWithZero} unit-period cells had no row and count as 0 / ô không có dữ liệu tính là 0");
        if (table.UnknownUnits.Count > 0) output.Note($"table units without a polygon, ignored: {string.Join(", ", table.UnknownUnits.Take(10))}");
        for (var i = 0; i < layer.Count; i++)
        {
            var location = result.Locations[i];
            var final = location.Bins[^1];
            object?[] ids = layer.IdColumns.Contains(idField) ? [.. layer.Ids(i)] : [units[i], .. layer.Ids(i)];
            output.Add([
                layer.File.Features[i].Row, .. ids, (int)location.Category, location.Category.ToString(), location.Category.Vietnamese(),
                location.Trend.Z, location.Trend.P, location.HotSteps, location.ColdSteps, final.Z, final.P, final.Bin]);
        }
        return output;
    }

    private static StatsTable Density(StatsArguments a, FeatureLayer layer)
    {
        var weights = a.Field is null ? null : layer.Numbers(a.Field);
        var points = LayerWeights.Points(layer.Layer);
        var radius = a.Radius ?? KernelDensity.DefaultSearchRadius(points, weights);
        var density = DensitySurface.AtTargets(points, weights, points, radius);
        var table = new StatsTable(["feature", .. layer.IdColumns, a.Field ?? "weight", "density_per_km2"]);
        table.Fact("statistic", "kde");
        table.Fact("input", layer.File.Name);
        table.Fact("coordinates", layer.Coordinates);
        table.Fact("planar", layer.IsPlanar);
        table.Fact("kernel", "quartic (ArcGIS Kernel Density); density at each feature's point or centroid");
        table.Fact("search_radius_m", radius);
        table.Fact("radius_rule", a.Radius is null ? "ArcGIS default: 0.9·min(SD, √(1/ln 2)·Dm)·n^-0.2" : "--radius");
        for (var i = 0; i < layer.Count; i++) table.Add([layer.File.Features[i].Row, .. layer.Ids(i), weights?[i] ?? 1.0, density[i]]);
        return table;
    }

    // the analysed values: the field, or with --population-field the Assunção–Reis EB-standardised rate
    private static (double[] Values, double[] Raw, double[]? Rate) Values(StatsArguments a, FeatureLayer layer)
    {
        var raw = layer.Numbers(a.Field!);
        if (a.PopulationField is null) return (raw, raw, null);
        var population = layer.Numbers(a.PopulationField);
        var zero = Enumerable.Range(0, population.Length).Where(i => !(population[i] > 0)).Select(i => layer.File.Features[i].Row).ToList();
        if (zero.Count > 0) throw new StatsInputException($"'{a.PopulationField}' must be positive; it is not in feature(s) {string.Join(", ", zero.Take(20))}");
        var eb = EmpiricalBayesRate.Standardise(raw, population);
        return (eb.Standardised.ToArray(), raw, eb.RawRates.ToArray());
    }

    private static void Describe(StatsTable table, StatsArguments a, FeatureLayer layer, LayerWeightsResult weights, WeightsTransform transform)
    {
        table.Fact("statistic", a.Statistic);
        table.Fact("input", layer.File.Name);
        table.Fact("coordinates", layer.Coordinates);
        table.Fact("planar", layer.IsPlanar);
        table.Fact("id_columns", layer.IdColumns.Count > 0 ? string.Join(",", layer.IdColumns) : "(none: feature number only)");
        if (a.PopulationField is not null) table.Fact("value", $"rate = {a.Field}/{a.PopulationField}, Empirical-Bayes standardised (Assunção & Reis 1999): eb_z is analysed");
        table.Fact("weights", $"{a.Weights} ({weights.Description})");
        table.Fact("transform", WeightsSpec.Code(transform));
        table.Fact("islands", weights.Weights.Islands.Count == 0 ? "none" : $"{weights.Weights.Islands.Count} without neighbours ({(a.Islands == IslandPolicy.Exclude ? "excluded: no statistic" : "kept with a zero lag")})");
        foreach (var note in IslandNotes(weights.Weights)) table.Note(note);
    }

    private static IEnumerable<string> IslandNotes(SpatialWeights weights) =>
        weights.Islands.Count == 0 ? [] : [$"{weights.Islands.Count} feature(s) have no neighbours under these weights / đối tượng không có láng giềng"];
}
