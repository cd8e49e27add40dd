using System.CommandLine;

namespace DiaBan.Cli;

/// <summary>
/// One word of `diaban &lt;group&gt; …` (import, classify, demo, db, …) as a System.CommandLine command with its
/// options, subcommands and actions. A new group is one class implementing this plus one line in <see cref="DiaBanCli.Groups"/>.
/// </summary>
public interface ICommandGroup
{
    /// <summary>The command word, e.g. "import".</summary>
    string Name { get; }

    /// <summary>The command with its subcommands and options; actions run through <see cref="CliAction"/>.</summary>
    Command Build();
}
