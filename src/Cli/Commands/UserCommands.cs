using System.CommandLine;
using System.Diagnostics;
using DiaBan.Geo.Hosting;

namespace DiaBan.Cli.Commands;

/// <summary>
/// `diaban user add --email E --role R [--area CODE,...]`: accounts live in the web app's Identity store, which the CLI
/// does not reference; this forwards to `dotnet DiaBan.Web.dll user add …` (src/Web's Release build) on the same
/// database, with the terminal handed over so the password is typed there without echo (or read from stdin).
/// </summary>
public sealed class UserCommands : ICommandGroup
{
    public string Name => "user";

    public Command Build()
    {
        var email = CliOptions.Text("--email", "the account's e-mail / thư điện tử", "E", required: true);
        var role = CliOptions.Choice("--role", "the role / vai trò", ["admin", "leader", "planner", "police"], required: true);
        var area = CliOptions.Text("--area", "a province code (leader, planner) or commune codes (police) / mã địa bàn", "CODE,...");
        var add = new Command("add", "create an account; the password is asked for, never given on the command line / tạo tài khoản")
        {
            email, role, area,
        };
        CliAction.Set(add, async (ctx, p, ct) =>
        {
            var root = DiaBanHome.FindSolutionRoot(AppContext.BaseDirectory) ?? DiaBanHome.FindSolutionRoot(Directory.GetCurrentDirectory());
            var web = Path.Combine(root ?? ".", "src", "Web", "bin", "Release", "net10.0", "DiaBan.Web.dll");
            if (!File.Exists(web))
            {
                throw new CliUsageException($"the web app is not built: {web} (dotnet build src/Web -c Release)");
            }
            List<string> args = [web, "user", "add", "--email", p.GetValue(email)!, "--role", p.GetValue(role)!];
            if (p.GetValue(area) is { Length: > 0 } codes) args.AddRange(["--area", codes]);
            var start = new ProcessStartInfo("dotnet", args) { UseShellExecute = false };
            if (ctx.ConfiguredConnectionString is { } db) start.Environment["ConnectionStrings__DiaBan"] = db;
            if (ctx.Home is { } home) start.Environment["DIABAN_HOME"] = home;
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
            await process.WaitForExitAsync(ct);
            return process.ExitCode;
        });
        return new Command(Name, "accounts of the web app / tài khoản") { add };
    }
}
