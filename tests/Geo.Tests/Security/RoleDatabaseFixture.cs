using System.Security.Cryptography;
using DiaBan.Geo.Data;
using DiaBan.Geo.Hosting;
using Npgsql;

namespace DiaBan.Geo.Tests.Security;

/// <summary>
/// A fresh database set up the way a real installation is: its own owner and app roles (unique per fixture), the
/// superuser-owned template adopted by the owner, migrated as the owner, the app granted its rights.
/// </summary>
public sealed class RoleDatabaseFixture : IAsyncLifetime
{
    private string? _admin;
    private string _database = "";
    public RoleLogin Owner { get; private set; } = null!;
    public RoleLogin App { get; private set; } = null!;
    public DatabaseConnections Connections { get; private set; } = null!;
    public List<string> Warnings { get; } = [];

    public async Task InitializeAsync()
    {
        _admin = await TestCluster.AdminConnectionStringAsync();
        var superuser = await TestDatabases.CreateAsync(_admin, "diaban_roles_test");
        _database = new NpgsqlConnectionStringBuilder(superuser).Database!;
        var suffix = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        Owner = new RoleLogin($"t_{suffix}_owner", Secret());
        App = new RoleLogin($"t_{suffix}_app", Secret());
        await DatabaseRoles.EnsureRolesAsync(_admin, _database, Owner, App);
        Connections = await DatabaseSetup.PrepareConnectionsAsync(As(App), As(Owner), home: null, Warnings.Add);
    }

    public string As(RoleLogin role) => new NpgsqlConnectionStringBuilder(DatabaseSetup.WithDatabase(_admin!, _database))
    {
        Username = role.Name, Password = role.Password, Pooling = false,
    }.ConnectionString;

    public string Superuser => DatabaseSetup.WithDatabase(_admin!, _database);

    public DiaBanDb CreateAppDb() => DiaBanDb.Create(Connections.App);

    public static async Task<int> ExecAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return await cmd.ExecuteScalarAsync();
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public async Task DisposeAsync()
    {
        if (_admin is null || _database.Length == 0) return;
        await TestDatabases.DropAsync(_admin, Superuser);
        await ExecAsync(_admin, $"DROP ROLE IF EXISTS \"{App.Name}\"");
        await ExecAsync(_admin, $"DROP ROLE IF EXISTS \"{Owner.Name}\"");
    }
}
