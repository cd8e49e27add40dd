using System.Diagnostics;

namespace DiaBan.Geo.Services;

/// <summary>
/// Wall time of each phase of one run, in order (what `bench/Import -- classify` prints beside the total): each
/// <see cref="Lap"/> closes the phase that ran since the previous one.
/// </summary>
public sealed class PhaseTimes
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Time)> _phases = [];
    private TimeSpan _last;

    public IReadOnlyList<(string Phase, TimeSpan Time)> Phases => _phases;

    public void Lap(string phase)
    {
        var now = _clock.Elapsed;
        _phases.Add((phase, now - _last));
        _last = now;
    }

    public override string ToString() =>
        string.Join(", ", _phases.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{p.Phase} {p.Time.TotalSeconds:F2} s")));
}
