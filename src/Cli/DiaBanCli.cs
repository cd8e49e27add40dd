using System.CommandLine;
using System.CommandLine.Invocation;
using DiaBan.Cli.Commands;

namespace DiaBan.Cli;

/// <summary>The `diaban` command: a System.CommandLine tree of the command groups (help, validation, completion) and its exit codes.</summary>
public static class DiaBanCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    /// <summary>The command groups; add a group here (one line) to extend the CLI.</summary>
    public static readonly IReadOnlyList<ICommandGroup> Groups =
    [
        new ImportCommands(),
        new ClassifyCommand(),
        new DemoCommands(),
        new DbCommands(),
        new ModelCommands(),
        new StatsCommand(),
        new UserCommands(),
        new ReportCommand(),
        new GridCommands(),
    ];

    // built once: the tree is read-only while parsing, so concurrent runs (tests) share it
    private static readonly Lazy<RootCommand> Root = new(BuildRoot);

    public static RootCommand Command => Root.Value;

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null,
        CancellationToken ct = default)
    {
        var parse = Root.Value.Parse(args);
        var invocation = new InvocationConfiguration { Output = stdout ?? Console.Out, Error = stderr ?? Console.Error };
        if (parse.Action is ParseErrorAction)
        {
            // instead of System.CommandLine's default (exit 1): the errors and the failing command's help, exit 2
            return CliHelp.UsageError(parse, invocation.Error, parse.Errors.Select(e => e.Message));
        }
        return await parse.InvokeAsync(invocation, ct);
    }

    private static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "DiaBan — bản đồ địa bàn trọng điểm ma túy / drug-area mapping.\n" +
            "Without --db or DIABAN_DB a private PostgreSQL cluster is started under <repo>/.diaban/pg.\n" +
            "Không có --db hoặc DIABAN_DB: dùng cụm PostgreSQL riêng trong <repo>/.diaban/pg.\n" +
            "Tab completion: see README (CLI) / gợi ý lệnh bằng phím Tab: xem README.");
        root.Options.Add(CommonOptions.Db);
        root.Options.Add(CommonOptions.Home);
        foreach (var group in Groups) root.Subcommands.Add(group.Build());
        return root;
    }
}
