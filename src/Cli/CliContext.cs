using System.CommandLine;
using DiaBan.Geo.Data;
using DiaBan.Geo.Hosting;

namespace DiaBan.Cli;

/// <summary>What every command gets: the output streams, the terminal UI and the database (resolved and migrated on first use).</summary>
public sealed class CliContext(TextWriter @out, TextWriter err, string? connectionString, string? home)
{
    private string? _resolved;

    public static CliContext From(ParseResult parse) => new(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
        parse.GetValue(CommonOptions.Db), parse.GetValue(CommonOptions.Home));

    public TextWriter Out { get; } = @out;
    public TextWriter Err { get; } = err;
    /// <summary>Spinners, progress bars and tables on a terminal; plain lines when redirected.</summary>
    public Terminal Terminal { get; } = new(@out, err);
    /// <summary>--home or DIABAN_HOME: where `.diaban/` (the embedded cluster) lives.</summary>
    public string? Home { get; } = home;
    /// <summary>--db or DIABAN_DB; null = the embedded cluster.</summary>
    public string? ConfiguredConnectionString { get; } = DatabaseSetup.ConfiguredConnectionString(connectionString);

    /// <summary>The database's connection string after starting the embedded cluster if needed and migrating.</summary>
    public async Task<string> ConnectionStringAsync(CancellationToken ct = default) =>
        _resolved ??= await DatabaseSetup.PrepareAsync(ConfiguredConnectionString, Home, ct);

    public async Task<DiaBanDb> OpenDbAsync(CancellationToken ct = default)
    {
        var db = DiaBanDb.Create(await ConnectionStringAsync(ct));
        db.Actor = $"cli:{(string.IsNullOrEmpty(Environment.UserName) ? "unknown" : Environment.UserName)}";
        return db;
    }
}
