using System.Collections.Concurrent;

namespace DiaBan.Bench.Load;

/// <summary>What one phase measured: each request's time and status code.</summary>
public sealed class Latencies
{
    private readonly ConcurrentBag<(double Milliseconds, int Status)> samples = [];

    public void Add(double milliseconds, int status) => samples.Add((milliseconds, status));

    public int Count => samples.Count;

    public int ServerErrors => samples.Count(s => s.Status >= 500);

    /// <summary>Requests that failed without an HTTP answer (status 0: timeout or connection error).</summary>
    public int NoAnswer => samples.Count(s => s.Status == 0);

    public int Status(int code) => samples.Count(s => s.Status == code);

    /// <summary>"200×120, 503×4": every status code seen, for the log.</summary>
    public string Breakdown() => string.Join(", ", samples.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));

    /// <summary>Nearest-rank percentile of all request times, in milliseconds.</summary>
    public double Percentile(double p)
    {
        var sorted = samples.Select(s => s.Milliseconds).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
