using System.CommandLine;
using DiaBan.Geo.Data;
using DiaBan.Geo.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban db migrate|start|stop|status`: the database and the private embedded cluster.</summary>
public sealed class DbCommands : ICommandGroup
{
    public string Name => "db";

    public Command Build()
    {
        var db = new Command(Name, "database: migrate, start, stop, status, backup, restore / cơ sở dữ liệu");
        // one method per verb; a new verb is one more method and one more line here
        Command[] verbs = [Migrate(), Start(), Stop(), Status(), Backup(), Restore()];
        foreach (var verb in verbs) db.Subcommands.Add(verb);
        return db;
    }

    private static Command Migrate() => Verb("migrate",
        "apply pending schema migrations (starts the embedded cluster if no --db) / cập nhật lược đồ", async (ctx, _, ct) =>
        {
            var cs = await ctx.ConnectionStringAsync(ct);
            await using var db = DiaBanDb.Create(cs);
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            ctx.Out.WriteLine($"database {Describe(cs)} is up to date / đã cập nhật: {applied.Count} migrations, last {applied.LastOrDefault()}");
            return DiaBanCli.Ok;
        });

    private static Command Start() => Verb("start", "start the private cluster under <home>/.diaban/pg / khởi động cụm riêng", async (ctx, _, ct) =>
    {
        RequireEmbedded(ctx);
        var started = await EmbeddedPostgres.ForHome(ctx.Home).EnsureDatabaseAsync("diaban", ct);
        ctx.Out.WriteLine($"embedded cluster running / cụm đang chạy: {Describe(started)} (password in {EmbeddedPostgres.ForHome(ctx.Home).Root}/password)");
        return DiaBanCli.Ok;
    });

    private static Command Stop() => Verb("stop", "stop it / dừng cụm riêng", async (ctx, _, ct) =>
    {
        RequireEmbedded(ctx);
        await EmbeddedPostgres.ForHome(ctx.Home).StopAsync(ct);
        ctx.Out.WriteLine("embedded cluster stopped / đã dừng cụm");
        return DiaBanCli.Ok;
    });

    private static Command Backup()
    {
        var file = new Argument<string>("file") { Description = "backup file to write (pg_dump custom format) / tệp sao lưu" };
        return Verb("backup", "write the whole database to FILE (pg_dump) / sao lưu cơ sở dữ liệu", async (ctx, p, ct) =>
        {
            var path = p.GetValue(file)!;
            await DatabaseBackup.BackupAsync(await ctx.ConnectionStringAsync(ct), path, ct);
            ctx.Out.WriteLine($"backup written / đã sao lưu: {Path.GetFullPath(path)}");
            return DiaBanCli.Ok;
        }, file);
    }

    private static Command Restore()
    {
        var file = new Argument<string>("file") { Description = "backup file written by `diaban db backup` / tệp sao lưu" };
        return Verb("restore", "replace the database's contents with FILE, in one transaction (pg_restore) / khôi phục", async (ctx, p, ct) =>
        {
            var path = p.GetValue(file)!;
            await DatabaseBackup.RestoreAsync(await ctx.ConnectionStringAsync(ct), path, ct);
            ctx.Out.WriteLine($"restored / đã khôi phục từ {Path.GetFullPath(path)}");
            return DiaBanCli.Ok;
        }, file);
    }

    private static Command Status() => Verb("status", "where the database is, whether it runs, applied migrations / trạng thái",
        (ctx, _, ct) => StatusAsync(ctx, ct));

    private static Command Verb(string name, string description, CliAction.Handler handler, params Symbol[] arguments)
    {
        var command = new Command(name, description);
        foreach (var symbol in arguments)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else if (symbol is Option option) command.Options.Add(option);
        }
        CliAction.Set(command, handler);
        return command;
    }

    private static async Task<int> StatusAsync(CliContext ctx, CancellationToken ct)
    {
        string cs;
        if (ctx.ConfiguredConnectionString is { } configured)
        {
            cs = configured;
            ctx.Out.WriteLine($"configured database / CSDL cấu hình: {Describe(cs)}");
        }
        else
        {
            var pg = EmbeddedPostgres.ForHome(ctx.Home);
            var s = await pg.StatusAsync(ct);
            ctx.Out.WriteLine($"embedded cluster / cụm riêng: {s.Root} — {(s.Running ? $"running on 127.0.0.1:{s.Port}" : s.Initialised ? "stopped" : "not created")}");
            if (!s.Running) return DiaBanCli.Ok;
            cs = pg.AdminConnectionString("diaban");
        }
        try
        {
            await using var db = DiaBanDb.Create(cs);
            if (!await db.Database.CanConnectAsync(ct))
            {
                ctx.Out.WriteLine("database not created yet / chưa có CSDL (run: diaban db migrate)");
                return DiaBanCli.Ok;
            }
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            ctx.Out.WriteLine($"migrations: {applied.Count} applied, {pending.Count} pending{(pending.Count > 0 ? " (run: diaban db migrate)" : "")}");
            ctx.Out.WriteLine($"communes: {await db.AdminUnits.CountAsync(u => u.Level == UnitLevel.Commune, ct)}, incidents: {await db.Incidents.CountAsync(ct)}, assessments: {await db.StatusAssessments.CountAsync(ct)}");
            return DiaBanCli.Ok;
        }
        catch (NpgsqlException e)
        {
            ctx.Err.WriteLine($"cannot reach the database / không kết nối được: {e.Message}");
            return DiaBanCli.Failed;
        }
    }

    private static void RequireEmbedded(CliContext ctx)
    {
        if (ctx.ConfiguredConnectionString is not null)
            throw new CliUsageException("a connection string is configured (--db/DIABAN_DB): start/stop apply to the embedded cluster only");
    }

    private static string Describe(string cs)
    {
        var b = new NpgsqlConnectionStringBuilder(cs);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }
}
