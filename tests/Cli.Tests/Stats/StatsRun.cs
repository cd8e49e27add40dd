using System.Globalization;
using System.Text.Json;
using nietras.SeparatedValues;

namespace DiaBan.Cli.Tests.Stats;

/// <summary>Runs `diaban stats …` in-process and reads its CSV (rows on stdout, the run's description on stderr) or JSON output.</summary>
public sealed record StatsRun(int ExitCode, string Out, string Err)
{
    public static async Task<StatsRun> RunAsync(params string[] args)
    {
        var @out = new StringWriter();
        var err = new StringWriter();
        var code = await DiaBanCli.RunAsync(["stats", .. args], @out, err);
        return new StatsRun(code, @out.ToString(), err.ToString());
    }

    /// <summary>The "key: value" lines describing the run (stderr for CSV output).</summary>
    public Dictionary<string, string> Facts() =>
        Err.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(": ", StringComparison.Ordinal))
            .Select(l => l.Split(": ", 2))
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    /// <summary>Data rows of stdout read by a real CSV reader (Sep, quotes unescaped) as pandas or R would: header first, no comments.</summary>
    public List<Dictionary<string, string>> Rows()
    {
        Assert.True(ExitCode == 0, Err);
        return Read(Out);
    }

    public static List<Dictionary<string, string>> Read(string csv)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = false }).FromText(csv);
        var header = reader.Header.ColNames;
        Assert.NotEmpty(header);
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var record = new Dictionary<string, string>();
            for (var i = 0; i < header.Count; i++) record[header[i]] = row[i].ToString();
            rows.Add(record);
        }
        return rows;
    }

    public JsonDocument Json()
    {
        Assert.True(ExitCode == 0, Err);
        return JsonDocument.Parse(Out);
    }
}
