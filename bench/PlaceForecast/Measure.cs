using System.Diagnostics;
using System.Text;

namespace DiaBan.Bench.PlaceForecast;

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
    private readonly List<(string What, string Kind, TimeSpan Time)> _rows = [];

    public void Add(string what, string kind, TimeSpan time)
    {
        _rows.Add((what, kind, time));
        Console.WriteLine($"{time.TotalMilliseconds,10:F1} ms  {what}");
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder("| step | kind | time | × nearest raw baseline |\n|---|---|---:|---:|\n");
        TimeSpan? raw = null;
        foreach (var (what, kind, time) in _rows)
        {
            if (kind == "raw") raw = time;
            string ratio = kind == "raw" || raw is null ? "1" : (time / raw.Value).ToString("F1");
            text.Append($"| {what} | {kind} | {Format(time)} | {ratio} |\n");
        }
        return text.ToString();
    }

    private static string Format(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:F1} s" : $"{t.TotalMilliseconds:F1} ms";
}
