using DiaBan.Geo.Hosting;

namespace DiaBan.Testing;

/// <summary>
/// One PostgreSQL cluster per test run: DIABAN_TEST_DB_ADMIN (an admin connection string) when set; else the
/// embedded cluster of DIABAN_HOME (./test.sh sets it and stops that cluster at the end); else an embedded
/// cluster under &lt;repo&gt;/.diaban/test-pg, left running for the next run.
/// </summary>
public static class TestCluster
{
    private static readonly Lazy<Task<string>> Admin = new(StartAsync);

    public static Task<string> AdminConnectionStringAsync() => Admin.Value;

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("DIABAN_TEST_DB_ADMIN");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var home = Environment.GetEnvironmentVariable("DIABAN_HOME");
        var root = string.IsNullOrWhiteSpace(home)
            ? Path.Combine(RepoPaths.SolutionRoot, ".diaban", "test-pg")
            : EmbeddedPostgres.ForHome(home).Root;
        // fsync off: a crash can only lose test data
        return await new EmbeddedPostgres(root, durable: false).StartAsync();
    }
}
