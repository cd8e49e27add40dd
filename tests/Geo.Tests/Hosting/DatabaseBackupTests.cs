using DiaBan.Geo.Data;
using DiaBan.Geo.Hosting;
using DiaBan.Geo.Tests.Infrastructure;
using Npgsql;

namespace DiaBan.Geo.Tests.Hosting;

/// <summary>pg_dump / pg_restore round trip: every table's content checksum is the same after restoring.</summary>
public sealed class DatabaseBackupTests(DatabaseFixture fx) : IClassFixture<DatabaseFixture>
{
    // one md5 over every row's text form, in a fixed order, per table of ours (PostGIS's spatial_ref_sys aside)
    private static async Task<Dictionary<string, string>> ChecksumsAsync(string connectionString)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
            WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'spatial_ref_sys' ORDER BY 1
            """, c))
        await using (var r = await list.ExecuteReaderAsync())
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        var sums = new Dictionary<string, string>();
        foreach (var t in tables)
        {
            await using var cmd = new NpgsqlCommand(
                $"SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '' ORDER BY t::text), '')) FROM {t} t", c);
            sums[t] = (string)(await cmd.ExecuteScalarAsync())!;
        }
        return sums;
    }

    [Fact]
    public async Task Backup_then_restore_into_another_database_gives_identical_tables()
    {
        await using (var db = fx.CreateDb()) await Examples.ImportBoundariesAsync(db);
        var before = await ChecksumsAsync(fx.ConnectionString);
        Assert.True(before.Count >= 9, $"only {before.Count} tables");
        Assert.DoesNotContain(before, kv => kv.Key == "public.admin_unit" && kv.Value.StartsWith("0:"));
        Assert.DoesNotContain(before, kv => kv.Key == "public.audit_entry" && kv.Value.StartsWith("0:"));

        using var files = new TempFiles();
        var file = files.PathOf("diaban.dump");
        await DatabaseBackup.BackupAsync(fx.ConnectionString, file, CancellationToken.None);
        Assert.True(new FileInfo(file).Length > 0);

        var admin = await TestCluster.AdminConnectionStringAsync();
        var other = await TestDatabases.CreateAsync(admin, "diaban_restore_test");
        try
        {
            await DatabaseBackup.RestoreAsync(other, file, CancellationToken.None);
            Assert.Equal(before, await ChecksumsAsync(other));
            // the restored schema still works: the append-only trigger came back with it
            await using var c = new NpgsqlConnection(other);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_entry_append_only'", c);
            Assert.Equal(1L, await cmd.ExecuteScalarAsync());
        }
        finally
        {
            await TestDatabases.DropAsync(admin, other);
        }
    }

    [Fact]
    public async Task Restore_over_a_changed_database_brings_back_the_backed_up_state()
    {
        await using (var db = fx.CreateDb())
            if (!db.AdminUnits.Any()) await Examples.ImportBoundariesAsync(db);
        var before = await ChecksumsAsync(fx.ConnectionString);
        using var files = new TempFiles();
        var file = files.PathOf("before.dump");
        await DatabaseBackup.BackupAsync(fx.ConnectionString, file, CancellationToken.None);

        await using (var db = fx.CreateDb())
        {
            var unit = db.AdminUnits.OrderBy(u => u.Id).First();
            unit.Name = "Đổi tên sau sao lưu";
            await db.SaveChangesAsync();
        }
        Assert.NotEqual(before, await ChecksumsAsync(fx.ConnectionString));

        await DatabaseBackup.RestoreAsync(fx.ConnectionString, file, CancellationToken.None);
        Assert.Equal(before, await ChecksumsAsync(fx.ConnectionString));
    }

    [Fact]
    public async Task Restoring_a_missing_file_names_it()
    {
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            DatabaseBackup.RestoreAsync(fx.ConnectionString, "/nonexistent/diaban.dump", CancellationToken.None));
        Assert.Contains("/nonexistent/diaban.dump", e.Message);
    }
}
