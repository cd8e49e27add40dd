using DiaBan.Cli.Commands;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Import;

namespace DiaBan.Cli;

/// <summary>The `diaban` command: routes to a command group and turns failures into messages and exit codes.</summary>
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
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null,
        CancellationToken ct = default)
    {
        var @out = stdout ?? Console.Out;
        var err = stderr ?? Console.Error;
        if (args.Length > 0 && args[0] is "help" or "--help" or "-h")
        {
            @out.Write(Overview());
            return Ok;
        }
        var parsed = new CliArgs(args.Where(a => a is not ("--help" or "-h")));
        var word = parsed.Shift();
        if (word is null)
        {
            err.Write(Overview());
            return UsageError;
        }
        var group = Groups.FirstOrDefault(g => g.Name == word);
        if (group is null)
        {
            err.WriteLine($"unknown command '{word}' / lệnh không tồn tại");
            err.Write(Overview());
            return UsageError;
        }
        if (parsed.Positional.FirstOrDefault() is "help" || args.Contains("--help") || args.Contains("-h"))
        {
            @out.Write(group.Usage);
            return Ok;
        }
        var context = new CliContext(@out, err, parsed.Option("db"), parsed.Option("home"));
        try
        {
            return await group.RunAsync(context, parsed, ct);
        }
        catch (CliUsageException e)
        {
            err.WriteLine($"error / lỗi: {e.Message}");
            err.Write(group.Usage);
            return UsageError;
        }
        catch (ImportException e)
        {
            err.WriteLine($"import refused, nothing was written / không nhập, dữ liệu không thay đổi ({e.Errors.Count} error(s)):");
            err.WriteLine(e.Message);
            return Failed;
        }
        catch (CoordinateException e)
        {
            err.WriteLine($"error / lỗi: {e.Message}");
            return Failed;
        }
        catch (InvalidOperationException e)
        {
            err.WriteLine($"error / lỗi: {e.Message}");
            return Failed;
        }
    }

    public static string Overview() =>
        "DiaBan — bản đồ địa bàn trọng điểm ma túy / drug-area mapping\n\n" +
        "usage / cách dùng: diaban <command> [options] [--db <connection string>] [--home <folder>]\n\n" +
        string.Concat(Groups.Select(g => $"  {g.Name,-10} {g.Summary}\n")) +
        "\nWithout --db or DIABAN_DB a private PostgreSQL cluster is started under <repo>/.diaban/pg.\n" +
        "Không có --db hoặc DIABAN_DB: dùng cụm PostgreSQL riêng trong <repo>/.diaban/pg.\n" +
        "diaban <command> --help shows a command's options / xem tùy chọn của từng lệnh.\n";
}
