namespace DiaBan.Geo.Hosting;

/// <summary>The two ways into the database: the app role (rows only) and the owner role (schema, migrations).</summary>
/// <remarks>Equal when only one connection string is configured: then the app keeps the owner's rights, as before.</remarks>
public sealed record DatabaseConnections(string App, string Owner)
{
    public bool SeparateRoles => App != Owner && DatabaseRoles.RoleOf(App) != DatabaseRoles.RoleOf(Owner);

    /// <summary>Grants the app role its rights on what the owner owns (idempotent; after every migration of any context).</summary>
    public Task GrantAppAsync(CancellationToken ct = default) =>
        SeparateRoles ? DatabaseRoles.GrantAppAsync(Owner, DatabaseRoles.RoleOf(App), ct) : Task.CompletedTask;
}
