using System.CommandLine;
using System.CommandLine.Parsing;

namespace DiaBan.Cli;

/// <summary>The one shape of every usage error: "error / lỗi: …" lines, then the failing command's help, on stderr.</summary>
public static class CliHelp
{
    public static int UsageError(ParseResult parse, TextWriter err, IEnumerable<string> problems)
    {
        foreach (var problem in problems) err.WriteLine($"error / lỗi: {problem}");
        err.WriteLine();
        Write(parse, err);
        return DiaBanCli.UsageError;
    }

    /// <summary>The help of the command <paramref name="parse"/> reached, as `diaban … --help` prints it.</summary>
    public static void Write(ParseResult parse, TextWriter writer)
    {
        var path = new List<string>();
        for (var r = parse.CommandResult; r.Parent is CommandResult parent; r = parent) path.Insert(0, r.Command.Name);
        parse.RootCommandResult.Command.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = writer });
    }
}
