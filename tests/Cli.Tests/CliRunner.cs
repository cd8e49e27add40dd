namespace DiaBan.Cli.Tests;

/// <summary>Runs the `diaban` entry point in-process against a test database and captures its output.</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Err);

    public static async Task<Run> RunAsync(string connectionString, params string[] args)
    {
        var @out = new StringWriter();
        var err = new StringWriter();
        var code = await DiaBanCli.RunAsync([.. args, "--db", connectionString], @out, err);
        return new Run(code, @out.ToString(), err.ToString());
    }
}
