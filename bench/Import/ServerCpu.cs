namespace DiaBan.Bench.Import;

/// <summary>
/// CPU seconds the bench's PostgreSQL cluster has used so far, read from /proc: the postmaster's own time, the time of
/// its children that have exited (reaped: backends, parallel workers) and of those still running. The difference over
/// a step is the server's CPU for it (autovacuum included). Null where /proc or the pid file is missing.
/// </summary>
internal sealed class ServerCpu(string dataDirectory)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public double? Seconds()
    {
        try
        {
            var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
            if (!File.Exists(pidFile)) return null;
            var postmaster = int.Parse(File.ReadLines(pidFile).First().Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var own = Fields(postmaster);
            if (own is null) return null;
            // utime, stime, cutime, cstime are fields 14-17 (1-based) of /proc/pid/stat
            long ticks = own[11] + own[12] + own[13] + own[14];
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == postmaster) continue;
                if (Fields(pid) is { } f && f[1] == postmaster) ticks += f[11] + f[12];
            }
            return ticks / TicksPerSecond;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    // the numeric fields after "pid (comm) state": [0] = state (as 0), [1] = ppid, … [11] = utime, [12] = stime, [13] cutime, [14] cstime
    private static long[]? Fields(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var values = new long[15];
        for (var i = 1; i < values.Length; i++) values[i] = long.Parse(rest[i], System.Globalization.CultureInfo.InvariantCulture);
        return values;
    }
}
