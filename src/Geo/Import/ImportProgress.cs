using System.Diagnostics;

namespace DiaBan.Geo.Import;

/// <summary>Reports rows done and rows/second every ~2 s through a callback (the CLI writes it to stderr).</summary>
public sealed class ImportProgress(Action<string>? report, string what)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastReport = TimeSpan.Zero;

    public void Tick(long done)
    {
        if (report is null) return;
        var now = _clock.Elapsed;
        if (now - _lastReport < TimeSpan.FromSeconds(2)) return;
        _lastReport = now;
        report($"{what}: {done:N0} rows, {done / Math.Max(now.TotalSeconds, 1e-3):N0} rows/s");
    }

    public void Done(long done)
    {
        report?.Invoke($"{what}: {done:N0} rows in {_clock.Elapsed.TotalSeconds:0.0} s");
    }
}
