using System.Globalization;

namespace DiaBan.Cli;

/// <summary>
/// The command line after the command words: positional arguments, `--name value` options and `--flag` switches.
/// Every option a command reads is marked used; anything left over is reported as unknown.
/// </summary>
public sealed class CliArgs
{
    private readonly List<string> _positional = [];
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = [];

    public CliArgs(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var eq = a.IndexOf('=');
                if (eq > 0) { _options[a[2..eq]] = a[(eq + 1)..]; continue; }
                var name = a[2..];
                var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
                _options[name] = hasValue ? list[++i] : null;
            }
            else _positional.Add(a);
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    /// <summary>The next command word (e.g. "boundaries"), removed from the positional list.</summary>
    public string? Shift()
    {
        if (_positional.Count == 0) return null;
        var first = _positional[0];
        _positional.RemoveAt(0);
        return first;
    }

    public string? Option(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return null;
        if (v is null) throw new CliUsageException($"--{name} needs a value / --{name} cần một giá trị");
        return v;
    }

    public string Require(string name) =>
        Option(name) ?? throw new CliUsageException($"missing --{name} / thiếu tham số --{name}");

    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return false;
        if (v is not null) throw new CliUsageException($"--{name} takes no value (got '{v}')");
        return true;
    }

    public DateOnly? Date(string name)
    {
        var v = Option(name);
        if (v is null) return null;
        return DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new CliUsageException($"--{name} '{v}' is not a date yyyy-MM-dd / ngày không hợp lệ");
    }

    public int? Int(string name)
    {
        var v = Option(name);
        if (v is null) return null;
        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new CliUsageException($"--{name} '{v}' is not a whole number / không phải số nguyên");
    }

    /// <summary>The single positional argument (a file), or a usage error naming what is expected.</summary>
    public string File(string what)
    {
        if (_positional.Count == 0) throw new CliUsageException($"missing {what} / thiếu {what}");
        if (_positional.Count > 1) throw new CliUsageException($"unexpected arguments: {string.Join(' ', _positional.Skip(1))}");
        return _positional[0];
    }

    /// <summary>Throws for options no command asked for (typos must not be ignored silently).</summary>
    public void ThrowIfUnused()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new CliUsageException($"unknown option(s) / tùy chọn không hợp lệ: {string.Join(", ", unknown.Select(k => "--" + k))}");
    }
}
