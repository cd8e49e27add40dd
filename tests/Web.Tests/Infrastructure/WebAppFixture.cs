using DiaBan.Testing;
using Npgsql;

namespace DiaBan.Web.Tests.Infrastructure;

/// <summary>A fresh database with the demo data for one test class, the app started on it (demo accounts), dropped at the end.</summary>
public class WebAppFixture : IAsyncLifetime
{
    private string? admin;

    public string ConnectionString { get; private set; } = "";

    public DiaBanWebFactory Factory { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        admin = await TestCluster.AdminConnectionStringAsync();
        ConnectionString = await CreateDatabaseAsync(admin);
        Factory = CreateFactory();
        // the first client starts the host: migrations, roles, demo seed, demo accounts
        using var _ = Factory.CreateClient();
    }

    /// <summary>A copy of the seeded demo database; a class that tests seeding itself starts from an empty one instead.</summary>
    protected virtual Task<string> CreateDatabaseAsync(string admin) => SeededTemplate.CopyAsync(admin);

    protected virtual DiaBanWebFactory CreateFactory() => new(ConnectionString);

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs a statement (test clean-up); returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<List<string>> StringsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }
        return list;
    }

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (admin is not null && ConnectionString.Length > 0)
        {
            await TestDatabases.DropAsync(admin, ConnectionString);
        }
    }
}
