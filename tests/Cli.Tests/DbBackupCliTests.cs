
namespace DiaBan.Cli.Tests;

/// <summary>`diaban db backup FILE` then `diaban db restore FILE` bring a changed database back to what was saved.</summary>
public class DbBackupCliTests(DbBackupCliTests.Fixture fx) : IClassFixture<DbBackupCliTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture;

    [Fact]
    public async Task Restore_brings_back_the_rows_deleted_after_the_backup()
    {
        var file = Path.Combine(Path.GetTempPath(), $"diaban-backup-{Guid.NewGuid():N}.dump");
        try
        {
            await fx.ScalarAsync<int>("INSERT INTO rule_set (id, version, json, edited_by, edited_at) " +
                                      "VALUES ('test-backup', 1, '{}', 'test', now()), ('test-backup', 2, '{}', 'test', now()) RETURNING 1");
            var saved = await fx.ScalarAsync<long>("SELECT count(*) FROM rule_set");
            var backup = await CliRunner.RunAsync(fx.ConnectionString, "db", "backup", file);
            Assert.True(backup.ExitCode == 0, backup.Err);
            Assert.True(new FileInfo(file).Length > 0);

            await fx.ScalarAsync<int>("DELETE FROM rule_set WHERE id = 'test-backup' AND version = 2 RETURNING 1");
            Assert.Equal(saved - 1, await fx.ScalarAsync<long>("SELECT count(*) FROM rule_set"));

            var restore = await CliRunner.RunAsync(fx.ConnectionString, "db", "restore", file);
            Assert.True(restore.ExitCode == 0, restore.Err);
            Assert.Equal(saved, await fx.ScalarAsync<long>("SELECT count(*) FROM rule_set"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Restoring_a_missing_file_fails_with_its_name()
    {
        var run = await CliRunner.RunAsync(fx.ConnectionString, "db", "restore", "/nonexistent/diaban.dump");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("/nonexistent/diaban.dump", run.Err + run.Out);
    }
}
