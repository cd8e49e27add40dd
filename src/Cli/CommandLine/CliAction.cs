using System.CommandLine;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Import;

namespace DiaBan.Cli;

/// <summary>
/// Runs a command's handler with its <see cref="CliContext"/> and turns failures into the CLI's messages and exit
/// codes: a wrong command line exits 2 with the command's help, bad data or state exits 1 with what is wrong.
/// </summary>
public static class CliAction
{
    public delegate Task<int> Handler(CliContext context, ParseResult parse, CancellationToken ct);

    public static void Set(Command command, Handler handler) =>
        command.SetAction((parse, ct) => RunAsync(parse, handler, ct));

    private static async Task<int> RunAsync(ParseResult parse, Handler handler, CancellationToken ct)
    {
        var context = CliContext.From(parse);
        try
        {
            return await handler(context, parse, ct);
        }
        catch (CliUsageException e)
        {
            return CliHelp.UsageError(parse, context.Err, [e.Message]);
        }
        catch (ImportException e)
        {
            context.Err.WriteLine($"import refused, nothing was written / không nhập, dữ liệu không thay đổi ({e.Errors.Count} error(s)):");
            context.Err.WriteLine(e.Message);
            return DiaBanCli.Failed;
        }
        catch (Exception e) when (e is CoordinateException or InvalidOperationException or FileNotFoundException or DirectoryNotFoundException)
        {
            context.Err.WriteLine($"error / lỗi: {e.Message}");
            return DiaBanCli.Failed;
        }
    }
}
