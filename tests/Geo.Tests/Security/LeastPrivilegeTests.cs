using DiaBan.Geo.Data;
using DiaBan.Geo.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Tests.Security;

/// <summary>
/// Issue 11: the app connected as a superuser and could rewrite the audit trail. Now it works as a role that may only
/// read and write rows; the audit trail is append-only for it, by grant and by trigger.
/// </summary>
public sealed class LeastPrivilegeTests(RoleDatabaseFixture fx) : IClassFixture<RoleDatabaseFixture>
{
    private const string InsufficientPrivilege = "42501";

    private static async Task<PostgresException> RefusedAsync(string connectionString, string sql) =>
        await Assert.ThrowsAsync<PostgresException>(() => RoleDatabaseFixture.ExecAsync(connectionString, sql));

    private Task<int> AuditRowAsync(string connectionString) => RoleDatabaseFixture.ExecAsync(connectionString,
        "INSERT INTO audit_entry (at, actor, action, entity, details) VALUES (now(), 'test', 'insert', 'probe', '{}')");

    [Fact]
    public async Task The_app_role_is_no_superuser_and_owns_nothing()
    {
        Assert.Equal(false, await RoleDatabaseFixture.ScalarAsync(fx.Connections.App, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(0L, await RoleDatabaseFixture.ScalarAsync(fx.Connections.App,
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = current_user"));
        // every table of ours belongs to the owner (the template was built by the superuser and adopted)
        Assert.Equal(0L, await RoleDatabaseFixture.ScalarAsync(fx.Superuser, $"""
            SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys' AND tableowner <> '{fx.Owner.Name}'
            """));
        Assert.Empty(fx.Warnings);
    }

    [Fact]
    public async Task The_app_role_cannot_update_delete_or_truncate_the_audit_trail()
    {
        await AuditRowAsync(fx.Connections.App); // appending is allowed
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(fx.Connections.App, "UPDATE audit_entry SET actor = 'someone else'")).SqlState);
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(fx.Connections.App, "DELETE FROM audit_entry")).SqlState);
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(fx.Connections.App, "TRUNCATE audit_entry")).SqlState);
        Assert.True(await RoleDatabaseFixture.ScalarAsync(fx.Superuser, "SELECT count(*) FROM audit_entry") is > 0L);
    }

    [Fact]
    public async Task The_app_role_cannot_change_the_schema()
    {
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(fx.Connections.App, "CREATE TABLE stolen (x int)")).SqlState);
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(fx.Connections.App, "DROP TABLE incident")).SqlState);
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(fx.Connections.App, "ALTER TABLE audit_entry DISABLE TRIGGER USER")).SqlState);
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(fx.Connections.App, "TRUNCATE incident")).SqlState);
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(fx.Connections.App, "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'")).SqlState);
    }

    [Fact]
    public async Task The_trigger_keeps_the_audit_trail_append_only_even_after_a_mistaken_grant()
    {
        await AuditRowAsync(fx.Connections.App);
        var extra = fx.As(fx.App);
        await RoleDatabaseFixture.ExecAsync(fx.Connections.Owner, $"GRANT UPDATE, DELETE ON audit_entry TO \"{fx.App.Name}\"");
        try
        {
            var update = await RefusedAsync(extra, "UPDATE audit_entry SET actor = 'rewritten'");
            Assert.Contains("append-only", update.MessageText);
            var delete = await RefusedAsync(extra, "DELETE FROM audit_entry");
            Assert.Contains("append-only", delete.MessageText);
        }
        finally
        {
            await DatabaseRoles.GrantAppAsync(fx.Connections.Owner, fx.App.Name); // the idempotent step revokes it again
        }
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(extra, "UPDATE audit_entry SET actor = 'rewritten'")).SqlState);
        // the owner (migrations, retention by an operator) still may
        Assert.True(await RoleDatabaseFixture.ExecAsync(fx.Connections.Owner, "UPDATE audit_entry SET details = details WHERE entity = 'probe'") > 0);
    }

    [Fact]
    public async Task The_app_still_reads_and_writes_through_the_context_with_per_entity_audit()
    {
        await using var db = fx.CreateAppDb();
        db.Actor = "test:least-privilege";
        var f = new GeometryFactory(new PrecisionModel(), 4326);
        var unit = new AdminUnit
        {
            Code = "98765", Name = "Xã Quyền Hạn", Level = UnitLevel.Commune, Kind = UnitKind.Xa, ValidFrom = new DateOnly(2020, 1, 1),
            Geom = f.CreateMultiPolygon([f.CreatePolygon([new(105, 9), new(105.1, 9), new(105.1, 9.1), new(105, 9.1), new(105, 9)])]),
        };
        db.AdminUnits.Add(unit);
        await db.SaveChangesAsync();
        unit.Name = "Xã Quyền Hạn Mới";
        await db.SaveChangesAsync();
        db.AdminUnits.Remove(unit);
        await db.SaveChangesAsync();
        var actions = await db.AuditEntries.Where(a => a.Actor == "test:least-privilege").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["insert", "update", "delete"], actions);
        // temporary tables (contiguity and risk panel queries) stay allowed
        await RoleDatabaseFixture.ExecAsync(fx.Connections.App, "CREATE TEMP TABLE scratch AS SELECT 1 AS x");
    }

    [Fact]
    public async Task One_configured_connection_string_keeps_working_and_warns()
    {
        var warnings = new List<string>();
        var connections = await DatabaseSetup.ResolveConnectionsAsync(fx.Superuser, configuredOwner: null, home: null, warnings.Add);
        Assert.Equal(connections.App, connections.Owner);
        Assert.False(connections.SeparateRoles);
        Assert.Contains(warnings, w => w.Contains("ConnectionStrings:DiaBanOwner"));
        var both = await DatabaseSetup.ResolveConnectionsAsync(fx.Connections.App, fx.Connections.Owner, home: null, warnings.Add);
        Assert.True(both.SeparateRoles);
        Assert.Single(warnings);
    }
}
