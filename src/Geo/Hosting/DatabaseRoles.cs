using Npgsql;

namespace DiaBan.Geo.Hosting;

/// <summary>
/// Least privilege in PostgreSQL: the owner role owns the schema and runs migrations; the app role (the web app's
/// connection) may only read and write rows — no DDL, no TRUNCATE, and no UPDATE/DELETE on audit_entry.
/// Every step is idempotent, so it runs on each start.
/// </summary>
public static class DatabaseRoles
{
    /// <summary>The tables the app may only append to (the trigger of migration AuditEntryAppendOnly guards them for everyone else too).</summary>
    public static readonly IReadOnlyList<string> AppendOnlyTables = ["audit_entry", "recognition_step", "recognition_evidence"];

    /// <summary>
    /// As a superuser: creates (or re-passwords) the owner and app login roles, makes the owner own database
    /// <paramref name="database"/> and every non-extension table, sequence, view, function and schema in it (a database
    /// migrated before the roles existed belongs to the superuser).
    /// </summary>
    public static async Task EnsureRolesAsync(string superuserConnectionString, string database, RoleLogin owner, RoleLogin app,
        CancellationToken ct = default)
    {
        // roles are cluster-wide: serialise with other processes creating them (advisory locks are per database)
        await using var cluster = new NpgsqlConnection(DatabaseSetup.WithDatabase(superuserConnectionString, "postgres"));
        await cluster.OpenAsync(ct);
        await ExecAsync(cluster, "SELECT pg_advisory_lock(7317002)", ct);
        try
        {
            await EnsureRolesLockedAsync(superuserConnectionString, database, owner, app, ct);
        }
        finally
        {
            await ExecAsync(cluster, "SELECT pg_advisory_unlock(7317002)", CancellationToken.None);
        }
    }

    private static async Task EnsureRolesLockedAsync(string superuserConnectionString, string database, RoleLogin owner, RoleLogin app,
        CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(DatabaseSetup.WithDatabase(superuserConnectionString, database));
        await c.OpenAsync(ct);
        foreach (var role in new[] { owner, app })
        {
            var exists = await ScalarAsync(c, "SELECT 1 FROM pg_roles WHERE rolname = @r", ct, ("r", role.Name)) is not null;
            // PASSWORD takes no bind parameter: the literal is quoted (our passwords are hex anyway)
            await ExecAsync(c, $"{(exists ? "ALTER" : "CREATE")} ROLE {Quote(role.Name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {Literal(role.Password)}", ct);
        }
        await ExecAsync(c, $"ALTER DATABASE {Quote(database)} OWNER TO {Quote(owner.Name)}", ct);
        foreach (var statement in await AdoptionStatementsAsync(c, owner.Name, ct)) await ExecAsync(c, statement, ct);
    }

    /// <summary>
    /// As the owner: lets <paramref name="appRole"/> use every schema the owner owns, read and write its tables and use its
    /// sequences (also those created later), except UPDATE, DELETE and TRUNCATE on the append-only tables; takes CREATE on
    /// schema public away from PUBLIC where the owner may (PostgreSQL 15 already does).
    /// </summary>
    public static async Task GrantAppAsync(string ownerConnectionString, string appRole, CancellationToken ct = default)
    {
        await using var c = new NpgsqlConnection(ownerConnectionString);
        await c.OpenAsync(ct);
        var app = Quote(appRole);
        var schemas = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT n.nspname FROM pg_namespace n
            WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND pg_has_role(n.nspowner, 'USAGE')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
            ORDER BY 1
            """, c))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) schemas.Add(r.GetString(0));
        foreach (var s in schemas.Select(Quote))
        {
            await ExecAsync(c, $"GRANT USAGE ON SCHEMA {s} TO {app}", ct);
            await ExecAsync(c, $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {app}", ct);
            await ExecAsync(c, $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {app}", ct);
            await ExecAsync(c, $"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}", ct);
            await ExecAsync(c, $"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {app}", ct);
        }
        foreach (var table in AppendOnlyTables)
            if (await ScalarAsync(c, "SELECT to_regclass(@t)::text", ct, ("t", table)) is string)
                await ExecAsync(c, $"REVOKE UPDATE, DELETE, TRUNCATE ON {Quote(table)} FROM {app}", ct);
        if (await ScalarAsync(c, "SELECT pg_has_role(nspowner, 'USAGE') FROM pg_namespace WHERE nspname = 'public'", ct) is true)
            await ExecAsync(c, "REVOKE CREATE ON SCHEMA public FROM PUBLIC", ct);
    }

    // ALTER … OWNER for objects in user schemas not owned by the owner and not part of an extension (PostGIS's own stay)
    private static async Task<List<string>> AdoptionStatementsAsync(NpgsqlConnection c, string owner, CancellationToken ct)
    {
        const string userSchema = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
        const string notExtension = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = {0}::regclass AND d.objid = {1} AND d.deptype = 'e')";
        var sql = $"""
            SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, @owner) FROM pg_namespace n
            WHERE {userSchema} AND n.nspname <> 'public' AND n.nspowner <> (SELECT oid FROM pg_roles WHERE rolname = @owner)
              AND {string.Format(notExtension, "'pg_namespace'", "n.oid")}
            UNION ALL
            SELECT format('ALTER %s %s OWNER TO %I',
                          CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                          c.oid::regclass, @owner)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {userSchema} AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = @owner)
              AND {string.Format(notExtension, "'pg_class'", "c.oid")}
              -- identity and serial sequences follow their table
              AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
            UNION ALL
            SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, @owner)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE {userSchema} AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = @owner)
              AND {string.Format(notExtension, "'pg_proc'", "p.oid")}
            """;
        var list = new List<string>();
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("owner", owner);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    /// <summary>The role a connection string signs in as.</summary>
    public static string RoleOf(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Username
        ?? throw new ArgumentException("the connection string names no user (Username=…)");

    private static async Task<object?> ScalarAsync(NpgsqlConnection c, string sql, CancellationToken ct, params (string Name, object Value)[] ps)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        foreach (var (n, v) in ps) cmd.Parameters.AddWithValue(n, v);
        var v1 = await cmd.ExecuteScalarAsync(ct);
        return v1 is DBNull ? null : v1;
    }

    private static async Task ExecAsync(NpgsqlConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}

/// <summary>A login role and its password.</summary>
public sealed record RoleLogin(string Name, string Password);
