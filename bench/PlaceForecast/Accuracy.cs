using System.Globalization;
using System.Text;
using DiaBan.Analytics.Places;
using DiaBan.Analytics.Risk;

namespace DiaBan.Bench.PlaceForecast;

/// <summary>The accuracy table of docs/performance.md: PAI curve and PEI* per seed and method, the mean over seeds, ratios of the means.</summary>
internal static class Accuracy
{
    private static readonly string[] Methods = ["cell model", "ETAS", "KDE", "last period"];

    private static MethodMetrics Pick(CellBacktestReport r, string method) => method switch
    {
        "cell model" => r.Model,
        "ETAS" => r.Baselines.Etas,
        "KDE" => r.Baselines.Kde,
        _ => r.Baselines.LastPeriod,
    };

    private static double[] Values(MethodMetrics m) =>
        [.. CellAreaShares.Pai.Select(s => m.PaiAt(s) ?? double.NaN), .. CellAreaShares.PeiStar.Select(s => m.PeiStarAt(s) ?? double.NaN)];

    public static string Table(IReadOnlyList<(int Seed, CellBacktestReport Report)> reports)
    {
        var text = new StringBuilder("| seed | method | PAI 0.5 % | PAI 1 % | PAI 2 % | PAI 5 % | PAI 10 % | PEI* 1 % | PEI* 5 % |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        string Row(string seed, string name, double[] v, string format) =>
            $"| {seed} | {name} | {string.Join(" | ", v.Select(x => x.ToString(format, CultureInfo.InvariantCulture)))} |\n";
        foreach (var (seed, r) in reports)
            foreach (var m in Methods)
                text.Append(Row(seed.ToString(CultureInfo.InvariantCulture), m, Values(Pick(r, m)), "0.00"));
        var mean = Methods.ToDictionary(m => m, m =>
        {
            var rows = reports.Select(r => Values(Pick(r.Report, m))).ToArray();
            return Enumerable.Range(0, rows[0].Length).Select(k => rows.Average(row => row[k])).ToArray();
        });
        foreach (var m in Methods) text.Append(Row("mean", $"**{m}**", mean[m], "0.00"));
        double[] Ratio(string a, string b) => mean[a].Zip(mean[b], (x, y) => x / y).ToArray();
        foreach (var b in Methods.Skip(1)) text.Append(Row("mean", $"model ÷ {b}", Ratio("cell model", b), "0.00"));
        text.Append(Row("mean", "ETAS ÷ KDE", Ratio("ETAS", "KDE"), "0.00"));
        // how many seeds the model wins at 1 % and 5 % against each baseline
        foreach (var b in Methods.Skip(1))
        {
            int at1 = reports.Count(r => Pick(r.Report, "cell model").PaiAt(0.01) > Pick(r.Report, b).PaiAt(0.01));
            int at5 = reports.Count(r => Pick(r.Report, "cell model").PaiAt(0.05) > Pick(r.Report, b).PaiAt(0.05));
            text.Append(CultureInfo.InvariantCulture, $"\nmodel > {b}: PAI@1 % in {at1}/{reports.Count} seeds, PAI@5 % in {at5}/{reports.Count}");
        }
        return text.ToString();
    }
}
