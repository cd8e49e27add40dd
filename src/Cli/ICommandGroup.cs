namespace DiaBan.Cli;

/// <summary>
/// One word of `diaban &lt;group&gt; …` (import, classify, demo, db, …). A new group is one class implementing this
/// plus one line in <see cref="DiaBanCli.Groups"/>.
/// </summary>
public interface ICommandGroup
{
    /// <summary>The command word, e.g. "import".</summary>
    string Name { get; }

    /// <summary>One line for the overview (English / Vietnamese).</summary>
    string Summary { get; }

    /// <summary>Full usage text of the group, shown for `diaban &lt;group&gt; --help` and on a usage error.</summary>
    string Usage { get; }

    /// <summary>Runs the group with the words after its name; returns the process exit code.</summary>
    Task<int> RunAsync(CliContext context, CliArgs args, CancellationToken ct);
}
