// Shared by the in-process benches (bench/Risk, bench/PlaceForecast), linked into each project: one timing table, not a copy per bench.
using System.Diagnostics;
using System.Text;

namespace DiaBan.Bench;

internal static class Measure
{
    public static TimeSpan Once(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    public static TimeSpan Median(int repetitions, Action action)
    {
        var times = Enumerable.Range(0, repetitions).Select(_ => Once(action)).OrderBy(t => t).ToArray();
        return times[repetitions / 2];
    }

    public static TimeSpan Once<T>(Func<T> action) => Once(() => { action(); });

    public static TimeSpan Median<T>(int repetitions, Func<T> action) => Median(repetitions, () => { action(); });
}

/// <summary>Rows of the results table; each "ours" row is quoted against the nearest "raw" row above it.</summary>
internal sealed class Measurements
{
    private readonly List<(string What, string Kind, TimeSpan Time, TimeSpan? Cpu)> _rows = [];

    public void Add(string what, string kind, TimeSpan time, TimeSpan? cpu = null)
    {
        _rows.Add((what, kind, time, cpu));
        Console.WriteLine($"{time.TotalMilliseconds,10:F1} ms  {what}" + (cpu is { } c ? $" (CPU {c.TotalMilliseconds:F1} ms)" : ""));
    }

    /// <summary>
    /// Wall time and the process's CPU time (all threads) of one run: on a shared, loaded machine the CPU time of a
    /// single-threaded step is close to its wall time on a quiet one.
    /// </summary>
    public void AddTimed(string what, string kind, Action action)
    {
        var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var wall = Measure.Once(action);
        process.Refresh();
        Add(what, kind, wall, process.TotalProcessorTime - cpu0);
    }

    public string ToMarkdown()
    {
        bool cpu = _rows.Any(r => r.Cpu is not null);
        var text = new StringBuilder(cpu
            ? "| step | kind | wall time | CPU time | × nearest raw baseline (wall) | × raw (CPU) |\n|---|---|---:|---:|---:|---:|\n"
            : "| step | kind | time | × nearest raw baseline |\n|---|---|---:|---:|\n");
        (TimeSpan Time, TimeSpan? Cpu)? raw = null;
        foreach (var (what, kind, time, used) in _rows)
        {
            if (kind == "raw") raw = (time, used);
            string ratio = kind == "raw" || raw is null ? "1" : (time / raw.Value.Time).ToString("F1");
            if (!cpu) { text.Append($"| {what} | {kind} | {Format(time)} | {ratio} |\n"); continue; }
            string cpuRatio = kind == "raw" || raw?.Cpu is not { } rc || used is not { } u || rc <= TimeSpan.Zero ? "1" : (u / rc).ToString("F1");
            text.Append($"| {what} | {kind} | {Format(time)} | {(used is { } x ? Format(x) : "")} | {ratio} | {cpuRatio} |\n");
        }
        return text.ToString();
    }

    private static string Format(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:F1} s" : $"{t.TotalMilliseconds:F1} ms";
}
