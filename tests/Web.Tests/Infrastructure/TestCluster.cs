using DiaBan.Geo.Hosting;

namespace DiaBan.Web.Tests.Infrastructure;

/// <summary>One PostgreSQL cluster per test run: DIABAN_TEST_DB_ADMIN (exported by ./test.sh) or the embedded one under .diaban/test-pg.</summary>
public static class TestCluster
{
    private static readonly Lazy<Task<string>> Admin = new(StartAsync);

    public static Task<string> AdminConnectionStringAsync() => Admin.Value;

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("DIABAN_TEST_DB_ADMIN");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        return await new EmbeddedPostgres(Path.Combine(RepoPaths.SolutionRoot, ".diaban", "test-pg"), durable: false).StartAsync();
    }
}
