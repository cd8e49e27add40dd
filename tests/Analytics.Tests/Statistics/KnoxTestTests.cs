using System.Diagnostics;
using System.Globalization;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Tests.Spatial;

namespace DiaBan.Analytics.Tests.Statistics;

/// <summary>KnoxTest against tests/reference/knox_reference.R (base R) on the fixed input tests/reference/knox_input.csv.</summary>
public class KnoxTestTests
{
    private static readonly double[] Distances = [100, 200, 400, 800];
    private static readonly int[] Times = [7, 14, 30, 60];

    private static KnoxEvent[] Input() => File.ReadLines(Path.Combine(Reference.Folder, "knox_input.csv")).Skip(1)
        .Select(l => l.Split(','))
        .Select(f => new KnoxEvent(double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture),
            DateOnly.ParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture)))
        .ToArray();

    private sealed record Row(int D, int T, long Observed, double Expected, double Ratio, double P, int R);

    private static Row[] ReadReference(string path) => File.ReadLines(path).Skip(1).Select(l => l.Split(','))
        .Select(f => new Row(int.Parse(f[0]), int.Parse(f[1]), long.Parse(f[4]), double.Parse(f[5], CultureInfo.InvariantCulture),
            double.Parse(f[6], CultureInfo.InvariantCulture), double.Parse(f[7], CultureInfo.InvariantCulture), int.Parse(f[8])))
        .ToArray();

    [Fact]
    public void Table_equals_the_R_reference_counts_exactly_and_p_within_Monte_Carlo_error()
    {
        var reference = ReadReference(Path.Combine(Reference.Folder, "knox_reference.csv"));
        var result = KnoxTest.Run(Input(), Distances, Times, permutations: 9999, seed: 7);
        Assert.Equal(16, reference.Length);
        Assert.Equal(80L * 79 / 2, result.Pairs);
        foreach (var r in reference)
        {
            var c = result[r.D, r.T];
            Assert.Equal(r.Observed, c.Observed);
            Assert.Equal(r.Expected, c.Expected, 1e-9);
            Assert.Equal(r.Ratio, c.Ratio!.Value, 1e-9);
            // two independent Monte Carlo estimates of the same p: SE of the difference √(2p(1−p)/R); 4 SE + the floor
            double tolerance = 4 * Math.Sqrt(2 * r.P * (1 - r.P) / r.R) + 2.0 / r.R;
            Assert.True(Math.Abs(r.P - c.P) <= tolerance, $"band ({r.D},{r.T}): p {c.P:0.0000} vs R {r.P:0.0000} (±{tolerance:0.0000})");
        }
        // the clustered input has near repeats at ≤ 200 m within 14 days, not beyond
        Assert.True(result[1, 0].P < 0.01 && result[1, 0].Ratio > 4);
        Assert.True(result[3, 3].P > 0.3);
        Assert.Equal((200.0, 14), result.ElevatedExtent());
    }

    [Fact]
    public async Task Rscript_run_now_gives_the_same_counts()
    {
        var output = Path.Combine(Path.GetTempPath(), $"knox_{Guid.NewGuid():N}.csv");
        var start = new ProcessStartInfo("Rscript",
            [Path.Combine(Reference.Folder, "knox_reference.R"), Path.Combine(Reference.Folder, "knox_input.csv"), output, "199"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using (var r = Process.Start(start)!)
        {
            var err = r.StandardError.ReadToEndAsync();
            await r.StandardOutput.ReadToEndAsync();
            await r.WaitForExitAsync();
            Assert.True(r.ExitCode == 0, "Rscript failed: " + await err);
        }
        var fresh = ReadReference(output);
        File.Delete(output);
        var result = KnoxTest.Run(Input(), Distances, Times, permutations: 0);
        Assert.Equal(16, fresh.Length);
        foreach (var r in fresh) Assert.Equal(r.Observed, result[r.D, r.T].Observed);
    }

    [Fact]
    public void Same_seed_same_p_and_dates_without_interaction_are_not_significant()
    {
        var events = Input();
        var a = KnoxTest.Run(events, Distances, Times, 199, seed: 3);
        var b = KnoxTest.Run(events, Distances, Times, 199, seed: 3);
        Assert.Equal(a.Cells.Select(c => c.P), b.Cells.Select(c => c.P));
        // places on a lattice far apart (no pair within 800 m): nothing observed, p = 1
        var spread = Enumerable.Range(0, 30).Select(i => new KnoxEvent(i * 1000.0, 0, new DateOnly(2025, 1, 1).AddDays(i))).ToArray();
        var none = KnoxTest.Run(spread, Distances, Times, 99);
        Assert.All(none.Cells, c => Assert.Equal(0, c.Observed));
        Assert.All(none.Cells, c => Assert.Equal(1.0, c.P));
        Assert.Null(none.ElevatedExtent());
        Assert.Throws<ArgumentException>(() => KnoxTest.Run(events, [200, 100], Times));
    }
}
