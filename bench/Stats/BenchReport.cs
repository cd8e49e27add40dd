using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DiaBan.Bench.Stats;

/// <summary>Reads both sides' timings and results and prints the markdown table for docs/performance.md.</summary>
internal static class BenchReport
{
    private static readonly (string Key, string Label)[] Steps =
    [
        ("queen", "Queen contiguity (poly2nb)"),
        ("gistar", "Gi* (localG, include.self)"),
        ("local_moran_999", "Local Moran, 999 conditional permutations (localmoran_perm)"),
        ("ehsa_28", "EHSA, 28 quarters (spdep: localG per quarter)"),
    ];

    public static string Markdown(string folder)
    {
        using var r = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "r_timings.json")));
        var one = Load(folder, "1-core");
        var all = Load(folder, "all-cores");
        var text = new StringBuilder();
        text.AppendLine(Invariant($"National layer: {r.RootElement.GetProperty("units").GetInt32()} communes, {r.RootElement.GetProperty("links").GetInt32()} queen links, {r.RootElement.GetProperty("islands").GetInt32()} islands; spdep {r.RootElement.GetProperty("spdep").GetString()}, {r.RootElement.GetProperty("r").GetString()}."));
        text.AppendLine();
        text.AppendLine("| step | spdep (s) | DiaBan 1 core (s) | DiaBan all cores (s) | speed-up 1 core | speed-up all cores |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (key, label) in Steps)
        {
            var spdep = r.RootElement.GetProperty(key).GetDouble();
            var single = one?.GetProperty("seconds").GetProperty(key).GetDouble() ?? double.NaN;
            var parallel = all?.GetProperty("seconds").GetProperty(key).GetDouble() ?? double.NaN;
            text.AppendLine(Invariant($"| {label} | {spdep:F2} | {single:F3} | {parallel:F3} | {spdep / single:F1}× | {spdep / parallel:F1}× |"));
        }
        text.AppendLine();
        text.AppendLine(Agreement(folder));
        return text.ToString();
    }

    private static JsonElement? Load(string folder, string tag)
    {
        var path = Path.Combine(folder, $"cs_timings_{tag}.json");
        return File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone() : null;
    }

    private static string Agreement(string folder)
    {
        var queenSame = File.ReadAllLines(Path.Combine(folder, "cs_queen.txt")).SequenceEqual(File.ReadAllLines(Path.Combine(folder, "r_queen.txt")));
        var ours = Csv(Path.Combine(folder, "cs_results.csv"), header: true);
        var theirs = Csv(Path.Combine(folder, "r_results.csv"), header: true);
        var ehsaOurs = Csv(Path.Combine(folder, "cs_ehsa_slices.csv"), header: false);
        var ehsaTheirs = Csv(Path.Combine(folder, "r_ehsa_slices.csv"), header: true);
        return Invariant($"Agreement with spdep: queen neighbour lists identical: {(queenSame ? "yes" : "NO")}; ")
            + Invariant($"max |Δ Gi* z| = {MaxDiff(ours, theirs, 0):E1}; max |Δ local I_i| = {MaxDiff(ours, theirs, 1):E1}; ")
            + Invariant($"max |Δ per-quarter Gi* z| = {MaxDiffAll(ehsaOurs, ehsaTheirs):E1}.");
    }

    private static double[][] Csv(string path, bool header) =>
        File.ReadAllLines(path).Skip(header ? 1 : 0).Select(line => line.Split(',').Select(v => v == "NA" ? double.NaN : double.Parse(v.Trim('"'), CultureInfo.InvariantCulture)).ToArray()).ToArray();

    private static double MaxDiff(double[][] a, double[][] b, int column) =>
        a.Zip(b).Max(p => Diff(p.First[column], p.Second[column]));

    private static double MaxDiffAll(double[][] a, double[][] b) =>
        a.Zip(b).SelectMany(p => p.First.Zip(p.Second)).Max(p => Diff(p.First, p.Second));

    // both NaN (undefined statistic on both sides) counts as agreement
    private static double Diff(double x, double y) => double.IsNaN(x) && double.IsNaN(y) ? 0 : Math.Abs(x - y);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
