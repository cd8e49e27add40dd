using System.Diagnostics;

namespace DiaBan.Geo.Hosting;

/// <summary>Runs a PostgreSQL tool, as the `postgres` OS user when we are root (Postgres refuses to run as root).</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output);

    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, bool asPostgresUser, CancellationToken ct,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo
        {
            FileName = asPostgresUser ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file }) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) psi.Environment[name] = value;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        return new Result(p.ExitCode, (await stdout + await stderr).Trim());
    }

    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> args, bool asPostgresUser, CancellationToken ct)
    {
        var list = args.ToList();
        var r = await RunAsync(file, list, asPostgresUser, ct);
        if (r.ExitCode != 0)
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', list)} failed (exit {r.ExitCode}): {r.Output}");
        return r.Output;
    }
}
