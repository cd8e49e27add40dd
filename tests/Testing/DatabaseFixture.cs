using DiaBan.Geo.Data;
using Npgsql;

namespace DiaBan.Testing;

/// <summary>A fresh migrated database for one test class, dropped when the class is done.</summary>
public class DatabaseFixture : IAsyncLifetime
{
    private string? _admin;
    public string ConnectionString { get; private set; } = "";

    public DiaBanDb CreateDb() => DiaBanDb.Create(ConnectionString);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        var v = await cmd.ExecuteScalarAsync();
        return (T)Convert.ChangeType(v!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public virtual async Task InitializeAsync()
    {
        _admin = await TestCluster.AdminConnectionStringAsync();
        ConnectionString = await TestDatabases.CreateAsync(_admin, "diaban_test");
    }

    public async Task DisposeAsync()
    {
        if (_admin is null || ConnectionString.Length == 0) return;
        await TestDatabases.DropAsync(_admin, ConnectionString);
    }
}
