using System.Text.Json;
using DiaBan.Geo.Import;

namespace DiaBan.Cli.Tests.Stats;

/// <summary>Runs `diaban stats …` in-process and reads its CSV (comment facts + rows) or JSON output.</summary>
public sealed record StatsRun(int ExitCode, string Out, string Err)
{
    public static async Task<StatsRun> RunAsync(params string[] args)
    {
        var @out = new StringWriter();
        var err = new StringWriter();
        var code = await DiaBanCli.RunAsync(["stats", .. args], @out, err);
        return new StatsRun(code, @out.ToString(), err.ToString());
    }

    /// <summary>The "# key: value" lines before the header.</summary>
    public Dictionary<string, string> Facts() =>
        Out.Split('\n').Where(l => l.StartsWith("# ", StringComparison.Ordinal) && l.Contains(": ", StringComparison.Ordinal))
            .Select(l => l[2..].TrimEnd('\r').Split(": ", 2))
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    /// <summary>Data rows of the CSV, each by column name (parsed with Geo's RFC 4180 reader, so quoted labels work).</summary>
    public List<Dictionary<string, string>> Rows()
    {
        Assert.True(ExitCode == 0, Err);
        var csv = string.Join('\n', Out.Split('\n').Where(l => !l.StartsWith("# ", StringComparison.Ordinal)));
        var records = CsvReader.Parse(csv, ',', "stdout");
        var header = records[0].Cells.Select(c => c ?? "").ToList();
        return records.Skip(1).Where(r => r.Cells.Any(c => !string.IsNullOrEmpty(c)))
            .Select(r => header.Select((h, i) => (h, v: i < r.Cells.Count ? r.Cells[i] ?? "" : "")).ToDictionary(x => x.h, x => x.v))
            .ToList();
    }

    public JsonDocument Json()
    {
        Assert.True(ExitCode == 0, Err);
        return JsonDocument.Parse(Out);
    }
}
